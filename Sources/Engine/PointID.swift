import Foundation

/// Point ids are their creation times in UTC: `YYYY-MM-DDTHHMMSSZ`.
public enum PointID {
    /// The creation time a point id names; `nil` when it is not a point id.
    public static func date(_ id: String) -> Date? {
        guard LocalStore.isPointName(id) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss'Z'"
        return f.date(from: id)
    }

    /// The point id of a creation time.
    public static func string(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
