/// Settings given on the command line or in environment variables, which win over the
/// configuration file. The CLI fills in what the user gave (an option, else its environment
/// variable) and applies it with ``Configuration/applying(_:)``; `nil` leaves the file's value.
public struct ConfigurationOverrides: Sendable, Hashable {
    /// `--store` / `TIERGATE_STORE`.
    public var store: String?
    /// `--state` / `TIERGATE_STATE`.
    public var state: String?
    /// `--connection-string` / `TIERGATE_CONNECTION_STRING`: the connection string itself.
    public var connectionString: String?
    /// A file holding the connection string.
    public var connectionStringFile: String?
    /// `--container` / `TIERGATE_CONTAINER`.
    public var container: String?
    /// `--passphrase-file` / `TIERGATE_PASSPHRASE_FILE`.
    public var passphraseFile: String?

    /// Overrides from their parts; all default to "not given".
    public init(
        store: String? = nil,
        state: String? = nil,
        connectionString: String? = nil,
        connectionStringFile: String? = nil,
        container: String? = nil,
        passphraseFile: String? = nil
    ) {
        self.store = store
        self.state = state
        self.connectionString = connectionString
        self.connectionStringFile = connectionStringFile
        self.container = container
        self.passphraseFile = passphraseFile
    }

    /// These overrides with `lower`'s values where these give none (options over environment:
    /// `options.overriding(environment)`). The connection string and its file are one setting:
    /// when these give either, `lower`'s are both dropped.
    public func overriding(_ lower: ConfigurationOverrides) -> ConfigurationOverrides {
        let ownsConnection = connectionString != nil || connectionStringFile != nil
        return ConfigurationOverrides(
            store: store ?? lower.store,
            state: state ?? lower.state,
            connectionString: ownsConnection ? connectionString : lower.connectionString,
            connectionStringFile: ownsConnection ? connectionStringFile : lower.connectionStringFile,
            container: container ?? lower.container,
            passphraseFile: passphraseFile ?? lower.passphraseFile
        )
    }
}

extension Configuration {
    /// This configuration with `overrides` applied: every value the overrides give replaces the
    /// file's. The connection string and its file are one setting: an override of either replaces
    /// the file's `connection-string-file`, and a connection string wins over a file.
    public func applying(_ overrides: ConfigurationOverrides) -> Configuration {
        var result = self
        if let store = overrides.store { result.store = store }
        if let state = overrides.state { result.state = state }
        if overrides.connectionString != nil || overrides.connectionStringFile != nil {
            result.cloud.connectionString = overrides.connectionString
            result.cloud.connectionStringFile = overrides.connectionString == nil ? overrides.connectionStringFile : nil
        }
        if let container = overrides.container { result.cloud.container = container }
        if let passphraseFile = overrides.passphraseFile { result.passphraseFile = passphraseFile }
        return result
    }
}
