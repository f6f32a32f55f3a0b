import CWriteback
import Foundation
import Synchronization

/// Drop-behind for stored data: a finished data file of `minimum` bytes or more has its
/// writeback started at once, and leaves the page cache `keep` files later, when it is on disk
/// (`posix_fadvise(DONTNEED)`, which skips pages still dirty).
///
/// The mock stores what clients upload (16 MiB packs from tiergate) and seldom reads it back
/// at once. Kept cached, a backup of 1 GiB filled 700 MiB of the machine's memory with packs,
/// and on a VM whose free memory goes back to the host each of those new pages cost a fault
/// there: the mock's system time for that backup varied from 0.4 to 1.4 s. Recycling its pages
/// keeps it near 0.45 s (docs/benchmarks.md, fourth round). Since the mock writes whole 1 MiB
/// units past the page cache (`DirectWriteStage`), what is left to drop is each file's tail, and
/// whole files where the file system refuses `O_DIRECT`.
final class DropBehind: Sendable {
    let minimum: Int64
    let keep: Int
    /// Descriptors of files written back but not dropped yet, oldest first.
    private let waiting = Mutex<[Int32]>([])

    init(minimum: Int64 = 1 << 20, keep: Int = 4) {
        self.minimum = minimum
        self.keep = max(0, keep)
    }

    deinit {
        for fd in waiting.withLock({ $0 }) { close(fd) }
    }

    /// Takes over `fd`, a finished file of `size` bytes: closes it now (small files), or starts
    /// its writeback and closes it once its pages are dropped.
    func finished(_ fd: Int32, size: Int64) {
        guard size >= minimum else {
            close(fd)
            return
        }
        _ = tiergate_start_writeback(fd)
        let due: [Int32] = waiting.withLock { w in
            w.append(fd)
            guard w.count > keep else { return [] }
            defer { w.removeFirst(w.count - keep) }
            return Array(w.prefix(w.count - keep))
        }
        for old in due {
            _ = posix_fadvise(old, 0, 0, POSIX_FADV_DONTNEED)
            close(old)
        }
    }
}
