/// One entry of a List Blobs answer.
enum ListedItem: Sendable {
    case blob(BlobRecord)
    case prefix(String)
}

extension BlobIndex {
    /// List Blobs: names under `prefix` from `marker`, `delimiter` rolling names up into prefixes;
    /// at most `max` items, and the marker to continue from (nil at the end).
    func listBlobs(_ key: ContainerKey, prefix: String, delimiter: String?, marker: String?, max: Int)
        throws(BlobError) -> (items: [ListedItem], next: String?)
    {
        let state = try container(key)
        let names = state.names
        var i = names.lowerBound(marker.map { $0.utf8Precedes(prefix) ? prefix : $0 } ?? prefix)
        var items: [ListedItem] = []
        let now = clock()
        while i < names.count {
            let name = names[i]
            guard name.utf8.starts(with: prefix.utf8) else { break }
            if items.count == max { return (items, name) }
            if let delimiter, !delimiter.isEmpty,
               let r = name.utf8.dropFirst(prefix.utf8.count).firstRange(of: delimiter.utf8) {
                let rolled = String(name[..<r.upperBound])
                items.append(.prefix(rolled))
                while i < names.count && names[i].utf8.starts(with: rolled.utf8) { i += 1 }
                continue
            }
            var record = state.blobs[name]!
            record.settle(at: now)
            items.append(.blob(record))
            i += 1
        }
        return (items, nil)
    }
}
