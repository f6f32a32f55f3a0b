import ArgumentParser
import Catalog
import Daemon
import Engine
import Foundation
import Logging
import Policy
import ServiceLifecycle

/// `tiergate run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the daemon: online backups on the groups' schedules, retention after each job, pruning, throttling; stops on SIGTERM.",
        discussion: """
            Refuses to start when the configuration has errors (all are listed). After downtime \
            each group catches up once. A failed backup is retried 10 minutes later, up to 3 \
            times. Retention runs after each job; prune runs at most once a day, after retention \
            expired points. On SIGTERM the running job stops within seconds; the repository \
            stays consistent and the job resumes next time.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var local: StoreOptions
    @OptionGroup var stateOptions: StateOptions
    @Option(name: .long, help: ArgumentHelp("Serve Prometheus metrics at http://127.0.0.1:PORT/metrics (env TIERGATE_METRICS_PORT; 0 picks a free port; default: off).", valueName: "port"))
    var metricsPort: Int?

    func run() async throws {
        let config = try repository.configOptions.load()
        let logger = Logger(label: "tiergate")
        let store = LocalStore(root: try local.storeRoot(config: config))
        try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            let jobs = GatewayJobs(config: config, repository: repo, store: store, catalog: catalog, prune: {
                let report = try await Pruner(repository: repo, catalog: catalog).run()
                logger.info("pruned", metadata: ["freed": "\(report.bytesFreed)", "packsDeleted": "\(report.packsDeleted)", "packsRepacked": "\(report.packsRepacked)"])
                return report.bytesFreed
            })
            var scheduler = Scheduler(config: config, jobs: jobs, clock: SystemDaemonClock())
            scheduler.logger = logger
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: DaemonService(scheduler: scheduler, logger: logger))]
            let metricsPort = metricsPort ?? ProcessInfo.processInfo.environment["TIERGATE_METRICS_PORT"].flatMap(Int.init)
            if let port = metricsPort {
                let registry = MetricsEndpoint.bootstrap()
                services.append(.init(service: MetricsEndpoint.service(registry: registry, port: port, logger: logger) { bound in
                    logger.info("metrics on http://127.0.0.1:\(bound)/metrics")
                }))
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await group.run()
            } catch where metricsPort != nil && "\(error)".contains("Address already in use") {
                throw CLIError("cannot serve metrics on 127.0.0.1:\(metricsPort!): the port is in use; choose another --metrics-port or TIERGATE_METRICS_PORT")
            }
        }
    }
}
