import Foundation

/// A decorator that limits bandwidth: request bodies sent (Put Blob, Put Block) pay into the
/// `upload` bucket before they go, bytes read (Get Blob) into the `download` bucket.
///
/// A ranged read with a known end pays for the range's length before the request and gets back
/// what did not arrive (a short read, a failure); any other read pays for what arrived, after it
/// arrives. Listing, metadata, block lists, leases and tiers are not metered. Put it inside a
/// `RetryingBlobStore` so that every attempt pays: `RetryingBlobStore(ThrottledBlobStore(store, …))`.
public struct ThrottledBlobStore<Base: BlobStore>: ForwardingBlobStore {
    /// The decorated store.
    public let base: Base
    /// Meters Put Blob and Put Block bodies.
    public let upload: TokenBucket
    /// Meters the bytes Get Blob returns.
    public let download: TokenBucket

    /// Wraps `base` with one bucket per direction.
    public init(_ base: Base, upload: TokenBucket, download: TokenBucket) {
        self.base = base
        self.upload = upload
        self.download = download
    }

    /// Wraps `base` with two buckets, one per direction, each metering to the same schedule:
    /// `rate` in bytes per second at an instant (nil: unlimited) and when it may next change.
    public init(
        _ base: Base,
        rate: @escaping @Sendable (Date) -> Int?,
        nextChange: @escaping @Sendable (Date) -> Date? = { _ in nil },
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.init(
            base,
            upload: TokenBucket(rate: rate, nextChange: nextChange, now: now, sleep: sleep),
            download: TokenBucket(rate: rate, nextChange: nextChange, now: now, sleep: sleep)
        )
    }

    public func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try await upload.acquire(body.count)
        return try await base.put(name, body: body, options: options)
    }

    public func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws {
        try await upload.acquire(body.count)
        try await base.putBlock(name, id: id, body: body, crc64: crc64)
    }

    public func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        guard let range, let end = range.end, end >= range.start else {
            let bytes = try await base.get(name, range: range)
            try await download.acquire(bytes.count)
            return bytes
        }
        let expected = Int(clamping: end - range.start + 1)
        try await download.acquire(expected)
        do {
            let bytes = try await base.get(name, range: range)
            download.refund(expected - bytes.count)
            return bytes
        } catch {
            download.refund(expected)
            throw error
        }
    }
}
