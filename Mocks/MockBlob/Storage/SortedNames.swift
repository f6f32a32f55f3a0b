/// Blob names kept in UTF-8 byte order, for listings with prefixes and markers.
struct SortedNames: Sendable {
    private(set) var names: [String] = []

    /// The index of the first name not ordered before `name`.
    func lowerBound(_ name: String) -> Int {
        var lo = 0, hi = names.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if names[mid].utf8Precedes(name) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func insert(_ name: String) {
        let i = lowerBound(name)
        if i < names.count && names[i] == name { return }
        names.insert(name, at: i)
    }

    mutating func remove(_ name: String) {
        let i = lowerBound(name)
        if i < names.count && names[i] == name { names.remove(at: i) }
    }

    var count: Int { names.count }
    subscript(i: Int) -> String { names[i] }
}
