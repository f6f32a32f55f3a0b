import AzureAuth
import BlobStore
import Foundation
import Repository
import RepositoryFormat

/// Verifies a repository: structure always (index, packs present and long enough, every
/// point's trees readable and every chunk they name indexed), and with `readData` every byte
/// (each pack hashes to its name, its header matches the index, every blob authenticates and
/// hashes to its id).
public struct Checker<Store: BlobStore>: Sendable {
    public let repository: Repository<Store>

    public init(repository: Repository<Store>) { self.repository = repository }

    /// What a check found.
    public struct Report: Sendable, Codable {
        /// Problems that lose data; each names the object and what it affects.
        public var errors: [String] = []
        /// Harmless findings (unreferenced packs).
        public var warnings: [String] = []
        public var packs = 0
        public var blobs = 0
        public var points = 0
        public var bytesRead: Int64 = 0
    }

    public func run(readData: Bool) async throws -> Report {
        var report = Report()
        let index = try await repository.loadIndex()
        var stored: [String: Int64] = [:]
        for try await info in repository.store.list(prefix: "data/") { stored[info.name] = info.size }
        var byPack: [BlobID: [PackEntry]] = [:]
        for (_, location) in index.blobs { byPack[location.pack, default: []].append(location.entry) }
        report.packs = byPack.count
        report.blobs = index.blobs.count
        for (pack, entries) in byPack {
            let name = IndexFile.packName(pack)
            guard let size = stored[name] else {
                report.errors.append("pack \(name) is missing; \(entries.count) blobs are lost")
                continue
            }
            let end = entries.map { Int64($0.offset) + Int64($0.length) }.max() ?? 0
            if size < end { report.errors.append("pack \(name) is \(size) bytes, shorter than its blobs (\(end))") }
        }
        let indexed = Set(byPack.keys.map(IndexFile.packName))
        for name in stored.keys.sorted() where !indexed.contains(name) {
            report.warnings.append("pack \(name) is in no index (left by an interrupted backup; prune removes it)")
        }
        for (name, manifest) in try await repository.loadManifests() {
            report.points += 1
            await checkTree(manifest.tree, path: "\(manifest.source)/\(manifest.point)", manifest: name, index: index, report: &report)
        }
        if readData {
            for (pack, entries) in byPack.sorted(by: { $0.key < $1.key }) where stored[IndexFile.packName(pack)] != nil {
                await checkPackData(pack, entries: entries, report: &report)
            }
        }
        return report
    }

    func checkTree(_ id: BlobID, path: String, manifest: String, index: RepositoryIndex, report: inout Report) async {
        let tree: Tree
        do { tree = try await repository.loadTree(id, index: index) } catch {
            report.errors.append("\(path): folder unreadable (\(error)); point \(manifest)")
            return
        }
        for node in tree.nodes {
            let child = path + "/" + node.name
            if let sub = node.subtree { await checkTree(sub, path: child, manifest: manifest, index: index, report: &report) }
            let missing = (node.content ?? []).filter { !index.contains($0) }.count
            if missing > 0 { report.errors.append("\(child): \(missing) chunks are in no index; the file cannot be restored") }
        }
    }

    func checkPackData(_ pack: BlobID, entries: [PackEntry], report: inout Report) async {
        let name = IndexFile.packName(pack)
        do {
            let bytes = try await repository.store.get(name)
            report.bytesRead += Int64(bytes.count)
            guard bytes.withUnsafeBytes({ PackReader.id(ofPack: $0) }) == pack else {
                report.errors.append("pack \(name): its header does not hash to its name; the pack changed")
                return
            }
            let header = try PackReader.entries(of: bytes, key: repository.keys.sealing)
            let byID = Dictionary(header.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let codec = repository.keys.codec
            for e in entries {
                guard byID[e.id] == e else {
                    report.errors.append("pack \(name): blob \(e.id.hex.prefix(12)) is not where the index says")
                    continue
                }
                do {
                    _ = try bytes[Int(e.offset)..<Int(e.offset + e.length)].withUnsafeBytes {
                        try codec.decode($0, id: e.id, plainLength: Int(e.plainLength))
                    }
                } catch {
                    report.errors.append("pack \(name): blob \(e.id.hex.prefix(12)) is corrupt (\(error))")
                }
            }
        } catch {
            report.errors.append("pack \(name) unreadable: \(error)")
        }
    }
}
