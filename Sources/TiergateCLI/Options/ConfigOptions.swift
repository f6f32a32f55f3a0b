import ArgumentParser
import Foundation
import Policy

/// The YAML configuration: groups, schedules, retention, throttle, and defaults for the other
/// options (an option or environment variable wins over the file).
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The YAML configuration (env TIERGATE_CONFIG).", valueName: "file"))
    var config: String?

    /// The configuration file's path from the option or the environment, if any.
    func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        config ?? environment["TIERGATE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The loaded configuration; fails listing every error, one per line, each naming its key.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        guard let path = path(environment: environment) else {
            throw CLIError("no configuration: pass --config or set TIERGATE_CONFIG")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the configuration \(path); check --config")
        }
        do {
            return try Configuration.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw CLIError(Self.describe(error.lines, file: path))
        }
    }

    /// Errors as the CLI prints them: a count, then one line each.
    static func describe(_ lines: [String], file: String) -> String {
        "\(file): \(lines.count) \(lines.count == 1 ? "error" : "errors"); fix and run 'tiergate config validate'\n" + lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
