import Engine
import Foundation
import Testing

@testable import TiergateCLI

@Suite struct PointCalendarTests {
    let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    // November 2026 begins on a Sunday and has 30 days (checked against Python's calendar module).
    @Test func marksTheDaysWithPoints() throws {
        let points = try ["2026-11-01T220000Z", "2026-11-21T120000Z", "2026-11-21T220000Z", "2026-11-30T220000Z"].map { try #require(PointID.date($0)) }
        let drawn = PointCalendar(calendar: utc, terminal: false).render(points)
        #expect(drawn == """
                   November 2026
             Mo  Tu  We  Th  Fr  Sa  Su
                                      1*
              2   3   4   5   6   7   8
              9  10  11  12  13  14  15
             16  17  18  19  20  21* 22
             23  24  25  26  27  28  29
             30*

            """)
    }

    // A leap February 2028 (begins on a Tuesday, 29 days) after an empty January.
    @Test func drawsEveryMonthBetweenTheFirstAndLastPoint() throws {
        let points = try ["2027-12-31T220000Z", "2028-02-29T220000Z"].map { try #require(PointID.date($0)) }
        let drawn = PointCalendar(calendar: utc, terminal: true).render(points)
        let months = drawn.components(separatedBy: "\n\n")
        #expect(months.count == 3)
        #expect(months[1].contains("January 2028") && !months[1].contains("\u{1B}"))
        #expect(months[2].hasPrefix("       February 2028\n Mo  Tu  We  Th  Fr  Sa  Su\n      1   2   3   4   5   6\n"))
        #expect(months[2].hasSuffix(" 28  \u{1B}[1;7m29\u{1B}[0m\n"))
    }

    @Test func pointIdsAreUTCTimes() {
        #expect(PointID.date("2026-11-21T220000Z") == Date(timeIntervalSince1970: 1_795_298_400))
        #expect(PointID.date("2026-11-21 22:00") == nil)
    }
}

@Suite struct PointIDTests {
    @Test func idsAndTimesRoundTrip() {
        let t = Date(timeIntervalSince1970: 1_795_298_400)
        #expect(PointID.string(t) == "2026-11-21T220000Z")
        #expect(PointID.date("2028-02-29T235959Z") == Date(timeIntervalSince1970: 1_835_481_599))
        #expect(PointID.date("2026-13-01T000000Z") == nil)
        #expect(PointID.date("2027-02-29T000000Z") == nil)
        #expect(PointID.date("2026-11-21T246000Z") == nil)
    }
}
