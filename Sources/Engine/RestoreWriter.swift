import Foundation
import Synchronization

/// Hands decoded chunks to one writer thread, so the download tasks go on decoding while the
/// bytes are copied into the page cache.
///
/// Measured on a 1 GiB image (docs/benchmarks.md): writes into one file serialize on the
/// kernel's inode lock anyway, and two tasks writing at once spent about 7% of the restore's
/// CPU spinning on that lock. One writer thread keeps the copy off the download tasks and the
/// spinning off both cores. At most `limit` bytes wait in the queue; `write` suspends (without
/// blocking a thread) until there is room. The first write error stops the writer; every later
/// `write` and `finish` throws it.
final class RestoreWriter: Sendable {
    /// One decoded chunk and every place of the selection that uses it.
    struct Item: Sendable {
        /// The chunk's bytes, or nil for a chunk of zeroes (nothing to write).
        let bytes: [UInt8]?
        let count: Int
        let targets: [(file: Int, offset: Int64)]
    }

    private struct State {
        var items: [Item] = []
        var head = 0
        var queuedBytes = 0
        var failure: RestoreError?
        var closed = false
        var discard = false
        var exited = false
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let files: RestoreFiles
    let limit: Int
    /// Called with bytes written (also zero runs) after each item, for progress.
    let written: (@Sendable (Int64) -> Void)?
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// A writer into `files` with at most `limit` bytes queued; starts its thread.
    init(files: RestoreFiles, limit: Int = 8 << 20, written: (@Sendable (Int64) -> Void)? = nil) {
        self.files = files
        self.limit = max(1, limit)
        self.written = written
        let thread = Thread { [self] in run() }
        thread.name = "tiergate-restore-writer"
        thread.start()
    }

    /// Queues `item`; suspends while the queue is full; throws the writer's first error.
    func write(_ item: Item) async throws {
        while true {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s -> Bool in
                    if s.failure != nil || s.exited || s.queuedBytes < limit { return true }
                    s.roomWaiters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
            let queued = try state.withLock { s -> Bool in
                if let failure = s.failure { throw failure }
                if s.exited { throw RestoreError("the restore's writer has stopped") }
                guard s.queuedBytes < limit else { return false }
                s.items.append(item)
                s.queuedBytes += item.bytes?.count ?? 0
                return true
            }
            if queued {
                wake.signal()
                return
            }
        }
    }

    /// Writes what is queued, stops the thread, and throws the first write error if any.
    func finish() async throws {
        await stop(discarding: false)
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// Stops the thread, dropping what is queued (after a failure elsewhere).
    func abandon() async { await stop(discarding: true) }

    private func stop(discarding: Bool) async {
        let alreadyClosed = state.withLock { s -> Bool in
            defer { s.closed = true; if discarding { s.discard = true } }
            return s.closed
        }
        if !alreadyClosed { wake.signal() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let exited = state.withLock { s -> Bool in
                if s.exited { return true }
                s.exitWaiters.append(continuation)
                return false
            }
            if exited { continuation.resume() }
        }
    }

    private func run() {
        while true {
            wake.wait()
            // One signal per queued item, and one for closing: drain what is there each time.
            while let (item, discard) = next() {
                if !discard { perform(item) }
                let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                    s.queuedBytes -= item.bytes?.count ?? 0
                    defer { s.roomWaiters = [] }
                    return s.roomWaiters
                }
                for w in waiters { w.resume() }
            }
            let (exit, waiters) = state.withLock { s -> (Bool, [CheckedContinuation<Void, Never>]) in
                guard s.closed && s.head == s.items.count else { return (false, []) }
                s.exited = true
                defer { s.exitWaiters = []; s.roomWaiters = [] }
                return (true, s.exitWaiters + s.roomWaiters)
            }
            for w in waiters { w.resume() }
            if exit { return }
        }
    }

    private func next() -> (Item, Bool)? {
        state.withLock { s -> (Item, Bool)? in
            guard s.head < s.items.count else {
                s.items.removeAll(keepingCapacity: true)
                s.head = 0
                return nil
            }
            let item = s.items[s.head]
            s.head += 1
            if s.head >= 1024 {
                s.items.removeFirst(s.head)
                s.head = 0
            }
            return (item, s.discard || s.failure != nil)
        }
    }

    private func perform(_ item: Item) {
        do {
            try Self.withBytes(item) { raw in
                for use in item.targets {
                    try files.write(raw, count: item.count, file: use.file, at: use.offset)
                    written?(Int64(item.count))
                }
            }
        } catch {
            let failure = error as? RestoreError ?? RestoreError("cannot write: \(error)")
            state.withLock { s in if s.failure == nil { s.failure = failure } }
        }
    }

    private static func withBytes(_ item: Item, _ body: (UnsafeRawBufferPointer?) throws -> Void) rethrows {
        if let bytes = item.bytes { try bytes.withUnsafeBytes { try body($0) } } else { try body(nil) }
    }
}
