import AzureAuth
import Foundation

/// Checks SharedKey and SAS credentials against the configured accounts.
struct Authenticator: Sendable {
    let signers: [String: SharedKeySigner]
    let clock: @Sendable () -> Date
    /// How far `x-ms-date` may be from the server clock.
    static let allowedSkew: TimeInterval = 15 * 60

    init(accounts: [MockAccount], clock: @escaping @Sendable () -> Date) {
        var s: [String: SharedKeySigner] = [:]
        for a in accounts { s[a.name] = SharedKeySigner(account: a.name, base64Key: a.key) }
        signers = s
        self.clock = clock
    }

    /// Throws 403 AuthenticationFailed or AuthorizationPermissionMismatch unless `request` may do `access`.
    /// Returns the SAS permissions granted (nil for SharedKey, which may do anything).
    @discardableResult
    func authorize(_ request: BlobRequest, access: Access) throws(BlobError) -> SASPermissions? {
        guard let account = request.account, let signer = signers[account] else {
            throw .authenticationFailed("Unknown account.")
        }
        if let authorization = request.header("authorization") {
            guard signer.verify(request.signable, authorization: authorization) else {
                throw .authenticationFailed("The MAC signature found in the HTTP request is not the same as any computed signature.")
            }
            try checkDate(request)
            return nil
        }
        guard let sas = SharedAccessSignature(query: request.query) else {
            throw .authenticationFailed("No credentials: send a SharedKey Authorization header or a SAS.")
        }
        if !sas.isAccountSAS && !access.serviceSASAllowed {
            throw .permissionMismatch("A service SAS cannot perform this operation.")
        }
        var firstDenial: SharedAccessSignature.Denial?
        for needed in access.alternatives {
            switch sas.verify(
                signer: signer, container: request.container, blob: request.blob, needed: needed,
                resourceType: access.resourceType, now: clock())
            {
            case .success: return sas.permissions
            case .failure(let denial):
                if case .authenticationFailed(let why) = denial { throw .authenticationFailed(why) }
                if firstDenial == nil { firstDenial = denial }
            }
        }
        switch firstDenial {
        case .permissionMismatch(let why)?: throw .permissionMismatch(why)
        case .authenticationFailed(let why)?: throw .authenticationFailed(why)
        case nil: throw .authenticationFailed("SAS grants nothing.")
        }
    }

    /// A SharedKey request must carry `x-ms-date` (or `Date`) within 15 minutes of the server clock.
    private func checkDate(_ request: BlobRequest) throws(BlobError) {
        guard let text = request.header("x-ms-date") ?? request.header("date"), let date = HTTPDate.parse(text) else {
            throw .authenticationFailed("Request must contain x-ms-date or Date.")
        }
        if abs(date.timeIntervalSince(clock())) > Self.allowedSkew {
            throw .authenticationFailed("Request date header too old or too far in the future: \(text).")
        }
    }
}
