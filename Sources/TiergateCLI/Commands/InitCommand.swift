import ArgumentParser
import AzureBlobStore
import Repository

/// `tiergate init`: a new encrypted repository in the container.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Creates the container if needed and an encrypted cloud repository in it; refuses to overwrite one.")

    @OptionGroup var repository: RepositoryOptions

    func run() async throws {
        let config = try repository.configuration()
        let passphrase = try repository.passphrase(config: config)
        let container = try repository.cloud.containerName(config: config)
        let repo = try await withAzureBlobStore(connection: try repository.cloud.connection(config: config), container: container, properties: RepositoryOptions.properties) { store in
            try await Repository.initialize(store: store, container: container, passphrase: passphrase)
        }
        print("created repository \(repo.config.id.prefix(12)) in container \(container); keep the passphrase safe: without it nothing can be restored")
    }
}
