import ArgumentParser
import AzureAuth
import Foundation
import Policy

/// Where the cloud repository lives: the connection string and the container.
struct CloudOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Azure storage connection string: AccountName=…;AccountKey=…, UseDevelopmentStorage=true, or BlobEndpoint=…;SharedAccessSignature=… (env TIERGATE_CONNECTION_STRING).",
        valueName: "string"))
    var connectionString: String?

    @Option(name: .long, help: ArgumentHelp("The container that holds the cloud repository (env TIERGATE_CONTAINER; default tiergate).", valueName: "name"))
    var container: String?

    /// The parsed connection string from the option, the environment, or the configuration
    /// (`cloud.connection-string-file`), in that order.
    func connection(environment: [String: String] = ProcessInfo.processInfo.environment, config: Configuration? = nil) throws -> ConnectionString {
        var text = connectionString ?? environment["TIERGATE_CONNECTION_STRING"] ?? config?.cloud.connectionString
        if text == nil || text!.isEmpty, let file = config?.cloud.connectionStringFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("cannot read the connection string file \(file); check cloud.connection-string-file in the configuration")
            }
            text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let text, !text.isEmpty else {
            throw CLIError("no connection string: pass --connection-string or set TIERGATE_CONNECTION_STRING")
        }
        do {
            return try ConnectionString(parsing: text)
        } catch let e as ConnectionString.ParseError {
            throw CLIError(e.description)
        }
    }

    /// The container name from the option, the environment, or the default.
    func containerName(environment: [String: String] = ProcessInfo.processInfo.environment, config: Configuration? = nil) throws -> String {
        let name = container ?? environment["TIERGATE_CONTAINER"] ?? config?.cloud.container ?? "tiergate"
        guard ContainerName.isValid(name) else {
            throw CLIError("container name '\(name)' is invalid: use 3-63 lower-case letters, digits and single hyphens")
        }
        return name
    }
}

/// Azure's container naming rule.
enum ContainerName {
    static func isValid(_ name: String) -> Bool {
        guard (3...63).contains(name.count), !name.hasPrefix("-"), !name.hasSuffix("-"), !name.contains("--") else { return false }
        return name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// A user-facing error: one line naming the problem and what to do.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
