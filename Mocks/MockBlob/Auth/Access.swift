import AzureAuth

/// What an operation needs from the credential that signs it.
struct Access: Sendable {
    /// SAS permission sets, any one of which suffices (e.g. write, or create for a new blob).
    var alternatives: [SASPermissions]
    /// The account-SAS resource type the operation touches: `s`ervice, `c`ontainer or `o`bject.
    var resourceType: Character
    /// False for operations only an account SAS or SharedKey may do (create/delete/list containers).
    var serviceSASAllowed = true

    static let readObject = Access(alternatives: [.read], resourceType: "o")
    static let writeObject = Access(alternatives: [.write], resourceType: "o")
    static let createOrWriteObject = Access(alternatives: [.write, .create], resourceType: "o")
    static let deleteObject = Access(alternatives: [.delete], resourceType: "o")
    static let readContainer = Access(alternatives: [.read], resourceType: "c")
    static let writeContainer = Access(alternatives: [.write], resourceType: "c")
    static let listContainer = Access(alternatives: [.list], resourceType: "c")
    static let createContainer = Access(alternatives: [.create], resourceType: "c", serviceSASAllowed: false)
    static let deleteContainer = Access(alternatives: [.delete], resourceType: "c", serviceSASAllowed: false)
    static let listService = Access(alternatives: [.list], resourceType: "s", serviceSASAllowed: false)
    static let readService = Access(alternatives: [.read], resourceType: "s", serviceSASAllowed: false)
    static let writeService = Access(alternatives: [.write], resourceType: "s", serviceSASAllowed: false)
}
