#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Hummingbird

/// Thin POSIX file helpers the directory store uses; every failure is a thrown `FileIOError`.
enum FileIO {
    struct FileIOError: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    static func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 { throw FileIOError(operation: operation, path: path, code: errno) }
    }

    /// Opens a new file for writing; fails when it exists.
    static func create(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try check(fd, "create", path)
        return fd
    }

    /// Opens a file for reading.
    static func openForReading(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        try check(fd, "open", path)
        return fd
    }

    /// Writes all of `raw` at the file's current offset.
    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(operation: "write", path: path, code: errno)
            }
            offset += n
        }
    }

    /// Flushes a file (or directory) to stable storage.
    static func fsyncPath(_ path: String, directory: Bool = false) throws {
        let fd = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC)
        try check(fd, "open", path)
        defer { close(fd) }
        try check(fsync(fd), "fsync", path)
    }

    /// Reads up to `count` bytes at `offset` into a new buffer (fewer at the end of the file).
    static func read(_ fd: Int32, offset: Int64, count: Int, path: String) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var total = 0
        while total < count {
            let want = count - total
            let at = off_t(offset) + off_t(total)
            let n = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { raw -> Int in
                while true {
                    let r = pread(fd, raw.baseAddress!, want, at)
                    if r >= 0 { return r }
                    if errno != EINTR { throw FileIOError(operation: "read", path: path, code: errno) }
                }
            }
            if n == 0 { break }
            total += n
        }
        return buffer
    }

    /// Writes `data` to `path` atomically: temporary file, optional fsync, rename.
    static func writeAtomically(_ data: Data, to path: String, sync: Bool) throws {
        let tmp = path + ".tmp-\(temporarySuffix())"
        let fd = try create(tmp)
        do {
            try data.withUnsafeBytes { try writeAll(fd, $0, path: tmp) }
            if sync { try check(fsync(fd), "fsync", tmp) }
            close(fd)
            try check(rename(tmp, path), "rename", path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if sync { try fsyncPath((path as NSString).deletingLastPathComponent, directory: true) }
    }

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var counter: UInt64 = 0

    /// A suffix unique within this process (temporary files are removed at start).
    static func temporarySuffix() -> String {
        let n = counterLock.withLock { counter += 1; return counter }
        return "\(getpid())-\(n)"
    }

    /// Creates a directory and its parents.
    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
