import CZstd

/// A zstd compressor with a reused context; one per worker (not shareable across tasks).
public final class ZstdCompressor {
    private let context: OpaquePointer
    /// Compression level (1 is the fast level the engine uses).
    public let level: Int32

    /// A compressor at `level`.
    public init(level: Int32 = 1) {
        context = ZSTD_createCCtx()
        self.level = level
    }

    deinit { ZSTD_freeCCtx(context) }

    /// The compressed frame of `input`, or nil when it would not save at least 1/16 of the size
    /// (incompressible data is stored as it is).
    public func compressIfWorthwhile(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        // A cheap look first: when a 4 KiB sample from the middle does not compress, the chunk
        // is taken as incompressible (random, encrypted or already compressed data) and the
        // full attempt is skipped.
        if input.count >= 16 << 10 {
            let mid = input.count / 2
            let sample = UnsafeRawBufferPointer(rebasing: input[mid..<(mid + 4096)])
            var probe = [UInt8](repeating: 0, count: ZSTD_compressBound(4096))
            let n = probe.withUnsafeMutableBytes { ZSTD_compressCCtx(context, $0.baseAddress, $0.count, sample.baseAddress, 4096, level) }
            if ZSTD_isError(n) == 0 && n >= 4096 - 4096 / 16 { return nil }
        }
        let bound = ZSTD_compressBound(input.count)
        let limit = input.count - input.count / 16
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buf, initialized in
            let n = ZSTD_compressCCtx(context, buf.baseAddress, bound, input.baseAddress, input.count, level)
            failed = ZSTD_isError(n) != 0
            initialized = failed ? 0 : n
        }
        return failed || out.count >= limit ? nil : out
    }
}

/// Decompression of zstd frames whose content size is recorded in the frame.
public enum Zstd {
    /// Errors of decompression.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownSize, tooLarge(UInt64), corrupt(String)
        public var description: String {
            switch self {
            case .unknownSize: return "zstd frame without a content size"
            case .tooLarge(let n): return "zstd frame claims \(n) bytes, more than allowed"
            case .corrupt(let why): return "zstd frame is corrupt: \(why)"
            }
        }
    }

    /// Decompresses one frame of at most `maxSize` bytes of content.
    public static func decompress(_ frame: UnsafeRawBufferPointer, maxSize: Int) throws -> [UInt8] {
        let size = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
        guard size != UInt64.max, size != UInt64.max - 1 else { throw Failure.unknownSize }
        guard size <= UInt64(maxSize) else { throw Failure.tooLarge(size) }
        var error: String?
        let out = [UInt8](unsafeUninitializedCapacity: max(Int(size), 1)) { buf, initialized in
            let n = ZSTD_decompress(buf.baseAddress, Int(size), frame.baseAddress, frame.count)
            if ZSTD_isError(n) != 0 {
                error = String(cString: ZSTD_getErrorName(n))
                initialized = 0
            } else if n != Int(size) {
                error = "content size \(n), frame said \(size)"
                initialized = 0
            } else {
                initialized = n
            }
        }
        if let error { throw Failure.corrupt(error) }
        return out
    }
}
