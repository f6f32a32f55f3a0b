/// What one point's backup did (the `--json` object of `tiergate backup`).
public struct BackupReport: Codable, Sendable, Equatable {
    public var source: String
    public var point: String
    public var files: Int
    /// Plaintext bytes read from the local store.
    public var bytesRead: Int64
    /// Plaintext bytes of chunks the cloud did not yet hold.
    public var bytesNew: Int64
    /// Bytes sent for data (packs).
    public var bytesUploaded: Int64
    public var seconds: Double
    /// The manifest that made the point visible.
    public var manifest: String
}
