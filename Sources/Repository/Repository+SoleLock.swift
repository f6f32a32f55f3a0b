extension Repository {
    /// Throws `LockConflict` when a live lock other than the caller's own exists. Run first
    /// thing under an exclusive lock: a backup that took its shared lock while the exclusive one
    /// was being made is seen here (its lease is taken before it looks for exclusive locks), so
    /// the two never both proceed.
    public func confirmSoleLock() async throws {
        let live = try await liveLocks()
        guard live.count > 1 else { return }
        let other = live.first { !$0.exclusive } ?? live[0]
        throw LockConflict(description: "the repository is in use (\(other.exclusive ? "exclusive" : "backup") lock of \(other.host), pid \(other.pid), since \(other.created)); try again when it ends")
    }
}
