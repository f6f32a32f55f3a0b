import Logging
import ServiceLifecycle

/// The daemon as a `Service`: runs the scheduler until the service group's graceful shutdown
/// (SIGTERM, SIGINT), which cancels the running job — a cancelled backup commits no manifest and
/// leaves checkpoints the next run resumes from — and returns.
public struct DaemonService<Jobs: PolicyJobs, Clock: DaemonClock>: Service {
    public let scheduler: Scheduler<Jobs, Clock>
    public let logger: Logger

    public init(scheduler: Scheduler<Jobs, Clock>, logger: Logger) {
        self.scheduler = scheduler
        self.logger = logger
    }

    public func run() async throws {
        logger.info("daemon started", metadata: ["groups": "\(scheduler.config.groups.map(\.name).joined(separator: ","))"])
        do {
            try await cancelWhenGracefulShutdown { try await scheduler.run() }
        } catch is CancellationError {
            logger.info("daemon stopped")
        }
    }
}
