import ArgumentParser

/// The `tiergate` command: the cloud tier of a disk-based backup server.
public struct Tiergate: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tiergate",
        abstract: "Keeps an encrypted, incremental off-site copy of a backup server's recovery points in Azure Blob storage.",
        discussion: """
            Every option also has an environment variable (TIERGATE_CONNECTION_STRING, \
            TIERGATE_CONTAINER, TIERGATE_STORE, TIERGATE_STATE, TIERGATE_CONFIG, \
            TIERGATE_PASSPHRASE_FILE), so services and scripts need no flags.
            """,
        subcommands: [InitCommand.self, BackupCommand.self, PointsCommand.self, LsCommand.self, RestoreCommand.self, CheckCommand.self, PruneCommand.self, RetentionCommand.self, ConfigCommand.self, RunCommand.self, StatusCommand.self, KeyCommand.self, DemoCommand.self, BlobCommand.self]
    )

    public init() {}
}
