import Foundation

/// The date formats of the Azure Blob protocol.
public enum AzureDate {
    /// RFC 1123, as in `x-ms-date` and `Last-Modified`: `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func rfc1123(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", days[c.weekday! - 1], c.day!, months[c.month! - 1],
            c.year!, c.hour!, c.minute!, c.second!)
    }

    /// Parses RFC 1123 (`Sun, 06 Nov 1994 08:49:37 GMT`); nil when malformed. Hand-written:
    /// a `DateFormatter` per call costs far more than the request it parses a header of.
    public static func parseRFC1123(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), clock[0] < 24, clock[1] < 60, clock[2] < 61 else { return nil }
        return utc(year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2])
    }

    /// The instant of a UTC calendar date and time (fields not range-checked).
    public static func utc(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date {
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86400 + hour * 3600 + minute * 60 + second))
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO 8601 UTC without fractions, as SAS `st`/`se` use: `2026-01-02T03:04:05Z`.
    public static func iso8601(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Parses ISO 8601 UTC forms SAS tokens carry: with or without seconds or fractions, or a date alone.
    public static func parseISO8601(_ text: String) -> Date? {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 3, text.hasSuffix("Z") || digits.count == 3 else { return nil }
        var c = DateComponents()
        c.year = digits[0]; c.month = digits[1]; c.day = digits[2]
        c.hour = digits.count > 3 ? digits[3] : 0
        c.minute = digits.count > 4 ? digits[4] : 0
        c.second = digits.count > 5 ? digits[5] : 0
        return utcCalendar.date(from: c)
    }

    static let utcCalendar: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal
    }()
}
