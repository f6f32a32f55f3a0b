import BlobStore
import Foundation

/// A lock on the repository: the object `locks/<id>` (sealed: host, pid, time, exclusive),
/// held by a 60-second blob lease that is renewed every 20 seconds while the holder works. A
/// lock whose lease has lapsed belongs to a dead holder (killed, or cut off) and does not count.
///
/// Backups take shared locks; prune will take an exclusive one and refuse while any other lock
/// is alive, so it never deletes data a running backup — on this or another gateway sharing the
/// container — may reference.
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
    /// Runs `body` under a lock; the lock is renewed while it runs and removed afterwards.
    public func withLock<T: Sendable>(exclusive: Bool, _ body: () async throws -> T) async throws -> T {
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
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(RepositoryLock.leaseSeconds / 3))
                _ = try await store.lease(name, .renew(id: leaseID))
            }
        }
        do {
            let result = try await body()
            renewal.cancel()
            try await release(name, leaseID: leaseID)
            return result
        } catch {
            renewal.cancel()
            try? await release(name, leaseID: leaseID)
            throw error
        }
    }

    private func release(_ name: String, leaseID: String) async throws {
        _ = try? await store.lease(name, .release(id: leaseID))
        try await store.delete(name)
    }

    /// Locks whose lease is alive (their holders are working).
    public func liveLocks(excluding: String? = nil) async throws -> [RepositoryLock] {
        var out: [RepositoryLock] = []
        for try await info in store.list(prefix: "locks/") where info.name != excluding {
            guard try await store.stat(info.name).leaseState == "leased" else { continue }
            let plain = try await loadSealed(info.name)
            if let lock = try? JSONDecoder().decode(RepositoryLock.self, from: Data(plain)) { out.append(lock) }
        }
        return out
    }
}
