/// The runs of zeroes of a file being restored, joined where they touch (chunks of zeroes in a
/// row, as disk images hold them), for freeing the room allocated for them.
struct ZeroRuns: Sendable, Equatable {
    /// Start → end of each run.
    private(set) var runs: [Int64: Int64] = [:]
    /// End → start, to join a run that ends where a new one begins.
    private var byEnd: [Int64: Int64] = [:]

    /// Records `count` bytes of zeroes at `offset`.
    mutating func add(offset: Int64, count: Int) {
        guard count > 0 else { return }
        var start = offset
        var end = offset + Int64(count)
        if let before = byEnd.removeValue(forKey: start) {
            runs[before] = nil
            start = before
        }
        if let after = runs.removeValue(forKey: end) {
            byEnd[after] = nil
            end = after
        }
        runs[start] = end
        byEnd[end] = start
    }

    /// The whole pages of `pageSize` bytes inside the runs, in file order.
    func pages(_ pageSize: Int64) -> [Range<Int64>] {
        runs.sorted { $0.key < $1.key }.compactMap { start, end in
            let first = (start + pageSize - 1) / pageSize * pageSize
            let last = end / pageSize * pageSize
            return first < last ? first..<last : nil
        }
    }
}
