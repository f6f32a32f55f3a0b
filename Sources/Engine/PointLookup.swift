import Repository

/// Finds a cloud point by source and id (`latest` for the newest), with errors that say what exists.
public enum PointLookup {
    /// The manifest of `point` (an id, or `latest`/nil for the newest) of `source` among `manifests`.
    public static func find(_ manifests: [(name: String, manifest: Manifest)], source: String, point: String?) throws -> (name: String, manifest: Manifest) {
        let ofSource = manifests.filter { $0.manifest.source == source }.sorted { $0.manifest.point < $1.manifest.point }
        guard let newest = ofSource.last else {
            let sources = Set(manifests.map(\.manifest.source)).sorted()
            let known = sources.isEmpty ? "the cloud repository has no points yet" : "sources in the cloud: \(sources.joined(separator: ", "))"
            throw RestoreError("no cloud points of source '\(source)'; \(known)")
        }
        guard let point, point != "latest" else { return newest }
        guard let found = ofSource.first(where: { $0.manifest.point == point }) else {
            let recent = ofSource.suffix(3).map(\.manifest.point).joined(separator: ", ")
            throw RestoreError("no cloud point \(point) of source '\(source)'; newest: \(recent); list them with 'tiergate points --source \(source)'")
        }
        return found
    }
}
