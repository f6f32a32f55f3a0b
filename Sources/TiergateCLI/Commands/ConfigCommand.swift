import ArgumentParser
import Engine
import Foundation
import Policy

/// `tiergate config validate`: loads the configuration and prints it normalized, or names each error.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Checks the YAML configuration.", subcommands: [Validate.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Loads the configuration and prints it normalized, or lists every error (one line each, naming the key).",
            discussion: "When the local store is readable, also checks that a server's bmr and system-state sources are in the same group.")

        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var local: StoreOptions

        func run() async throws {
            let config = try configOptions.load()
            var errors: [String] = []
            if let root = try? local.storeRoot(config: config), let sources = try? LocalStore(root: root).sources() {
                let store = LocalStore(root: root)
                var info: [String: (server: String, kind: String)] = [:]
                for s in sources { if let i = try? store.info(s) { info[s] = (i.server, i.kind) } }
                errors = config.validate(sourceInfo: info)
            }
            guard errors.isEmpty else { throw CLIError(ConfigOptions.describe(errors, file: configOptions.path() ?? "configuration")) }
            print(config.normalizedYAML(), terminator: "")
        }
    }
}
