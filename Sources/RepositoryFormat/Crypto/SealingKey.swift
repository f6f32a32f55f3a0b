import CLibcrypto

/// A 256-bit AES-GCM key that seals and opens the repository's envelope:
/// `nonce (12 random bytes) ‖ ciphertext ‖ tag (16)`.
public struct SealingKey: Sendable, Equatable {
    /// Bytes added by sealing: nonce and tag.
    public static let overhead = 28

    let bytes: [UInt8]

    /// A key from 32 bytes; nil for any other length.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// A new random key.
    public static func random() -> SealingKey { SealingKey(SecureRandom.bytes(32))! }

    /// The key's bytes, for wrapping under another key.
    public var rawBytes: [UInt8] { bytes }

    /// Encrypts and authenticates `plaintext` under a fresh random nonce.
    public func seal(_ plaintext: [UInt8]) -> [UInt8] {
        plaintext.withUnsafeBytes { seal($0) }
    }

    /// Encrypts and authenticates raw bytes under a fresh random nonce.
    public func seal(_ plaintext: UnsafeRawBufferPointer) -> [UInt8] {
        seal(flag: nil, plaintext)
    }

    /// Seals `flag` followed by `payload` (the blob codec's layout) without first copying them
    /// into one buffer: the same bytes as `seal([flag] + payload)`. `associated` (the blob's id)
    /// is authenticated but not stored: opening needs the same bytes.
    public func seal(flag: UInt8?, _ payload: UnsafeRawBufferPointer, associated: [UInt8] = []) -> [UInt8] {
        let nonce = SecureRandom.bytes(12)
        let lead = flag == nil ? 0 : 1
        let count = payload.count + lead
        return [UInt8](unsafeUninitializedCapacity: count + Self.overhead) { out, initialized in
            let ctx = EVP_CIPHER_CTX_new()!
            defer { EVP_CIPHER_CTX_free(ctx) }
            var ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, bytes, nonce)
            for i in 0..<12 { out[i] = nonce[i] }
            var written: Int32 = 0
            if !associated.isEmpty, ok == 1 { ok = EVP_EncryptUpdate(ctx, nil, &written, associated, Int32(associated.count)) }
            let body = out.baseAddress! + 12
            if var flag, ok == 1 { ok = EVP_EncryptUpdate(ctx, body, &written, &flag, 1) }
            var offset = 0
            // EVP lengths are Int32: feed at most 1 GiB at a time.
            while offset < payload.count && ok == 1 {
                let n = min(payload.count - offset, 1 << 30)
                ok = EVP_EncryptUpdate(ctx, body + lead + offset, &written, payload.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, Int32(n))
                offset += n
            }
            if ok == 1 { ok = EVP_EncryptFinal_ex(ctx, body + count, &written) }
            if ok == 1 { ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, body + count) }
            precondition(ok == 1, "AES-256-GCM encryption failed in libcrypto")
            initialized = count + Self.overhead
        }
    }

    /// Checks and decrypts a sealed object; throws `SealError.authenticationFailed` when it was
    /// altered, truncated or sealed under another key. No byte is returned unless it is authentic.
    public func open(_ sealed: [UInt8]) throws -> [UInt8] {
        try sealed.withUnsafeBytes { try open($0) }
    }

    /// Checks and decrypts raw sealed bytes.
    public func open(_ sealed: UnsafeRawBufferPointer) throws -> [UInt8] {
        try open(sealed, associated: [], splittingFlag: false).payload
    }

    /// Checks and decrypts what `seal(flag:_:associated:)` made: the flag byte and the payload,
    /// which is decrypted straight into its own array (no copy to drop the flag).
    public func openFlagged(_ sealed: UnsafeRawBufferPointer, associated: [UInt8] = []) throws -> (flag: UInt8, payload: [UInt8]) {
        let opened = try open(sealed, associated: associated, splittingFlag: true)
        return (opened.flag ?? 0, opened.payload)
    }

    private func open(_ sealed: UnsafeRawBufferPointer, associated: [UInt8], splittingFlag: Bool) throws -> (flag: UInt8?, payload: [UInt8]) {
        guard sealed.count >= Self.overhead + (splittingFlag ? 1 : 0) else { throw SealError.tooShort(sealed.count) }
        let count = sealed.count - Self.overhead
        let src = sealed.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var tag = [UInt8](UnsafeBufferPointer(start: src + 12 + count, count: 16))
        var ok: Int32 = 1
        var flag: UInt8 = 0
        let lead = splittingFlag ? 1 : 0
        let plain = [UInt8](unsafeUninitializedCapacity: max(count - lead, 1)) { out, initialized in
            let ctx = EVP_CIPHER_CTX_new()!
            defer { EVP_CIPHER_CTX_free(ctx) }
            ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, bytes, src)
            var written: Int32 = 0
            if !associated.isEmpty, ok == 1 { ok = EVP_DecryptUpdate(ctx, nil, &written, associated, Int32(associated.count)) }
            if splittingFlag, ok == 1 { ok = EVP_DecryptUpdate(ctx, &flag, &written, src + 12, 1) }
            var offset = lead
            while offset < count && ok == 1 {
                let n = min(count - offset, 1 << 30)
                ok = EVP_DecryptUpdate(ctx, out.baseAddress! + offset - lead, &written, src + 12 + offset, Int32(n))
                offset += n
            }
            if ok == 1 { ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, &tag) }
            if ok == 1 { ok = EVP_DecryptFinal_ex(ctx, out.baseAddress! + count - lead, &written) }
            initialized = ok == 1 ? count - lead : 0
        }
        guard ok == 1 else { throw SealError.authenticationFailed }
        return (splittingFlag ? flag : nil, plain)
    }
}

/// Why a sealed object could not be opened.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Shorter than a nonce and a tag.
    case tooShort(Int)
    /// The tag did not verify: altered, truncated, or another key.
    case authenticationFailed

    public var description: String {
        switch self {
        case .tooShort(let n): return "sealed object of \(n) bytes is shorter than its nonce and tag"
        case .authenticationFailed: return "sealed object failed authentication (corrupt, or another key)"
        }
    }
}
