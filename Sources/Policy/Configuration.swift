import Foundation

/// tiergate's configuration file, as product.md's "Configuration (contract)" defines it.
///
/// Load one with ``load(yaml:)`` (every rule is checked there) and print it with
/// ``normalizedYAML()``. The command line gives options and environment variables precedence
/// over the file's values (docs/design.md, "The command line and the configuration").
public struct Configuration: Sendable, Hashable {
    /// The local backup store (`store`); `nil` when the file does not name one.
    public var store: String?
    /// tiergate's own state folder (`state`); `nil` when the file does not name one.
    public var state: String?
    /// The time zone of schedules, throttle windows and retention days (`timezone`; default UTC).
    public var timeZone: TimeZone
    /// Where the cloud repository lives (`cloud`).
    public var cloud: Cloud
    /// The file that holds the encryption passphrase (`passphrase-file`).
    public var passphraseFile: String?
    /// The protection groups (`groups`), in file order.
    public var groups: [ProtectionGroup]
    /// Upload bandwidth limits (`throttle`); `nil` means unlimited at all times.
    public var throttle: Throttle?

    /// A configuration from its parts; every part has the default an empty file gives.
    public init(
        store: String? = nil,
        state: String? = nil,
        timeZone: TimeZone = Configuration.defaultTimeZone,
        cloud: Cloud = Cloud(),
        passphraseFile: String? = nil,
        groups: [ProtectionGroup] = [],
        throttle: Throttle? = nil
    ) {
        self.store = store
        self.state = state
        self.timeZone = timeZone
        self.cloud = cloud
        self.passphraseFile = passphraseFile
        self.groups = groups
        self.throttle = throttle
    }

    /// UTC, the time zone when the file names none.
    public static let defaultTimeZone = TimeZone(identifier: "UTC")!

    /// A Gregorian calendar in ``timeZone``: pass it to ``Schedule`` and ``Throttle``.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The group that protects `source`, if any (a source is in at most one group).
    public func group(of source: String) -> ProtectionGroup? {
        groups.first { $0.members.contains(source) }
    }

    /// The `cloud` section: the connection string's source and the container.
    public struct Cloud: Sendable, Hashable {
        /// A file holding the Azure storage connection string (`connection-string-file`).
        public var connectionStringFile: String?
        /// The connection string itself. Never read from or printed to the file (the command
        /// line takes it from `--connection-string` or `TIERGATE_CONNECTION_STRING`); when set,
        /// it wins over ``connectionStringFile``.
        public var connectionString: String?
        /// The container that holds the cloud repository (`container`; default `tiergate`).
        public var container: String

        /// The cloud settings from their parts.
        public init(connectionStringFile: String? = nil, connectionString: String? = nil, container: String = Cloud.defaultContainer) {
            self.connectionStringFile = connectionStringFile
            self.connectionString = connectionString
            self.container = container
        }

        /// `tiergate`, the container when neither the file nor an option names one.
        public static let defaultContainer = "tiergate"
    }
}

/// A protection group: sources backed up on one schedule and kept under one retention policy.
public struct ProtectionGroup: Sendable, Hashable {
    /// The group's name, unique in the configuration.
    public var name: String
    /// The member sources (folder names in the local store), in file order.
    public var members: [String]
    /// When the group's online backups run.
    public var schedule: Schedule
    /// Which cloud recovery points of the members are kept.
    public var retention: RetentionPolicy

    /// A group from its parts.
    public init(name: String, members: [String], schedule: Schedule, retention: RetentionPolicy) {
        self.name = name
        self.members = members
        self.schedule = schedule
        self.retention = retention
    }
}
