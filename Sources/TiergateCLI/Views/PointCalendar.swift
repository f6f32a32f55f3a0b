import Foundation

/// Month calendars with the days that have recovery points marked, as backup consoles show
/// them: weeks start on Monday; a marked day is drawn in bold reverse video on a terminal and
/// followed by `*` otherwise.
struct PointCalendar {
    /// The calendar (and time zone) the days are counted in.
    var calendar: Calendar
    /// Draw marks with terminal escapes instead of `*`.
    var terminal: Bool

    /// Every month from the first point's to the last point's, each with its marked days.
    func render(_ points: [Date]) -> String {
        guard let first = points.min(), let last = points.max() else { return "" }
        // Days as yyyymmdd numbers.
        let days = Set(points.map { date -> Int in
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return c.year! * 10_000 + c.month! * 100 + c.day!
        })
        var month = calendar.dateComponents([.year, .month], from: first)
        let end = calendar.dateComponents([.year, .month], from: last)
        var blocks: [String] = []
        while (month.year!, month.month!) <= (end.year!, end.month!) {
            blocks.append(renderMonth(year: month.year!, month: month.month!, marked: days))
            month.month! += 1
            if month.month! > 12 { month.month = 1; month.year! += 1 }
        }
        return blocks.joined(separator: "\n")
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// One month: a title, the weekday header and its weeks.
    func renderMonth(year: Int, month: Int, marked: Set<Int>) -> String {
        let firstDay = calendar.date(from: DateComponents(year: year, month: month, day: 1, hour: 12))!
        let length = calendar.range(of: .day, in: .month, for: firstDay)!.count
        // Monday = 0 … Sunday = 6.
        let lead = (calendar.component(.weekday, from: firstDay) + 5) % 7
        let title = "\(Self.monthNames[month - 1]) \(year)"
        let width = 28
        // Each day is a 4-character cell: the number right-aligned in 3, then the mark.
        var lines = [String(repeating: " ", count: max(0, (width - title.count) / 2)) + title, " Mo  Tu  We  Th  Fr  Sa  Su"]
        var line = String(repeating: "    ", count: lead)
        for day in 1...length {
            let isMarked = marked.contains(year * 10_000 + month * 100 + day)
            let pad = day < 10 ? "  " : " "
            if isMarked && terminal {
                line += pad + "\u{1B}[1;7m\(day)\u{1B}[0m "
            } else {
                line += pad + "\(day)" + (isMarked ? "*" : " ")
            }
            if (lead + day) % 7 == 0 {
                lines.append(line)
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
    }
}
