import AzureAuth
import Foundation

/// Point ids are their creation times in UTC: `YYYY-MM-DDTHHMMSSZ`.
public enum PointID {
    /// The creation time a point id names; `nil` when it is not a point id (or names no real time).
    public static func date(_ id: String) -> Date? {
        guard LocalStore.isPointName(id) else { return nil }
        let u = Array(id.utf8)
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(u[$1] - 48) } }
        let (month, day, hour, minute, second) = (number(5..<7), number(8..<10), number(11..<13), number(13..<15), number(15..<17))
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let date = AzureDate.utc(year: number(0..<4), month: month, day: day, hour: hour, minute: minute, second: second)
        // A day the month does not have (February 30) would roll over: refuse it.
        return string(date) == id ? date : nil
    }

    /// The point id of a creation time.
    public static func string(_ date: Date) -> String {
        AzureDate.iso8601(date).replacingOccurrences(of: ":", with: "")
    }
}
