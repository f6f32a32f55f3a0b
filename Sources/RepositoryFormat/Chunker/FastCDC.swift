import AzureAuth
import Foundation

/// FastCDC content-defined chunking with normalized chunking (Xia et al., 2016/2020) over a
/// keyed gear table: a rolling `hash = (hash << 1) + gear[byte]` cuts where its top bits are
/// zero — more bits before the average size (harder to cut), fewer after (easier), so sizes
/// cluster near the average and an insertion shifts only the chunks around it.
public struct FastCDC: Sendable {
    public let parameters: ChunkerParameters
    private let gear: [UInt64]
    private let maskHard: UInt64
    private let maskEasy: UInt64

    /// A chunker for `parameters`; the gear table is derived from the seed with HMAC-SHA256.
    public init(_ parameters: ChunkerParameters) {
        self.parameters = parameters
        var table: [UInt64] = []
        table.reserveCapacity(256)
        var counter: UInt32 = 0
        while table.count < 256 {
            var msg = Array("tiergate gear".utf8)
            withUnsafeBytes(of: counter.bigEndian) { msg += $0 }
            let block = Digest.hmacSHA256(key: parameters.seed, message: msg)
            for i in 0..<4 {
                table.append(block[(i * 8)..<(i * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) })
            }
            counter += 1
        }
        gear = table
        let bits = parameters.averageSize.trailingZeroBitCount
        maskHard = Self.topBits(bits + 2)
        maskEasy = Self.topBits(max(bits - 2, 1))
    }

    static func topBits(_ n: Int) -> UInt64 { n >= 64 ? ~0 : ~(~UInt64(0) >> UInt64(n)) }

    /// The length of the next chunk at the start of `data`. When `data` holds fewer than
    /// `maxSize` bytes and `isFinal` is false, returns nil if no cut was found: supply more.
    public func cut(_ data: UnsafeRawBufferPointer, isFinal: Bool) -> Int? {
        let n = data.count
        let p = parameters
        if n <= p.minSize { return isFinal || n == p.maxSize ? n : nil }
        let limit = min(n, p.maxSize)
        if ZeroBytes.all(UnsafeRawBufferPointer(rebasing: data[0..<limit])) { return cutZeroes(limit: limit, isFinal: isFinal) }
        return cutBytes(data, isFinal: isFinal)
    }

    /// `cut` hashing every byte, two bytes a step (the same cuts as `cutBytesOneByOne`).
    ///
    /// The rolling hash is a chain of shift-and-add, one per byte. A step of two bytes computes
    /// the second hash as `(h << 2) + (gear[a] << 1 + gear[b])`, whose right side does not wait
    /// for `h`, so the chain is half as long; the first byte's hash, `(h << 1) + gear[a]`, is
    /// tested beside it. Measured with `tiergate-bench chunking`: 3.2 GB/s → 3.4 GB/s on BMR-like data.
    func cutBytes(_ data: UnsafeRawBufferPointer, isFinal: Bool) -> Int? {
        cutBytes(data, isFinal: isFinal, scan: Self.scanTwoByTwo)
    }

    /// `cut` hashing one byte a step: the reference `cutBytes` and the zero fast path are tested against.
    func cutBytesOneByOne(_ data: UnsafeRawBufferPointer, isFinal: Bool) -> Int? {
        cutBytes(data, isFinal: isFinal, scan: Self.scanOneByOne)
    }

    /// Rolls the hash over `bytes[i..<end]`; returns the cut (one past the byte where
    /// `hash & mask` is zero), or nil with `i == end`.
    typealias Scan = (_ bytes: UnsafePointer<UInt8>, _ gear: UnsafeBufferPointer<UInt64>, _ i: inout Int, _ end: Int, _ mask: UInt64, _ hash: inout UInt64) -> Int?

    /// `cut` over bytes that are not all zero: the hard mask up to the average size, the easy
    /// mask after it, `scan` rolling the hash.
    @inline(__always)
    private func cutBytes(_ data: UnsafeRawBufferPointer, isFinal: Bool, scan: Scan) -> Int? {
        let n = data.count
        let p = parameters
        if n <= p.minSize { return isFinal || n == p.maxSize ? n : nil }
        let limit = min(n, p.maxSize)
        let normal = min(limit, p.averageSize)
        var hash: UInt64 = 0
        let found: Int? = gear.withUnsafeBufferPointer { g in
            let bytes = data.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var i = p.minSize
            if let cut = scan(bytes, g, &i, normal, maskHard, &hash) { return cut }
            return scan(bytes, g, &i, limit, maskEasy, &hash)
        }
        if let found { return found }
        return limit == p.maxSize || isFinal ? limit : nil
    }

    /// `Scan` two bytes a step.
    @inline(__always)
    static func scanTwoByTwo(_ bytes: UnsafePointer<UInt8>, _ g: UnsafeBufferPointer<UInt64>, _ i: inout Int, _ end: Int, _ mask: UInt64, _ hash: inout UInt64) -> Int? {
        var h = hash
        defer { hash = h }
        while i + 1 < end {
            let a = g[Int(bytes[i])]
            let first = (h << 1) &+ a
            h = (h << 2) &+ ((a << 1) &+ g[Int(bytes[i + 1])])
            if (first & mask == 0) || (h & mask == 0) { return first & mask == 0 ? i + 1 : i + 2 }
            i += 2
        }
        if i < end {
            h = (h << 1) &+ g[Int(bytes[i])]
            i += 1
            if h & mask == 0 { return i }
        }
        return nil
    }

    /// `Scan` one byte a step (the plain definition).
    static func scanOneByOne(_ bytes: UnsafePointer<UInt8>, _ g: UnsafeBufferPointer<UInt64>, _ i: inout Int, _ end: Int, _ mask: UInt64, _ hash: inout UInt64) -> Int? {
        while i < end {
            hash = (hash << 1) &+ g[Int(bytes[i])]
            i += 1
            if hash & mask == 0 { return i }
        }
        return nil
    }

    /// `cut` over a window of `limit` zero bytes (disk images hold long zero runs). After 64
    /// zero bytes the rolling hash is constant (`-gear[0]`), so whether and where it cuts follows
    /// from that constant without hashing the rest: the same answer as `cutBytes`, at once.
    func cutZeroes(limit: Int, isFinal: Bool) -> Int? {
        let p = parameters
        let normal = min(limit, p.averageSize)
        let g0 = gear[0]
        var hash: UInt64 = 0
        var i = p.minSize
        let warm = min(limit, p.minSize + 64)
        while i < warm {
            hash = (hash << 1) &+ g0
            if hash & (i < normal ? maskHard : maskEasy) == 0 { return i + 1 }
            i += 1
        }
        if i < limit {
            if i < normal && hash & maskHard == 0 { return i + 1 }
            let easy = max(i, normal)
            if easy < limit && hash & maskEasy == 0 { return easy + 1 }
        }
        return limit == p.maxSize || isFinal ? limit : nil
    }
}

/// Zero tests over raw bytes.
public enum ZeroBytes {
    /// True when every byte is zero (also for an empty buffer).
    public static func all(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let base = raw.baseAddress, raw.count > 0 else { return true }
        return raw[0] == 0 && memcmp(base, base + 1, raw.count - 1) == 0
    }
}
