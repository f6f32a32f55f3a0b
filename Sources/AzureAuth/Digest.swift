import CLibcrypto
import Foundation

/// One-shot and incremental message digests and HMAC through OpenSSL's libcrypto.
public enum Digest {
    /// MD5 of `bytes` (16 bytes); Azure's Content-MD5.
    public static func md5<B: ContiguousBytes>(_ bytes: B) -> [UInt8] {
        var hasher = IncrementalDigest(.md5)
        hasher.update(bytes)
        return hasher.finish()
    }

    /// SHA-256 of `bytes` (32 bytes).
    public static func sha256<B: ContiguousBytes>(_ bytes: B) -> [UInt8] {
        var hasher = IncrementalDigest(.sha256)
        hasher.update(bytes)
        return hasher.finish()
    }

    /// HMAC-SHA256 of `message` under `key` (32 bytes).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { hmacSHA256(key: key, message: $0) }
    }

    /// HMAC-SHA256 of raw bytes under `key`, without copying them.
    public static func hmacSHA256(key: [UInt8], message: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { k in
            out.withUnsafeMutableBytes { o in
                _ = HMAC(
                    EVP_sha256(), k.baseAddress, Int32(k.count),
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                    o.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
            }
        }
        return Array(out.prefix(Int(length)))
    }

    /// HMAC-SHA256 of a UTF-8 string, base64-encoded: the signature of SharedKey and SAS.
    public static func signature(base64Key: [UInt8], stringToSign: String) -> String {
        Data(hmacSHA256(key: base64Key, message: Array(stringToSign.utf8))).base64EncodedString()
    }
}

/// A running digest (MD5 or SHA-256) fed in pieces; not copyable, so one owner finishes it.
public struct IncrementalDigest: ~Copyable {
    /// The digest algorithms in use.
    public enum Algorithm: Sendable { case md5, sha256 }

    private let context: OpaquePointer

    /// Starts a digest of the given algorithm.
    public init(_ algorithm: Algorithm) {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, algorithm == .md5 ? EVP_md5() : EVP_sha256(), nil)
    }

    /// Adds bytes to the digest.
    public mutating func update<B: ContiguousBytes>(_ bytes: B) {
        bytes.withUnsafeBytes { raw in
            if raw.count > 0 { EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
        }
    }

    /// Adds raw bytes to the digest.
    public mutating func update(_ raw: UnsafeRawBufferPointer) {
        if raw.count > 0 { EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
    }

    /// Finishes and returns the digest.
    public consuming func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        return Array(out.prefix(Int(length)))
    }

    deinit { EVP_MD_CTX_free(context) }
}
