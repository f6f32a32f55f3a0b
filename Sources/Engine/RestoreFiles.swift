import CWriteback
import Foundation
import Synchronization

/// A file of the selection that the restore writes.
struct PlannedFile: Sendable {
    /// Path relative to the point's root.
    var path: String
    var size: Int64
    var mode: UInt32
    /// Modification time, nanoseconds since 1970.
    var mtime: Int64
}

/// Writes restored files: each under its partial name, opened on first use (with its full size,
/// so chunks can land in any order and zero chunks need no write), and — when its last byte is
/// in — flushed to disk, given its mode and time, and renamed to its real name. Thread-safe:
/// chunk writes of many downloads run in parallel; the bookkeeping is under one lock.
final class RestoreFiles: Sendable {
    private struct State {
        var fds: [Int: Int32] = [:]
        var users: [Int: Int] = [:]
        var remaining: [Int64]
        var unflushed: [Int: Int] = [:]
        var prefixes: [Int: WrittenPrefix] = [:]
        /// Per file: the end of what left the page cache, and the whole prefix (page-aligned)
        /// at the last writeback start.
        var kicked: [Int: (dropped: Int64, kicked: Int64)] = [:]
        /// Per file allocated in whole when created: its runs of zeroes, freed again when the
        /// file is whole.
        var zeroRuns: [Int: ZeroRuns] = [:]
        var done = 0
    }

    let destination: RestoreDestination
    let files: [PlannedFile]
    /// Flush each file to disk before its rename, so that a file under its real name is whole even after a power cut.
    let durable: Bool
    private let state: Mutex<State>
    private static let maxOpen = 128
    /// Files of this size or more are allocated in whole when created.
    static let preallocateFrom: Int64 = 1 << 20
    /// Bytes written into a file between two starts of its writeback (with `durable`).
    let writebackEvery: Int
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(destination: RestoreDestination, files: [PlannedFile], durable: Bool, writebackEvery: Int = 32 << 20) {
        self.destination = destination
        self.files = files
        self.durable = durable
        self.writebackEvery = writebackEvery
        self.state = Mutex(State(remaining: files.map(\.size)))
    }

    /// Files completed so far.
    var completed: Int { state.withLock { $0.done } }

    /// Writes `bytes` at `offset` of file `index` (or, with `nil`, records a run of zeroes there,
    /// which the file already reads as); finishes the file when it is whole.
    func write(_ bytes: UnsafeRawBufferPointer?, count: Int, file index: Int, at offset: Int64) throws {
        let fd = try acquire(index)
        var failure: Int32 = 0
        if let bytes {
            var written = 0
            while written < count {
                let n = pwrite(fd, bytes.baseAddress! + written, count - written, off_t(offset) + off_t(written))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                written += n
            }
        }
        let (whole, kick, drop) = state.withLock { s -> (Bool, Bool, Range<Int64>) in
            s.users[index, default: 1] -= 1
            if failure != 0 { return (false, false, 0..<0) }
            s.remaining[index] -= Int64(count)
            s.prefixes[index, default: WrittenPrefix()].add(offset: offset, count: count)
            if bytes == nil { s.zeroRuns[index]?.add(offset: offset, count: count) }
            let unflushed = s.unflushed[index, default: 0] + (bytes == nil ? 0 : count)
            let kick = durable && unflushed >= writebackEvery
            s.unflushed[index] = kick ? 0 : unflushed
            guard kick else { return (s.remaining[index] == 0, false, 0..<0) }
            // What was whole at the previous start has had a round of writes to reach the disk.
            let (dropped, kicked) = s.kicked[index, default: (0, 0)]
            s.kicked[index] = (kicked, s.prefixes[index]!.end & ~Int64(Self.pageSize - 1))
            return (s.remaining[index] == 0, true, dropped..<kicked)
        }
        if failure != 0 { throw writeError(index, errno: failure) }
        if kick && !whole {
            // Drop-behind: pages of the whole prefix that are on disk leave the page cache, so a
            // restore of hundreds of GiB does not evict the server's working set, and new writes
            // reuse the freed pages (measured: see docs/benchmarks.md). Only whole pages before
            // the prefix go: a page still to be written is never read back from disk.
            if !drop.isEmpty { _ = posix_fadvise(fd, off_t(drop.lowerBound), off_t(drop.count), POSIX_FADV_DONTNEED) }
            // Starts writing what is dirty now, so the flush before the rename finds little left.
            _ = tiergate_start_writeback(fd)
        }
        if whole { try finish(index) }
    }

