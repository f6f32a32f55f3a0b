import Repository
import RepositoryFormat

/// One ranged read of a pack: the blobs it covers, in pack order.
struct PackRange: Sendable, Equatable {
    var pack: BlobID
    var offset: Int64
    var length: Int64
    var entries: [PackEntry]

    /// The object name of the pack.
    var name: String { IndexFile.packName(pack) }
}

/// Groups the blobs a restore needs into few ranged reads: blobs of one pack that lie close
/// together (gap at most `maxGap`) share a read of at most `maxLength` bytes. Packs come in the
/// order of `locations` (the order the files first need them), blobs in pack order.
enum PackRanges {
    static func plan(_ locations: [BlobLocation], maxGap: Int64 = 256 << 10, maxLength: Int64 = 4 << 20) -> [PackRange] {
        var order: [BlobID] = []
        var byPack: [BlobID: [PackEntry]] = [:]
        for location in locations {
            if byPack[location.pack] == nil { order.append(location.pack) }
            byPack[location.pack, default: []].append(location.entry)
        }
        var ranges: [PackRange] = []
        for pack in order {
            let entries = byPack[pack]!.sorted { $0.offset < $1.offset }
            var current: PackRange?
            for e in entries {
                let start = Int64(e.offset), end = start + Int64(e.length)
                if var r = current, start - (r.offset + r.length) <= maxGap, end - r.offset <= maxLength {
                    r.length = max(r.length, end - r.offset)
                    r.entries.append(e)
                    current = r
                } else {
                    if let r = current { ranges.append(r) }
                    current = PackRange(pack: pack, offset: start, length: end - start, entries: [e])
                }
            }
            if let r = current { ranges.append(r) }
        }
        return ranges
    }
}
