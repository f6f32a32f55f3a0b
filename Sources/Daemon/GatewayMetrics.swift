import Engine
import Foundation
import Metrics

/// The daemon's metrics (swift-metrics; exported in Prometheus text by `MetricsEndpoint`).
/// Without a bootstrapped metrics system they go nowhere.
enum GatewayMetrics {
    /// One backup attempt: its outcome and, when it uploaded a point, its bytes.
    static func backup(source: String, succeeded: Bool, report: BackupReport?, at time: Date) {
        Counter(label: "tiergate_backups_total", dimensions: [("source", source), ("outcome", succeeded ? "succeeded" : "failed")]).increment()
        guard succeeded else { return }
        Gauge(label: "tiergate_last_backup_success_timestamp_seconds", dimensions: [("source", source)]).record(time.timeIntervalSince1970)
        guard let report else { return }
        Counter(label: "tiergate_backup_read_bytes_total", dimensions: [("source", source)]).increment(by: Int(report.bytesRead))
        Counter(label: "tiergate_backup_new_bytes_total", dimensions: [("source", source)]).increment(by: Int(report.bytesNew))
        Counter(label: "tiergate_backup_uploaded_bytes_total", dimensions: [("source", source)]).increment(by: Int(report.bytesUploaded))
        Gauge(label: "tiergate_last_backup_duration_seconds", dimensions: [("source", source)]).record(report.seconds)
    }

    /// The source's cloud points after a job or a retention run, and how many retention expired.
    static func points(source: String, count: Int, expired: Int) {
        Gauge(label: "tiergate_cloud_points", dimensions: [("source", source)]).record(count)
        if expired > 0 { Counter(label: "tiergate_points_expired_total", dimensions: [("source", source)]).increment(by: expired) }
    }

    /// One prune: its outcome and the bytes it freed.
    static func prune(succeeded: Bool, bytesFreed: Int64) {
        Counter(label: "tiergate_prunes_total", dimensions: [("outcome", succeeded ? "succeeded" : "failed")]).increment()
        if bytesFreed > 0 { Counter(label: "tiergate_prune_freed_bytes_total").increment(by: Int(bytesFreed)) }
    }
}
