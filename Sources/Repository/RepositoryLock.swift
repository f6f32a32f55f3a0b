import BlobStore
import Foundation
import Synchronization

/// A lock on the repository: the object `locks/<id>` (sealed: host, pid, time, exclusive),
/// held by a 60-second blob lease that is renewed every 20 seconds while the holder works. A
/// lock whose lease has lapsed belongs to a dead holder (killed, or cut off) and does not count.
///
/// Backups and restores take shared locks; prune takes an exclusive one and refuses while any
/// other lock is alive, so it never deletes data a running backup — on this or another gateway
/// sharing the container — may reference. A holder whose renewal fails has lost its lock: the
/// steps that must not run without it (a manifest, an index file, a deletion) check
/// `Repository.checkLockHeld()` first and stop the job.
public struct RepositoryLock: Codable, Sendable, Equatable {
    public var host: String
    public var pid: Int32
    public var created: String
    public var exclusive: Bool

    /// Seconds of the lease; renewed at a third of it.
    public static let leaseSeconds = 60
}

/// Another holder's lock stands in the way; one line naming it.
public struct LockConflict: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

extension Repository {
    /// Runs `body` under a shared lock when the credentials may write one; with read-only
    /// credentials (a SAS that can only read and list, as a recovery machine may be given) it
    /// runs unlocked: such a reader cannot hold prune off, but neither can it change anything.
    public func withReaderLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        var acquired = false
        do {
            return try await withLock(exclusive: false) {
                acquired = true
                return try await body()
            }
        } catch let error as BlobStoreError where !acquired && error.kind == .authentication {
            return try await body()
        }
    }

    /// Runs `body` under a lock; the lock is renewed while it runs and removed afterwards.
    /// `renewEvery` is a third of the lease (shorter in tests).
    public func withLock<T: Sendable>(exclusive: Bool, renewEvery: Duration = .seconds(RepositoryLock.leaseSeconds / 3), _ body: () async throws -> T) async throws -> T {
        if exclusive, let other = try await liveLocks().first {
            throw LockConflict(description: "the repository is in use (\(other.exclusive ? "exclusive" : "backup") lock of \(other.host), pid \(other.pid), since \(other.created)); try again when it ends")
        }
        let lock = RepositoryLock(host: ProcessInfo.processInfo.hostName, pid: ProcessInfo.processInfo.processIdentifier, created: ISO8601DateFormatter().string(from: Date()), exclusive: exclusive)
        let name = try await saveSealed(Array(try JSONEncoder().encode(lock)), prefix: "locks")
        let leaseID = try await store.lease(name, .acquire(seconds: RepositoryLock.leaseSeconds, proposedID: nil)).id ?? ""
        if !exclusive, let holder = try await liveLocks(excluding: name).first(where: \.exclusive) {
            try? await release(name, leaseID: leaseID)
            throw LockConflict(description: "the repository is locked exclusively by \(holder.host), pid \(holder.pid), since \(holder.created) (prune); try again when it ends")
        }
        let held = HeldLock(name: name)
        let renewal = Task {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: renewEvery)
                    _ = try await store.lease(name, .renew(id: leaseID))
                } catch is CancellationError {
                    return
                } catch {
                    held.lose("\(error)")
                    return
                }
            }
        }
        do {
            let result = try await HeldLock.$current.withValue(held) { try await body() }
            try held.check()
            renewal.cancel()
            try await release(name, leaseID: leaseID)
            return result
        } catch {
            renewal.cancel()
            try? await release(name, leaseID: leaseID)
            throw error
        }
    }

    /// Throws when the job's lock was lost (its lease could not be renewed): the caller is about
    /// to write or delete what only a lock holder may. A no-op outside `withLock`.
    public static func checkLockHeld() throws {
        try HeldLock.current?.check()
    }

    private func release(_ name: String, leaseID: String) async throws {
        _ = try? await store.lease(name, .release(id: leaseID))
        try await store.delete(name)
    }

    /// Locks whose lease is alive (their holders are working). Lock objects whose lease lapsed or
    /// was broken belong to holders that are gone (killed, or cut off and stopped): they are
    /// deleted on the way, best effort, so `locks/` does not grow with every killed job. A lock
    /// never leased yet ("available") may be one being taken right now, and is left alone.
    public func liveLocks(excluding: String? = nil) async throws -> [RepositoryLock] {
        var out: [RepositoryLock] = []
        for try await info in store.list(prefix: "locks/") where info.name != excluding {
            let state: String?
            if let listed = info.leaseState { state = listed } else { state = try await store.stat(info.name).leaseState }
            if state == "expired" || state == "broken" { try? await store.delete(info.name) }
            guard state == "leased" || state == "breaking" else { continue }
            let plain = try await loadSealed(info.name)
            if let lock = try? JSONDecoder().decode(RepositoryLock.self, from: Data(plain)) { out.append(lock) }
        }
        return out
    }
}

/// The lock the current task holds, and whether its lease renewal failed.
final class HeldLock: Sendable {
    @TaskLocal static var current: HeldLock?

    let name: String
    private let lost = Mutex<String?>(nil)

    init(name: String) { self.name = name }

    func lose(_ why: String) { lost.withLock { $0 = why } }

    func check() throws {
        if let why = lost.withLock({ $0 }) {
            throw LockConflict(description: "lost the repository lock \(name) (its lease could not be renewed: \(why)); the job stopped, run it again")
        }
    }
}
