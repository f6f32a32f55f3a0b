import Foundation

/// The folder a restore writes into, and the checks made before the first byte is written.
///
/// A restore in progress keeps a marker file (`.tiergate-restore`, naming the source and point)
/// at the folder's root until it completes, so that rerunning the same restore resumes into the
/// folder without `--overwrite`, while any other non-empty folder is refused. Files are written
/// under `<name>.tiergate-partial` and renamed when complete.
public struct RestoreDestination: Sendable {
    /// The destination folder.
    public let root: String

    /// The marker of an unfinished restore.
    public static let markerName = ".tiergate-restore"
    /// The suffix of a file still being written.
    public static let partialSuffix = ".tiergate-partial"

    /// Measures the free bytes of a folder's file system (statvfs unless a test injects one).
    let measureFree: @Sendable (String) -> Int64?

    public init(root: String, freeSpace: (@Sendable (String) -> Int64?)? = nil) {
        self.root = root
        self.measureFree = freeSpace ?? Self.statvfsFree
    }

    /// Absolute path of a point-relative path.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Checks the folder and marks it: refuses a non-empty folder unless `overwrite` or it holds
    /// an unfinished restore of the same point.
    public func prepare(source: String, point: String, overwrite: Bool) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let marker = "\(source)/\(point)\n"
        if fm.fileExists(atPath: root, isDirectory: &isDir) {
            guard isDir.boolValue else { throw RestoreError("\(root) is a file, not a folder; choose a folder for --to") }
            let names = (try? fm.contentsOfDirectory(atPath: root)) ?? []
            let previous = fm.contents(atPath: path(Self.markerName)).map { String(decoding: $0, as: UTF8.self) }
            let resuming = previous == marker
            if !names.isEmpty && !resuming && !overwrite {
                let why = previous.map { "it holds an unfinished restore of \($0.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? "it is not empty"
                throw RestoreError("\(root): \(why); choose an empty folder for --to, or pass --overwrite to restore into it")
            }
        } else {
            do { try fm.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
                throw RestoreError("cannot create \(root): \((error as NSError).localizedDescription); check --to")
            }
        }
        guard fm.createFile(atPath: path(Self.markerName), contents: Data(marker.utf8)) else {
            throw RestoreError("cannot write into \(root) (\(String(cString: strerror(errno)))); check --to and its permissions")
        }
    }

    /// Bytes available to this user on the destination's file system.
    public func freeBytes() -> Int64? { measureFree(root) }

    @Sendable static func statvfsFree(_ path: String) -> Int64? {
        var st = statvfs()
        guard statvfs(path, &st) == 0 else { return nil }
        return Int64(st.f_bavail) * Int64(st.f_frsize)
    }

    /// Removes the marker: the restore is complete.
    public func finish() {
        unlink(path(Self.markerName))
    }
}