    /// Creates and finishes an empty file.
    func writeEmpty(file index: Int) throws {
        _ = try acquire(index)
        state.withLock { $0.users[index, default: 1] -= 1 }
        try finish(index)
    }

    /// Closes every open file and deletes every partial file (after a failure).
    func abandon() {
        let open = state.withLock { s -> [Int: Int32] in
            let fds = s.fds
            s.fds = [:]
            return fds
        }
        for (index, fd) in open {
            close(fd)
            unlink(partialPath(index))
        }
    }

    func partialPath(_ index: Int) -> String { destination.path(files[index].path) + RestoreDestination.partialSuffix }

    private func acquire(_ index: Int) throws -> Int32 {
        try state.withLock { s -> Int32 in
            s.users[index, default: 0] += 1
            if let fd = s.fds[index] { return fd }
            if s.fds.count >= Self.maxOpen, let idle = s.fds.first(where: { s.users[$0.key, default: 0] == 0 }) {
                close(idle.value)
                s.fds[idle.key] = nil
            }
            let path = partialPath(index)
            // A file reopened after eviction keeps what it holds; a new one starts empty at full size.
            let fresh = s.remaining[index] == files[index].size
            let fd = open(path, O_WRONLY | O_CREAT | (fresh ? O_TRUNC : 0), 0o600)
            guard fd >= 0 else {
                s.users[index, default: 1] -= 1
                throw writeError(index, errno: errno)
            }
            if fresh, ftruncate(fd, off_t(files[index].size)) != 0 {
                let e = errno
                close(fd)
                s.users[index, default: 1] -= 1
                throw writeError(index, errno: e)
            }
            // A large file is allocated in whole before its first write, so writes find their
            // blocks instead of reserving them page by page (measured: 6% less time for a 1 GiB
            // image, docs/benchmarks.md, fifth round); its zeroes are freed again at the end.
            // Without room or support for it, the file stays as it is (nothing kept allocated).
            if fresh, files[index].size >= Self.preallocateFrom {
                if tiergate_preallocate(fd, 0, files[index].size) == 0 {
                    s.zeroRuns[index] = ZeroRuns()
                } else {
                    _ = tiergate_punch_hole(fd, 0, files[index].size)
                }
            }
            s.fds[index] = fd
            return fd
        }
    }

    private func finish(_ index: Int) throws {
        guard let (fd, zeroes) = state.withLock({ s -> (Int32, ZeroRuns?)? in
            s.prefixes[index] = nil
            s.kicked[index] = nil
            guard let fd = s.fds.removeValue(forKey: index) else { return nil }
            return (fd, s.zeroRuns.removeValue(forKey: index))
        }) else { return }
        let file = files[index]
        defer { close(fd) }
        do {
            // Zeroes take no room: what was allocated for them is freed (whole pages).
            for hole in zeroes?.pages(Int64(Self.pageSize)) ?? [] {
                if tiergate_punch_hole(fd, hole.lowerBound, hole.upperBound - hole.lowerBound) != 0 { throw writeError(index, errno: errno) }
            }
            if durable, fsync(fd) != 0 { throw writeError(index, errno: errno) }
        } catch {
            // No longer among the open files, so `abandon` would not find it: nothing half-written stays.
            unlink(partialPath(index))
            throw error
        }
        // On disk now: its pages can go (drop-behind, as above).
        if durable { _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) }
        fchmod(fd, mode_t(file.mode))
        var times = [Self.timespec(nanoseconds: file.mtime), Self.timespec(nanoseconds: file.mtime)]
        futimens(fd, &times)
        let final = destination.path(file.path)
        if rename(partialPath(index), final) != 0 { throw writeError(index, errno: errno) }
        state.withLock { $0.done += 1 }
    }

    static func timespec(nanoseconds: Int64) -> timespec {
        let (s, ns) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        return ns < 0 ? Glibc.timespec(tv_sec: Int(s - 1), tv_nsec: Int(ns + 1_000_000_000)) : Glibc.timespec(tv_sec: Int(s), tv_nsec: Int(ns))
    }

    private func writeError(_ index: Int, errno code: Int32) -> RestoreError {
        let path = destination.path(files[index].path)
        if code == ENOSPC || code == EDQUOT {
            return RestoreError("disk full while writing \(path); free space on \(destination.root) and run the restore again (it resumes)")
        }
        return RestoreError("cannot write \(path): \(String(cString: strerror(code))); check --to")
    }
}
