import Foundation

/// A shared access signature: service SAS (container or blob) or account SAS.
///
/// Build one with `signed(...)` for a client, or parse one from a request's query with
/// `init?(query:)` and check it with `verify(...)` in the server.
public struct SharedAccessSignature: Sendable, Equatable {
    /// Service SAS scope (`sr`) or account SAS.
    public enum Scope: Sendable, Equatable {
        /// Service SAS on a container (`sr=c`).
        case container(String)
        /// Service SAS on one blob (`sr=b`).
        case blob(container: String, blob: String)
        /// Account SAS: services (`ss`) and resource types (`srt`).
        case account(services: String, resourceTypes: String)
    }

    /// The SAS query fields, keyed by name (`sv`, `sp`, `se`, `sig`, …), values decoded.
    public var fields: [String: String]

    /// Parses the SAS fields from a query; nil when there is no `sig`.
    public init?(query: [(name: String, value: String)]) {
        var f: [String: String] = [:]
        for q in query where Self.fieldNames.contains(q.name) { f[q.name] = q.value }
        guard f["sig"] != nil else { return nil }
        fields = f
    }

    /// Parses a SAS token string such as `sv=...&sp=...&sig=...` (leading `?` allowed).
    public init?(token: String) {
        let trimmed = token.hasPrefix("?") ? String(token.dropFirst()) : token
        self.init(query: QueryString.parse(trimmed))
    }

    static let fieldNames: Set<String> = [
        "sv", "ss", "srt", "sp", "st", "se", "sip", "spr", "sr", "si", "ses", "sig", "snapshot",
        "rscc", "rscd", "rsce", "rscl", "rsct", "sdd",
    ]

    /// Creates and signs a SAS with the account key in `signer`.
    public static func signed(
        scope: Scope, permissions: SASPermissions, expiry: Date, start: Date? = nil,
        version: String = "2021-08-06", protocols: String? = nil, signer: SharedKeySigner
    ) -> SharedAccessSignature {
        var f: [String: String] = ["sv": version, "sp": permissions.letters, "se": AzureDate.iso8601(expiry)]
        if let start { f["st"] = AzureDate.iso8601(start) }
        if let protocols { f["spr"] = protocols }
        switch scope {
        case .container: f["sr"] = "c"
        case .blob: f["sr"] = "b"
        case .account(let services, let types):
            f["ss"] = services
            f["srt"] = types
        }
        var sas = SharedAccessSignature(unsigned: f)
        f["sig"] = signer.sign(sas.stringToSign(account: signer.account, scope: scope))
        sas.fields = f
        return sas
    }

    private init(unsigned fields: [String: String]) { self.fields = fields }

    /// True for an account SAS (it has `ss`).
    public var isAccountSAS: Bool { fields["ss"] != nil }

    /// The permissions granted; empty when `sp` is malformed.
    public var permissions: SASPermissions { SASPermissions(letters: fields["sp"] ?? "") ?? [] }

    /// The string-to-sign for this SAS (version 2020-12-06 and later layouts).
    public func stringToSign(account: String, scope: Scope) -> String {
        let v = { (name: String) in fields[name] ?? "" }
        switch scope {
        case .account:
            return [account, v("sp"), v("ss"), v("srt"), v("st"), v("se"), v("sip"), v("spr"), v("sv"), v("ses")]
                .joined(separator: "\n") + "\n"
        case .container(let c):
            return serviceString(v, resource: "/blob/\(account)/\(c)")
        case .blob(let c, let b):
            return serviceString(v, resource: "/blob/\(account)/\(c)/\(b)")
        }
    }

    private func serviceString(_ v: (String) -> String, resource: String) -> String {
        [v("sp"), v("st"), v("se"), resource, v("si"), v("sip"), v("spr"), v("sv"), v("sr"), v("snapshot"),
         v("ses"), v("rscc"), v("rscd"), v("rsce"), v("rscl"), v("rsct")].joined(separator: "\n")
    }

    /// The token as a query string, fields sorted, values percent-encoded.
    public var token: String {
        fields.keys.sorted().map { "\($0)=\(QueryString.encode(fields[$0]!))" }.joined(separator: "&")
    }

    /// Why a SAS does not allow a request.
    public enum Denial: Error, Sendable, Equatable {
        /// Bad signature, expired, not yet valid, or malformed: 403 AuthenticationFailed.
        case authenticationFailed(String)
        /// Valid but lacking a permission or resource type: 403 AuthorizationPermissionMismatch.
        case permissionMismatch(String)
    }

    /// Checks this SAS for a request on `container`/`blob` needing `needed` at time `now`.
    /// `resourceType` is the account-SAS resource letter the request touches (`s`, `c` or `o`).
    public func verify(
        signer: SharedKeySigner, container: String?, blob: String?, needed: SASPermissions,
        resourceType: Character, now: Date
    ) -> Result<Void, Denial> {
        guard let sig = fields["sig"], let se = fields["se"].flatMap(AzureDate.parseISO8601) else {
            return .failure(.authenticationFailed("SAS lacks a signature or a valid expiry"))
        }
        let scope: Scope
        if isAccountSAS {
            scope = .account(services: fields["ss"]!, resourceTypes: fields["srt"] ?? "")
        } else if fields["sr"] == "c", let container {
            scope = .container(container)
        } else if fields["sr"] == "b", let container, let blob {
            scope = .blob(container: container, blob: blob)
        } else {
            return .failure(.authenticationFailed("SAS resource does not cover this request"))
        }
        guard constantTimeEqual(signer.sign(stringToSign(account: signer.account, scope: scope)), sig) else {
            return .failure(.authenticationFailed("SAS signature does not match"))
        }
        if now >= se { return .failure(.authenticationFailed("SAS expired at \(se)")) }
        if let st = fields["st"].flatMap(AzureDate.parseISO8601), now < st {
            return .failure(.authenticationFailed("SAS not valid before \(st)"))
        }
        if isAccountSAS {
            guard fields["ss"]!.contains("b") else { return .failure(.permissionMismatch("SAS lacks the blob service")) }
            guard (fields["srt"] ?? "").contains(resourceType) else {
                return .failure(.permissionMismatch("SAS lacks resource type \(resourceType)"))
            }
        }
        guard permissions.isSuperset(of: needed) else {
            return .failure(.permissionMismatch("SAS lacks permission \(needed.subtracting(permissions).letters)"))
        }
        return .success(())
    }
}
