import Testing

@testable import RepositoryFormat

@Suite struct PackTests {
    let codec = BlobCodec(sealingKey: .random(), idKey: Array(repeating: 3, count: 32))

    @Test func packRoundTripsCompressibleAndRandomBlobs() throws {
        let compressor = ZstdCompressor()
        var x: UInt64 = 9
        let blobs: [[UInt8]] = [
            [UInt8](repeating: 0, count: 100_000),
            (0..<50_000).map { _ in x ^= x << 13; x ^= x >> 7; x ^= x << 17; return UInt8(truncatingIfNeeded: x) },
            Array("registry hive SYSTEM SOFTWARE SAM ".utf8) + [],
            [],
        ]
        var writer = PackWriter()
        for b in blobs {
            let sealed = b.withUnsafeBytes { codec.encode($0, compressor: compressor) }
            writer.add(type: .data, id: b.withUnsafeBytes { codec.id(of: $0) }, sealed: sealed, plainLength: b.count)
        }
        #expect(writer.entries[0].length < 1000, "zeroes are compressed")
        #expect(writer.entries[1].length == 50_000 + 1 + UInt32(SealingKey.overhead), "random data is stored as is")
        let pack = writer.finish(key: codec.sealingKey)
        let entries = try PackReader.entries(of: pack, key: codec.sealingKey)
        #expect(entries == writer.entries)
        for (entry, plain) in zip(entries, blobs) {
            let sealed = Array(pack[Int(entry.offset)..<Int(entry.offset + entry.length)])
            #expect(try sealed.withUnsafeBytes { try codec.decode($0, id: entry.id, plainLength: Int(entry.plainLength)) } == plain)
        }
    }

    @Test func aBlobUnderTheWrongIdIsRefused() throws {
        let compressor = ZstdCompressor()
        let sealed = [UInt8]([1, 2, 3]).withUnsafeBytes { codec.encode($0, compressor: compressor) }
        let wrong = [UInt8]([4]).withUnsafeBytes { codec.id(of: $0) }
        #expect(throws: BlobCodecError.idMismatch(wrong)) {
            try sealed.withUnsafeBytes { try codec.decode($0, id: wrong, plainLength: 3) }
        }
    }

    @Test func truncatedOrAlteredPacksAreRefused() {
        var writer = PackWriter()
        writer.add(type: .tree, id: BlobID(Array(repeating: 1, count: 32))!, sealed: codec.sealingKey.seal([5]), plainLength: 1)
        let pack = writer.finish(key: codec.sealingKey)
        #expect(throws: (any Error).self) { try PackReader.entries(of: Array(pack.dropLast(5)), key: codec.sealingKey) }
        var bad = pack
        bad[bad.count - 10] ^= 1
        #expect(throws: SealError.authenticationFailed) { try PackReader.entries(of: bad, key: codec.sealingKey) }
    }

    @Test func idsRoundTripThroughHex() {
        let id = BlobID((0..<32).map { UInt8($0 * 8) })!
        #expect(BlobID(hex: id.hex) == id)
        #expect(BlobID(hex: id.hex.uppercased()) == id)
        #expect(BlobID(hex: "zz") == nil)
    }
}
