#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AzureAuth
import Foundation

/// Fast RFC 1123 dates for the hot path: parsing without a `DateFormatter`, formatting cached per second.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let cache = NSLock()
    nonisolated(unsafe) private static var cached: (second: Int, text: String) = (-1, "")

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT`; falls back to `AzureDate` for other forms.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        if parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])),
           let year = Int(parts[3])
        {
            let hms = parts[4].split(separator: ":").compactMap { Int($0) }
            if hms.count == 3 {
                var t = tm()
                t.tm_year = Int32(year - 1900)
                t.tm_mon = Int32(month)
                t.tm_mday = Int32(day)
                t.tm_hour = Int32(hms[0])
                t.tm_min = Int32(hms[1])
                t.tm_sec = Int32(hms[2])
                return Date(timeIntervalSince1970: TimeInterval(timegm(&t)))
            }
        }
        return AzureDate.parseRFC1123(text)
    }

    /// Formats `date` (cached for the current second).
    static func format(_ date: Date) -> String {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        if let hit = cache.withLock({ cached.second == second ? cached.text : nil }) { return hit }
        let text = AzureDate.rfc1123(date)
        cache.withLock { cached = (second, text) }
        return text
    }
}
