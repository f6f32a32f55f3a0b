/// Which local points a backup uploads.
public enum BackupPlan {
    /// The most points a source may have in the cloud.
    public static let maxPointsPerSource = 9_999

    /// The points of `source` to upload, oldest first: `point` when given (nothing when it is
    /// already in the cloud), else the newest complete point newer than the newest in the cloud
    /// (`allNew`: every such point). `inCloud` holds `source/point` keys.
    public static func points(source: String, store: LocalStore, inCloud: Set<String>, point: String? = nil, allNew: Bool = false) throws -> [String] {
        let complete = try store.completePoints(source)
        let todo: [String]
        if let point {
            guard complete.contains(point) else {
                throw LocalStoreError("point \(source)/\(point) is not a complete point of the local store; complete points: \(complete.suffix(5).joined(separator: ", "))")
            }
            todo = inCloud.contains("\(source)/\(point)") ? [] : [point]
        } else {
            let newestInCloud = complete.last { inCloud.contains("\(source)/\($0)") }
            let newer = complete.filter { p in newestInCloud.map { p > $0 } ?? true }.filter { !inCloud.contains("\(source)/\($0)") }
            todo = allNew ? newer : Array(newer.suffix(1))
        }
        let count = inCloud.filter { $0.hasPrefix(source + "/") }.count
        if !todo.isEmpty, count + todo.count > maxPointsPerSource {
            throw LocalStoreError("\(source) has \(count) cloud points; at most \(maxPointsPerSource) are allowed: shorten its retention and run 'tiergate retention apply'")
        }
        return todo
    }
}
