import ArgumentParser
import Foundation
import Logging
import MockBlob
import ServiceLifecycle

/// `tiergate-mockblob`: parses arguments and runs a ``MockBlobServer`` until SIGTERM or SIGINT.
struct MockBlobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiergate-mockblob",
        abstract: "A mock Azure Blob Storage server for tests and demos.",
        discussion: """
            Serves the subset of the Azure Blob REST API that tiergate uses (containers, block blobs, \
            ranges, metadata, tiers, leases, copy, SAS and SharedKey authentication) on path-style URLs: \
            http://HOST:PORT/ACCOUNT/CONTAINER/BLOB. The emulator's development account \
            (devstoreaccount1 and its well-known key) is always accepted, so every Azure tool's emulator \
            settings work unchanged. When ready it prints one line, 'listening on http://HOST:PORT/ACCOUNT'.

            Faults can be changed while it runs: PUT /__admin/faults?fault-rate=0.1&reset-rate=0&latency-ms=5&seed=7 \
            (GET shows the current settings).
            """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 10000

    @Option(name: .customLong("data"), help: ArgumentHelp("Keep blobs in this directory across restarts.", valueName: "dir"))
    var dataDirectory: String?

    @Flag(help: "Keep blobs in memory only (the default when --data is not given).")
    var inMemory = false

    @Option(name: .customLong("account"), help: ArgumentHelp("Accept another account (repeatable).", valueName: "name:key"))
    var accounts: [String] = []

    @Option(help: ArgumentHelp("Share of requests (0–1) answered with 503 ServerBusy or 500 OperationTimedOut.", valueName: "p"))
    var faultRate = 0.0

    @Option(help: ArgumentHelp("Share of requests (0–1) whose connection is dropped mid-body.", valueName: "p"))
    var resetRate = 0.0

    @Option(help: ArgumentHelp("Delay before every answer, in milliseconds.", valueName: "n"))
    var latencyMs = 0

    @Option(help: "Seed of the fault generator; the same seed gives the same faults.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("How long leaving the Archive tier takes, in seconds.", valueName: "seconds"))
    var rehydrationDelay = 0.0

    @Flag(help: "Do not fsync commits to --data (faster, not crash-proof against power loss).")
    var noFsync = false

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel = "warning"

    func validate() throws {
        if dataDirectory != nil && inMemory { throw ValidationError("use either --data DIR or --in-memory, not both") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard (0...1).contains(resetRate) else { throw ValidationError("--reset-rate must be between 0 and 1") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        guard rehydrationDelay >= 0 else { throw ValidationError("--rehydration-delay must not be negative") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        _ = try parsedAccounts()
    }

    func parsedAccounts() throws -> [MockAccount] {
        var list = [MockAccount.development]
        for text in accounts {
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                throw ValidationError("--account must be NAME:KEY, got '\(text.prefix(40))'")
            }
            let key = String(text[text.index(after: colon)...])
            guard let decoded = Data(base64Encoded: key), !decoded.isEmpty else {
                throw ValidationError("--account \(text[..<colon]): the key is not base64")
            }
            list.append(MockAccount(name: String(text[..<colon]), key: key))
        }
        return list
    }

    func run() async throws { try await serve() }

    /// Runs the server until SIGTERM or SIGINT.
    func serve() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "tiergate-mockblob")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let configuration = MockBlobConfiguration(
            host: host, port: port, storage: dataDirectory.map { .directory($0) } ?? .inMemory,
            accounts: try parsedAccounts(),
            faults: FaultConfiguration(faultRate: faultRate, resetRate: resetRate, latencyMs: latencyMs, seed: seed),
            rehydrationDelay: .milliseconds(Int64(rehydrationDelay * 1000)), syncWrites: !noFsync)
        let server = MockBlobServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                _ = try await server.waitUntilListening()
                FileHandle.standardOutput.write(Data("listening on \(server.endpoint!)\n".utf8))
            }
            try await tasks.waitForAll()
        }
    }
}

do {
    var command = try MockBlobCommand.parseAsRoot()
    if let mock = command as? MockBlobCommand {
        do {
            try await mock.serve()
        } catch {
            FileHandle.standardError.write(Data("tiergate-mockblob: \(error)\n".utf8))
            exit(1)
        }
    } else {
        try command.run()
    }
} catch {
    if MockBlobCommand.exitCode(for: error) == .success {
        MockBlobCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data("tiergate-mockblob: \(MockBlobCommand.message(for: error))\n".utf8))
    exit(64)
}
