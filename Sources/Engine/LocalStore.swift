import Foundation

/// The backup server's local store, read-only (layout in docs/design.md and product.md):
/// `STORE/<source>/source.json` and `STORE/<source>/<point>/…` with `.complete` written last.
public struct LocalStore: Sendable {
    /// The store's root folder.
    public let root: String

    public init(root: String) { self.root = root }

    /// A source's identity from its `source.json`.
    public struct SourceInfo: Codable, Sendable, Equatable {
        public var server: String
        public var kind: String
    }

    static let kinds: Set<String> = ["system-state", "bmr", "files", "sql", "exchange", "sharepoint", "hyperv"]

    /// Names of the sources (folders with a valid name and a `source.json`), sorted.
    public func sources() throws -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: root) } catch {
            throw LocalStoreError("cannot read the local store \(root): \((error as NSError).localizedDescription); check --store")
        }
        return names.filter { Self.isValidName($0) && FileManager.default.fileExists(atPath: "\(root)/\($0)/source.json") }.sorted()
    }

    /// A source's server and kind.
    public func info(_ source: String) throws -> SourceInfo {
        let path = "\(root)/\(source)/source.json"
        guard Self.isValidName(source), FileManager.default.fileExists(atPath: path) else {
            throw LocalStoreError("unknown source '\(source)': no \(path); list sources with 'ls \(root)'")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let info = try? JSONDecoder().decode(SourceInfo.self, from: data), Self.kinds.contains(info.kind)
        else { throw LocalStoreError("\(path) is not {\"server\": …, \"kind\": one of \(Self.kinds.sorted().joined(separator: "|"))}") }
        return info
    }

    /// The source's complete points (with `.complete`), oldest first.
    public func completePoints(_ source: String) throws -> [String] {
        _ = try info(source)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(source)")) ?? []
        return names.filter { Self.isPointName($0) && isComplete(source: source, point: $0) }.sorted()
    }

    /// True when the point folder exists and has `.complete`.
    public func isComplete(source: String, point: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(root)/\(source)/\(point)/.complete")
    }

    /// The folder of a point.
    public func path(source: String, point: String) -> String { "\(root)/\(source)/\(point)" }

    /// `[A-Za-z0-9][A-Za-z0-9._-]*`
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIIAlnum else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIIAlnum || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// `YYYY-MM-DDTHHMMSSZ`
    static func isPointName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard u.count == 18, u[4] == 45, u[7] == 45, u[10] == 84, u[17] == 90 else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 13, 14, 15, 16].allSatisfy { (48...57).contains(u[$0]) }
    }
}

extension Unicode.Scalar {
    var isASCIIAlnum: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self) }
}

/// A problem with the local store; one line naming it.
public struct LocalStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
