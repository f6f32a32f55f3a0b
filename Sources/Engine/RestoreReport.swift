/// What a restore did (the `--json` object of `tiergate restore`).
public struct RestoreReport: Codable, Sendable, Equatable {
    public var source: String
    public var point: String
    /// Files in the selection, and their bytes.
    public var files: Int
    public var bytes: Int64
    /// Files already restored and verified by an earlier, interrupted run (not written again).
    public var filesSkipped: Int
    /// Bytes fetched from the cloud (sealed pack ranges).
    public var bytesDownloaded: Int64
    public var seconds: Double
}
