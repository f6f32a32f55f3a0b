import AzureAuth
import Testing

@Suite struct ChecksumTests {
    @Test func crc64CheckValues() {
        #expect(CRC64().base64 == "AAAAAAAAAAA=")
        #expect(CRC64.checksum(Array("123456789".utf8)) == 0xAE8B_1486_0A79_9888)
    }

    @Test func crc64IsTheSameInPieces() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var pieces = CRC64()
        for start in stride(from: 0, to: data.count, by: 333) {
            pieces.update(Array(data[start..<min(start + 333, data.count)]))
        }
        #expect(pieces.value == CRC64.checksum(data))
    }

    @Test func digestsKnownAnswers() {
        #expect(Base64.encode(Digest.md5(Array("hello".utf8))) == "XUFAKrxLKna5cZ2REBfFkg==")
        #expect(Digest.sha256(Array("abc".utf8)).prefix(4) == [0xBA, 0x78, 0x16, 0xBF])
        // RFC 4231 test case 2
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.prefix(4) == [0x5B, 0xDC, 0xC1, 0x46])
    }
}
