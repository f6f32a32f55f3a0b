import Foundation
import Yams

extension Configuration {
    /// The top-level keys, in the order normalized output prints them.
    static let topLevelKeys = ["store", "state", "timezone", "cloud", "passphrase-file", "groups", "throttle"]

    /// Parses and checks a configuration file's text.
    ///
    /// Every rule of product.md's "Configuration (contract)" is checked here except the one that
    /// needs the local store (see ``validate(sourceInfo:)``). Unknown keys are errors. All problems
    /// are reported together, one line each, naming the key path. An empty document is the default
    /// configuration.
    public static func load(yaml: String) throws(ConfigurationErrors) -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationErrors(lines: [Self.describeSyntaxError(error)])
        }
        guard let root else { return Configuration() }
        var reader = ConfigurationReader()
        let configuration = reader.configuration(root)
        guard reader.errors.isEmpty, let configuration else {
            throw ConfigurationErrors(lines: reader.errors)
        }
        return configuration
    }

    /// A YAML syntax error as one line: `line 3, column 7: YAML syntax error: …`.
    static func describeSyntaxError(_ error: any Error) -> String {
        guard let yamlError = error as? YamlError else { return "YAML syntax error: \(error)" }
        func at(_ mark: Mark) -> String { "line \(mark.line), column \(mark.column): " }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): " } ?? ""
            return at(mark) + "YAML syntax error: \(detail)\(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\(ConfigurationReader.show($0))'" }.joined(separator: ", ")
            return at(context.mark) + "key \(keys) given more than once in one mapping; give each key once"
        default:
            return "YAML syntax error: " + ConfigurationReader.show(String(describing: yamlError))
        }
    }
}

extension ConfigurationReader {
    /// The whole document; `nil` when any part is wrong.
    mutating func configuration(_ root: Node) -> Configuration? {
        guard let fields = mapping(root, at: .root, expected: "a mapping of configuration keys",
                                   allowed: Configuration.topLevelKeys) else { return nil }
        var result = Configuration()
        var valid = true
        func take<T>(_ value: T??, into keyPath: WritableKeyPath<Configuration, T>) {
            switch value {
            case .some(.some(let v)): result[keyPath: keyPath] = v
            case .some(.none): valid = false
            case .none: break
            }
        }
        take(fields["store"].map { text($0, at: fields.path.key("store"), expected: "the local store's folder") }, into: \.store)
        take(fields["state"].map { text($0, at: fields.path.key("state"), expected: "tiergate's state folder") }, into: \.state)
        take(fields["timezone"].map { timeZone($0, at: fields.path.key("timezone")) }, into: \.timeZone)
        take(fields["cloud"].map { cloud($0, at: fields.path.key("cloud")) }, into: \.cloud)
        take(fields["passphrase-file"].map { text($0, at: fields.path.key("passphrase-file"), expected: "the passphrase file's path") },
             into: \.passphraseFile)
        take(fields["groups"].map { groups($0, at: fields.path.key("groups")) }, into: \.groups)
        take(fields["throttle"].map { throttle($0, at: fields.path.key("throttle")) }, into: \.throttle)
        return valid ? result : nil
    }

    /// An IANA time zone name (`Europe/Berlin`, `UTC`).
    mutating func timeZone(_ node: Node, at path: ConfigPath) -> TimeZone? {
        let expected = "an IANA time zone name like Europe/Berlin or UTC"
        guard let name = text(node, at: path, expected: expected) else { return nil }
        // Foundation also accepts offsets such as GMT+2, which are not IANA names.
        guard name.range(of: "^(GMT|UTC)[+-]", options: .regularExpression) == nil, let zone = TimeZone(identifier: name) else {
            report(path, "'\(Self.show(name))' is not an IANA time zone; expected \(expected)")
            return nil
        }
        return zone
    }

    /// The `cloud` section.
    mutating func cloud(_ node: Node, at path: ConfigPath) -> Configuration.Cloud? {
        guard let fields = mapping(node, at: path, expected: "a mapping with connection-string-file and container",
                                   allowed: ["connection-string-file", "container"]) else { return nil }
        var cloud = Configuration.Cloud()
        var valid = true
        if let node = fields["connection-string-file"] {
            cloud.connectionStringFile = text(node, at: path.key("connection-string-file"), expected: "the connection string file's path")
            valid = valid && cloud.connectionStringFile != nil
        }
        if let node = fields["container"] {
            if let name = text(node, at: path.key("container"), expected: "a container name"), checkContainer(name, at: path.key("container")) {
                cloud.container = name
            } else {
                valid = false
            }
        }
        return valid ? cloud : nil
    }

    /// Azure's container naming rules: 3–63 characters, lower-case letters, digits and single
    /// hyphens, beginning and ending with a letter or digit.
    private mutating func checkContainer(_ name: String, at path: ConfigPath) -> Bool {
        let ok = name.range(of: "^[a-z0-9](-?[a-z0-9])*$", options: .regularExpression) != nil && (3...63).contains(name.count)
        if !ok {
            report(path, "'\(Self.show(name))' is not a valid container name; expected 3–63 lower-case letters, digits and single hyphens, beginning and ending with a letter or digit")
        }
        return ok
    }
}
