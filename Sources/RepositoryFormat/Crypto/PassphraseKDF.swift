import CLibcrypto

/// scrypt parameters and salt of one key file: a passphrase becomes a 32-byte wrapping key.
public struct PassphraseKDF: Sendable, Equatable, Codable {
    /// CPU/memory cost, a power of two.
    public var n: UInt64
    /// Block size.
    public var r: UInt64
    /// Parallelism.
    public var p: UInt64
    /// Random salt (16 bytes).
    public var salt: [UInt8]

    /// Parameters with a fresh random salt; defaults take about 0.1 s and 32 MiB.
    public init(n: UInt64 = 1 << 15, r: UInt64 = 8, p: UInt64 = 1, salt: [UInt8] = SecureRandom.bytes(16)) {
        self.n = n
        self.r = r
        self.p = p
        self.salt = salt
    }

    /// The wrapping key for `passphrase`.
    public func deriveKey(passphrase: String) -> SealingKey {
        let pass = Array(passphrase.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        let maxMemory = 128 * r * n * p + (64 << 20)
        let ok = pass.withUnsafeBufferPointer { pw in
            salt.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    pw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(pw.count, 1)) { pwc in
                        EVP_PBE_scrypt(pwc, pw.count, s.baseAddress, s.count, n, r, p, maxMemory, o.baseAddress, 32)
                    }
                }
            }
        }
        precondition(ok == 1, "scrypt failed in libcrypto (parameters N=\(n) r=\(r) p=\(p))")
        return SealingKey(out)!
    }
}
