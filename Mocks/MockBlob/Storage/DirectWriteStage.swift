#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWriteback
import Foundation

/// Writes one new file in whole, aligned 1 MiB units past the page cache (`O_DIRECT`), the rest
/// (a body shorter than one unit, and the tail) through it.
///
/// Bytes are gathered in an aligned buffer; each full unit is written with `O_DIRECT` switched
/// on, the tail with it switched off again. A body under 1 MiB never touches `O_DIRECT`. Where
/// the file system refuses `O_DIRECT` (tmpfs), everything goes through the page cache.
///
/// Why: the mock shares the machine with the client it serves, and a backup streams gigabytes
/// through it. Through the page cache each MiB stored cost the kernel a copy, new pages, delayed
/// allocation and writeback: 0.42-0.46 system-seconds for the packs of a 1 GiB backup, against
/// 0.29-0.35 with direct units, in interleaved runs (docs/benchmarks.md, fifth round).
final class DirectWriteStage {
    static let unit = 1 << 20
    private let buffer: UnsafeMutableRawPointer
    private var filled = 0
    /// Bytes already in the file.
    private(set) var written: Int64 = 0
    /// Whether the descriptor has `O_DIRECT` on now; nil once the file system refused it.
    private var direct: Bool? = false

    init() {
        var raw: UnsafeMutableRawPointer?
        precondition(posix_memalign(&raw, 4096, Self.unit) == 0, "no memory for a 1 MiB write buffer")
        buffer = raw!
    }

    deinit { free(buffer) }

    /// Adds `raw` to the file, writing every unit that fills.
    func append(_ raw: UnsafeRawBufferPointer, fd: Int32, path: String) throws {
        var offset = 0
        while offset < raw.count {
            let n = min(Self.unit - filled, raw.count - offset)
            (buffer + filled).copyMemory(from: raw.baseAddress! + offset, byteCount: n)
            filled += n
            offset += n
            if filled == Self.unit { try writeUnit(fd: fd, path: path) }
        }
    }

    /// Writes what is gathered (less than a unit) through the page cache.
    func finish(fd: Int32, path: String) throws {
        if direct == true { setDirect(false, fd: fd) }
        try writeGathered(fd: fd, path: path)
    }

    private func writeUnit(fd: Int32, path: String) throws {
        if direct == false { direct = setDirect(true, fd: fd) ? true : nil }
        try writeGathered(fd: fd, path: path)
    }

    private func writeGathered(fd: Int32, path: String) throws {
        var done = 0
        while done < filled {
            let n = pwrite(fd, buffer + done, filled - done, off_t(written) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                // A direct write the device refuses part-way (EINVAL on odd alignment rules):
                // the rest goes through the page cache.
                if errno == EINVAL && direct == true {
                    setDirect(false, fd: fd)
                    direct = nil
                    continue
                }
                throw FileIO.FileIOError(operation: "write", path: path, code: errno)
            }
            done += n
        }
        written += Int64(filled)
        filled = 0
    }

    /// Switches `O_DIRECT` on or off; false when the file system refuses it.
    @discardableResult
    private func setDirect(_ on: Bool, fd: Int32) -> Bool {
        tiergate_set_direct(fd, on ? 1 : 0) == 0
    }
}
