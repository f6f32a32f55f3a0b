import Foundation

/// One entry of a point's tree, as found on disk.
struct ScannedEntry: Sendable {
    enum Kind: Sendable { case file, directory, symlink }
    /// Path relative to the point's root, `/`-separated; "" for the root itself.
    var path: String
    var kind: Kind
    var mode: UInt32
    var mtime: Int64
    var size: Int64
    var target: String?
}

/// Lists a point's tree (depth first, names sorted), skipping the `.complete` marker.
enum PointScanner {
    static func scan(root: String) throws -> [ScannedEntry] {
        var out: [ScannedEntry] = []
        try visit(root: root, relative: "", into: &out)
        return out
    }

    private static func visit(root: String, relative: String, into out: inout [ScannedEntry]) throws {
        let full = relative.isEmpty ? root : root + "/" + relative
        var st = stat()
        guard lstat(full, &st) == 0 else {
            throw LocalStoreError("\(full) vanished or is unreadable while the point was read (\(String(cString: strerror(errno))))")
        }
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        let mode = UInt32(st.st_mode) & 0o7777
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            out.append(ScannedEntry(path: relative, kind: .directory, mode: mode, mtime: mtime, size: 0))
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: full) } catch {
                throw LocalStoreError("\(full) vanished or is unreadable while the point was read")
            }
            for name in names.sorted() where !(relative.isEmpty && name == ".complete") {
                try visit(root: root, relative: relative.isEmpty ? name : relative + "/" + name, into: &out)
            }
        case S_IFREG:
            out.append(ScannedEntry(path: relative, kind: .file, mode: mode, mtime: mtime, size: Int64(st.st_size)))
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""
            out.append(ScannedEntry(path: relative, kind: .symlink, mode: mode, mtime: mtime, size: 0, target: target))
        default:
            break  // sockets, devices and pipes are not part of a recovery point
        }
    }
}
