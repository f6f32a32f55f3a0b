import ArgumentParser
import Foundation
import Repository

/// `tiergate key add|change`: passphrases, without re-encrypting data.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Adds a passphrase, or replaces one, without re-encrypting data.",
        subcommands: [KeyAdd.self, KeyChange.self])
}

/// The new passphrase's file.
struct NewPassphraseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("File holding the new passphrase.", valueName: "file"))
    var newPassphraseFile: String

    func newPassphrase() throws -> String {
        try RepositoryOptions.readPassphrase(file: newPassphraseFile, option: "--new-passphrase-file")
    }
}

struct KeyAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Adds a passphrase; the current one keeps working.")
    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var new: NewPassphraseOptions

    func run() async throws {
        let passphrase = try new.newPassphrase()
        let name = try await repository.withRepository { try await $0.addPassphrase(passphrase) }
        print("added key \(name)")
    }
}

struct KeyChange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "change", abstract: "Replaces the current passphrase by a new one.")
    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var new: NewPassphraseOptions

    func run() async throws {
        let config = try repository.configuration()
        let old = try repository.passphrase(config: config)
        let passphrase = try new.newPassphrase()
        try await repository.withRepository(config: config) { try await $0.changePassphrase(from: old, to: passphrase) }
        print("passphrase changed; the old one no longer opens the repository")
    }
}
