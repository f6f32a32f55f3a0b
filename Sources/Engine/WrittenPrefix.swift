/// How far a file written out of order is whole from its start: the writes tile the file
/// (each byte written once), so a write that begins where the whole prefix ends extends it, and
/// writes further on wait, keyed by their start, until the gap before them is filled.
struct WrittenPrefix: Sendable {
    /// Every byte before this offset is written.
    private(set) var end: Int64 = 0
    /// Writes beyond `end`: start → end.
    private var ahead: [Int64: Int64] = [:]
    /// Writes waiting beyond a gap at most; past it the prefix stops growing (so its memory stays
    /// bounded whatever the order of the writes) and `end` only understates what is written.
    let maxAhead: Int
    private var gaveUp = false

    init(maxAhead: Int = 1 << 18) { self.maxAhead = maxAhead }

    /// Records that `count` bytes at `offset` are written.
    mutating func add(offset: Int64, count: Int) {
        guard count > 0, !gaveUp else { return }
        guard offset == end else {
            if ahead.count >= maxAhead {
                gaveUp = true
                ahead = [:]
            } else {
                ahead[offset] = offset + Int64(count)
            }
            return
        }
        end = offset + Int64(count)
        while let next = ahead.removeValue(forKey: end) { end = next }
    }
}
