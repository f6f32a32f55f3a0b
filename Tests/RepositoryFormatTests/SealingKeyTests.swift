import Testing

@testable import RepositoryFormat

@Suite struct SealingKeyTests {
    let key = SealingKey.random()

    @Test(arguments: [0, 1, 15, 16, 1000, 1 << 20])
    func sealThenOpenRoundTrips(_ size: Int) throws {
        let plain = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let sealed = key.seal(plain)
        #expect(sealed.count == size + SealingKey.overhead)
        #expect(try key.open(sealed) == plain)
    }

    @Test func sealingTwiceGivesDifferentBytes() {
        #expect(key.seal([1, 2, 3]) != key.seal([1, 2, 3]))
    }

    @Test func anyFlippedBitIsRefused() {
        let sealed = key.seal(Array("recovery point".utf8))
        for position in [0, 11, 12, sealed.count / 2, sealed.count - 1] {
            var bad = sealed
            bad[position] ^= 0x01
            #expect(throws: SealError.authenticationFailed) { try key.open(bad) }
        }
        #expect(throws: SealError.authenticationFailed) { try key.open(Array(sealed.dropLast())) }
        #expect(throws: SealError.tooShort(3)) { try key.open([1, 2, 3]) }
    }

    @Test func anotherKeyIsRefused() {
        let sealed = key.seal([9, 9, 9])
        #expect(throws: SealError.authenticationFailed) { try SealingKey.random().open(sealed) }
    }

    @Test func scryptIsDeterministicPerSaltAndPassphrase() {
        let kdf = PassphraseKDF(n: 1 << 10, r: 8, p: 1, salt: Array(repeating: 7, count: 16))
        #expect(kdf.deriveKey(passphrase: "correct horse") == kdf.deriveKey(passphrase: "correct horse"))
        #expect(kdf.deriveKey(passphrase: "correct horse") != kdf.deriveKey(passphrase: "wrong horse"))
        let other = PassphraseKDF(n: 1 << 10, r: 8, p: 1, salt: Array(repeating: 8, count: 16))
        #expect(other.deriveKey(passphrase: "correct horse") != kdf.deriveKey(passphrase: "correct horse"))
    }

    @Test func scryptKnownAnswerFromRFC7914() {
        // RFC 7914 section 12, second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
        let kdf = PassphraseKDF(n: 1024, r: 8, p: 16, salt: Array("NaCl".utf8))
        #expect(kdf.deriveKey(passphrase: "password").rawBytes.prefix(8) == [0xfd, 0xba, 0xbe, 0x1c, 0x9d, 0x34, 0x72, 0x00])
    }
}

@Suite struct FlaggedSealTests {
    // The codec seals a flag byte and the payload without joining them first: opening gives
    // back exactly flag ‖ payload, for empty and large payloads alike.
    @Test(arguments: [0, 1, 100, 70_000])
    func aFlagAndPayloadOpenAsOneMessage(length: Int) throws {
        let key = SealingKey.random()
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for flag: UInt8 in [0, 1] {
            let sealed = payload.withUnsafeBytes { key.seal(flag: flag, $0) }
            #expect(sealed.count == length + 1 + SealingKey.overhead)
            #expect(try key.open(sealed) == [flag] + payload)
        }
        #expect(try key.open(payload.withUnsafeBytes { key.seal(flag: UInt8?.none, $0) }) == payload)
    }
}
