import AzureAuth
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
            let id = b.withUnsafeBytes { codec.id(of: $0) }
            let sealed = b.withUnsafeBytes { codec.encode($0, id: id, compressor: compressor) }
            writer.add(type: .data, id: id, sealed: sealed, plainLength: b.count)
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

    @Test func aBlobOpensOnlyUnderItsOwnId() throws {
        let compressor = ZstdCompressor()
        let plain: [UInt8] = [1, 2, 3]
        let id = plain.withUnsafeBytes { codec.id(of: $0) }
        let sealed = plain.withUnsafeBytes { codec.encode($0, id: id, compressor: compressor) }
        let wrong = [UInt8]([4]).withUnsafeBytes { codec.id(of: $0) }
        // The id is the envelope's associated data: another id fails the tag, recomputed or not.
        for recompute in [true, false] {
            #expect(throws: SealError.authenticationFailed) {
                try sealed.withUnsafeBytes { try codec.decode($0, id: wrong, plainLength: 3, recomputeID: recompute) }
            }
            #expect(try sealed.withUnsafeBytes { try codec.decode($0, id: id, plainLength: 3, recomputeID: recompute) } == plain)
        }
    }

    @Test func recomputingTheIdCatchesABlobSealedUnderAFalseId() throws {
        // A writer that sealed content under an id that is not its keyed hash: the tag verifies
        // (the writer held the key), and only recomputing the id (check --read-data) notices.
        let plain: [UInt8] = [1, 2, 3]
        let falseID = [UInt8]([4]).withUnsafeBytes { codec.id(of: $0) }
        let sealed = plain.withUnsafeBytes { codec.encode($0, id: falseID, compressor: ZstdCompressor()) }
        #expect(throws: BlobCodecError.idMismatch(falseID)) {
            try sealed.withUnsafeBytes { try codec.decode($0, id: falseID, plainLength: 3) }
        }
        #expect(try sealed.withUnsafeBytes { try codec.decode($0, id: falseID, plainLength: 3, recomputeID: false) } == plain)
    }

    @Test func aPackIsNamedByItsTail() throws {
        var writer = PackWriter()
        let id = BlobID(Array(repeating: 1, count: 32))!
        writer.add(type: .data, id: id, sealed: [UInt8]([5, 6, 7]).withUnsafeBytes { codec.encode($0, id: id, compressor: ZstdCompressor()) }, plainLength: 3)
        let pack = writer.finish(key: codec.sealingKey)
        let name = try #require(pack.withUnsafeBytes { PackReader.id(ofPack: $0) })
        let headerLength = Int(pack[(pack.count - 4)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian)
        #expect(name == BlobID(Digest.sha256(Array(pack[(pack.count - 4 - headerLength)...]))))
        // A changed header changes the name; a changed blob keeps it but fails its own tag.
        var header = pack
        header[pack.count - 6] ^= 1
        #expect(header.withUnsafeBytes { PackReader.id(ofPack: $0) } != name)
        var body = pack
        body[20] ^= 1
        #expect(body.withUnsafeBytes { PackReader.id(ofPack: $0) } == name)
        #expect(throws: SealError.authenticationFailed) {
            try body[0..<(pack.count - 4 - headerLength)].withUnsafeBytes { try codec.decode($0, id: id, plainLength: 3) }
        }
        #expect([UInt8]([1, 2]).withUnsafeBytes { PackReader.id(ofPack: $0) } == nil)
        #expect([UInt8]([255, 0, 0, 0]).withUnsafeBytes { PackReader.id(ofPack: $0) } == nil)
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
