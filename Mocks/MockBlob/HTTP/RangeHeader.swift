/// A byte range from `x-ms-range` or `Range`: `bytes=start-end` or `bytes=start-`.
struct ByteRange: Sendable, Equatable {
    var start: Int64
    var end: Int64?

    /// Parses a range header value; nil when it is not a single `bytes=` range.
    init?(header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes=") else { return nil }
        let spec = trimmed.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        guard let s = Int64(spec[..<dash]), s >= 0 else { return nil }
        let e = spec[spec.index(after: dash)...]
        if e.isEmpty {
            end = nil
        } else {
            guard let v = Int64(e), v >= s else { return nil }
            end = v
        }
        start = s
    }

    init(start: Int64, end: Int64?) {
        self.start = start
        self.end = end
    }

    /// The bytes this range selects from a blob of `size`, or 416 when it starts past the end.
    func resolve(size: Int64) throws(BlobError) -> ClosedRange<Int64> {
        guard start < size else { throw .invalidRange(size: size) }
        return start...min(end ?? (size - 1), size - 1)
    }
}

import Foundation
