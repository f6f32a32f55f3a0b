@testable import AzureAuth
import Foundation
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

@Suite struct AzureDateTests {
    @Test(arguments: [0.0, 784_111_777, 951_782_400, 1_795_401_600, 4_102_444_799])
    func rfc1123RoundTrips(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(AzureDate.parseRFC1123(AzureDate.rfc1123(date)) == date)
    }

    @Test func knownDates() {
        #expect(AzureDate.rfc1123(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(AzureDate.parseRFC1123("Tue, 29 Feb 2000 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        #expect(AzureDate.parseISO8601("2030-01-02T03:04:05Z") == Date(timeIntervalSince1970: 1_893_553_445))
    }

    @Test(arguments: ["", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "garbage"])
    func malformedDatesAreNil(_ text: String) {
        #expect(AzureDate.parseRFC1123(text) == nil)
    }
}

@Suite struct CRC64FoldingTests {
    /// Deterministic bytes (a 64-bit LCG).
    func bytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var x = seed
        return (0..<n).map { _ in
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: x >> 56)
        }
    }

    // Every length around the folding's steps (64-byte lanes, 16-byte tail), from several
    // running states and offsets, against the table-driven CRC.
    @Test func foldingAgreesWithTheTables() {
        let data = bytes(5000, seed: 11)
        for length in Array(0...300) + [1023, 1024, 1025, 4096, 4999] {
            for offset in [0, 3] where offset + length <= data.count {
                data[offset..<(offset + length)].withUnsafeBytes { raw in
                    for prefix in [[], [UInt8(7)], Array("123456789".utf8)] {
                        var fast = CRC64()
                        var slow = CRC64()
                        fast.update(prefix)
                        prefix.withUnsafeBytes { slow.updateWithTables($0) }
                        fast.update(raw)
                        slow.updateWithTables(raw)
                        #expect(fast.value == slow.value, "length \(length), offset \(offset), prefix \(prefix.count)")
                    }
                }
            }
        }
    }

    @Test func aLargeBufferHasTheSameChecksumWholeAndInPieces() {
        let data = bytes(1 << 20, seed: 5)
        var pieces = CRC64()
        var i = 0
        for size in [1, 63, 64, 65, 4096, 100_000, 500_000] {
            pieces.update(Array(data[i..<(i + size)]))
            i += size
        }
        pieces.update(Array(data[i...]))
        var tables = CRC64()
        data.withUnsafeBytes { tables.updateWithTables($0) }
        #expect(pieces.value == tables.value)
        #expect(CRC64.checksum(data) == tables.value)
    }
}
