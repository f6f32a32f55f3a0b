/// An Azure storage connection string: account key form, `UseDevelopmentStorage=true`, or SAS form.
public struct ConnectionString: Sendable, Equatable {
    /// The blob service endpoint, e.g. `http://127.0.0.1:10000/devstoreaccount1` (no trailing slash).
    public var blobEndpoint: String
    /// How requests are authorized.
    public var credential: Credential

    /// How requests are authorized.
    public enum Credential: Sendable, Equatable {
        /// SharedKey with an account name and base64 key.
        case sharedKey(account: String, key: String)
        /// A SAS token appended to every request (without `?`).
        case sas(String)
    }

    /// The emulator's well-known development account.
    public static let developmentAccount = "devstoreaccount1"
    /// The emulator's well-known development key (public, documented by Microsoft).
    public static let developmentKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

    /// Errors naming what a connection string lacks.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// One line naming the problem and the fix.
        public let description: String
    }

    /// An explicit endpoint and credential.
    public init(blobEndpoint: String, credential: Credential) {
        self.blobEndpoint = blobEndpoint.hasSuffix("/") ? String(blobEndpoint.dropLast()) : blobEndpoint
        self.credential = credential
    }

    /// Parses `Key=Value;…`. Keys are case-insensitive; values may contain `=`.
    public init(parsing text: String) throws {
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";") {
            let trimmed = String(part).trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ParseError(description: "connection string: '\(trimmed.prefix(20))' is not Key=Value; use e.g. AccountName=…;AccountKey=…")
            }
            pairs[trimmed[..<eq].lowercased()] = String(trimmed[trimmed.index(after: eq)...])
        }
        if pairs["usedevelopmentstorage"]?.lowercased() == "true" {
            let proxy = pairs["developmentstorageproxyuri"] ?? "http://127.0.0.1"
            self.init(
                blobEndpoint: "\(proxy):10000/\(Self.developmentAccount)",
                credential: .sharedKey(account: Self.developmentAccount, key: Self.developmentKey))
            return
        }
        let account = pairs["accountname"]
        let proto = pairs["defaultendpointsprotocol"] ?? "https"
        let endpoint: String
        if let e = pairs["blobendpoint"] {
            endpoint = e
        } else if let account {
            let suffix = pairs["endpointsuffix"] ?? "core.windows.net"
            endpoint = "\(proto)://\(account).blob.\(suffix)"
        } else {
            throw ParseError(description: "connection string has neither BlobEndpoint nor AccountName; add one")
        }
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw ParseError(description: "connection string: BlobEndpoint must start with http:// or https://")
        }
        if let sas = pairs["sharedaccesssignature"] {
            self.init(blobEndpoint: endpoint, credential: .sas(sas.hasPrefix("?") ? String(sas.dropFirst()) : sas))
        } else if let account, let key = pairs["accountkey"] {
            guard SharedKeySigner(account: account, base64Key: key) != nil else {
                throw ParseError(description: "connection string: AccountKey is not valid base64; copy it again from the portal")
            }
            self.init(blobEndpoint: endpoint, credential: .sharedKey(account: account, key: key))
        } else {
            throw ParseError(description: "connection string has no credential; add AccountName and AccountKey, or SharedAccessSignature")
        }
    }

    /// The development-storage string for an emulator at `endpoint` (e.g. a mock on another port).
    public static func development(endpoint: String) -> ConnectionString {
        ConnectionString(
            blobEndpoint: endpoint, credential: .sharedKey(account: developmentAccount, key: developmentKey))
    }

    /// The connection string in `Key=Value;` form (the key is included: treat it as a secret).
    public var text: String {
        switch credential {
        case .sharedKey(let a, let k):
            return "DefaultEndpointsProtocol=\(blobEndpoint.hasPrefix("https") ? "https" : "http");AccountName=\(a);AccountKey=\(k);BlobEndpoint=\(blobEndpoint);"
        case .sas(let t):
            return "BlobEndpoint=\(blobEndpoint);SharedAccessSignature=\(t)"
        }
    }
}
