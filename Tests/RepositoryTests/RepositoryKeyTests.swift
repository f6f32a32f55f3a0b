import BlobStore
import Foundation
import Testing

@testable import Repository
@testable import RepositoryFormat

@Suite struct RepositoryKeyTests {
    let fast = PassphraseKDF(n: 1 << 10, r: 8, p: 1)

    @Test func initThenOpenWithThePassphrase() async throws {
        let store = InMemoryBlobStore(createContainer: false)
        let made = try await Repository.initialize(store: store, container: "c", passphrase: "s3cret", kdf: fast)
        let opened = try await Repository.open(store: store, container: "c", passphrase: "s3cret")
        #expect(opened.keys == made.keys)
        #expect(opened.config == made.config)
        #expect(opened.config.chunker.averageSize == 64 << 10)
    }

    @Test func wrongPassphraseMissingAndDoubleInitAreRefused() async throws {
        let store = InMemoryBlobStore()
        await #expect(throws: RepositoryError.notInitialized(container: "c")) {
            _ = try await Repository.open(store: store, container: "c", passphrase: "x")
        }
        _ = try await Repository.initialize(store: store, container: "c", passphrase: "right", kdf: fast)
        await #expect(throws: RepositoryError.wrongPassphrase) {
            _ = try await Repository.open(store: store, container: "c", passphrase: "wrong")
        }
        await #expect(throws: RepositoryError.alreadyInitialized(container: "c")) {
            _ = try await Repository.initialize(store: store, container: "c", passphrase: "again", kdf: fast)
        }
        await #expect(throws: RepositoryError.unusablePassphrase("it is empty")) {
            _ = try await Repository.initialize(store: InMemoryBlobStore(), container: "d", passphrase: "", kdf: fast)
        }
    }

    @Test func aConfigOfAnotherFormatVersionIsRefusedWithWhatToDo() async throws {
        for (version, advice) in [(1, "back up into a new container (tiergate init --container NAME)"), (3, "upgrade tiergate")] {
            let store = InMemoryBlobStore()
            let repo = try await Repository.initialize(store: store, container: "c", passphrase: "pw", kdf: fast)
            var config = repo.config
            config.version = version
            let sealed = repo.keys.sealing.seal(Array(try JSONEncoder().encode(config)))
            _ = try await store.put("config", body: sealed, options: PutOptions(overwrite: true))
            do {
                _ = try await Repository.open(store: store, container: "c", passphrase: "pw")
                Issue.record("format version \(version) opened")
            } catch {
                #expect("\(error)".contains("format version \(version)"), "\(error)")
                #expect("\(error)".hasSuffix(advice), "\(error)")
            }
        }
    }

    @Test func addAndChangePassphraseKeepTheSameKeys() async throws {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "one", kdf: fast)
        _ = try await repo.addPassphrase("two", kdf: fast)
        #expect(try await Repository.open(store: store, container: "c", passphrase: "two").keys == repo.keys)
        try await repo.changePassphrase(from: "one", to: "three", kdf: fast)
        #expect(try await Repository.open(store: store, container: "c", passphrase: "three").keys == repo.keys)
        #expect(try await Repository.open(store: store, container: "c", passphrase: "two").keys == repo.keys)
        await #expect(throws: RepositoryError.wrongPassphrase) {
            _ = try await Repository.open(store: store, container: "c", passphrase: "one")
        }
        await #expect(throws: RepositoryError.wrongPassphrase) { try await repo.changePassphrase(from: "nope", to: "x", kdf: fast) }
        #expect(try await store.list(prefix: "keys/").collect().count == 2)
    }

    @Test func sealedObjectsAreNamedByHashAndCheckedOnLoad() async throws {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: fast)
        let name = try await repo.saveSealed(Array("manifest".utf8), prefix: "points")
        #expect(name.hasPrefix("points/") && name.count == "points/".count + 64)
        #expect(try await repo.loadSealed(name) == Array("manifest".utf8))
        var bytes = try await store.get(name)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("manifest"), "nothing readable reaches the cloud")
        bytes[bytes.count - 1] ^= 1
        _ = try await store.put(name, body: bytes)
        await #expect(throws: RepositoryError.self) { _ = try await repo.loadSealed(name) }
    }
}

@Suite struct IndexFileTests {
    func id(_ n: UInt8) -> BlobID { BlobID(Array(repeating: n, count: 32))! }

    @Test func theBinaryFormRoundTripsAndIsCompact() throws {
        let file = IndexFile(packs: [
            IndexFile.Pack(id: id(1), blobs: [
                PackEntry(type: .data, id: id(2), offset: 0, length: 70_000, plainLength: 65_536),
                PackEntry(type: .tree, id: id(3), offset: 70_000, length: 300, plainLength: UInt32.max),
            ]),
            IndexFile.Pack(id: id(4), blobs: []),
        ])
        let bytes = file.encoded()
        #expect(bytes.count == 8 + 2 * 36 + 2 * 45)
        #expect(IndexFile(decoding: bytes) == file)
        #expect(IndexFile(decoding: IndexFile(packs: []).encoded()) == IndexFile(packs: []))
    }

    @Test func anythingElseIsRefused() {
        let bytes = IndexFile(packs: [IndexFile.Pack(id: id(1), blobs: [PackEntry(type: .data, id: id(2), offset: 1, length: 2, plainLength: 3)])]).encoded()
        for cut in [0, 3, 4, 7, 8, 40, bytes.count - 1] {
            #expect(IndexFile(decoding: Array(bytes.prefix(cut))) == nil, "cut at \(cut)")
        }
        #expect(IndexFile(decoding: bytes + [0]) == nil, "trailing bytes")
        var badType = bytes
        badType[44] = 9
        #expect(IndexFile(decoding: badType) == nil, "unknown blob type")
        var huge = bytes
        huge[40] = 0xFF
        huge[41] = 0xFF
        #expect(IndexFile(decoding: huge) == nil, "a blob count beyond the bytes")
        #expect(IndexFile(decoding: Array("{\"packs\":[]}".utf8)) == nil, "JSON")
    }
}
