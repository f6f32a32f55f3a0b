import Foundation
import Testing
@testable import Policy

/// Shared helpers for the retention tests: points are written as ISO 8601 times with explicit
/// offsets, so each case states by hand which wall-clock time and which instant it means.
enum RetentionFixture {
    /// Parses `2026-03-29T01:30:00+01:00` (or `...Z`).
    static func time(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { fatalError("bad test time \(text)") }
        return date
    }

    /// Evaluates `policy` in `zone` at `now` for the points of `cases` (in their order) and
    /// expects each point's rules to be the hand-derived ones; also checks `keep` agrees.
    static func check(
        _ policy: RetentionPolicy, zone: String = "UTC", now: String,
        _ cases: [(point: String, rules: [RetentionRule])],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let evaluator = RetentionEvaluator(policy: policy, timeZone: TimeZone(identifier: zone)!)
        let points = cases.map { time($0.point) }
        let decisions = evaluator.evaluate(points: points, now: time(now))
        #expect(decisions.count == cases.count, sourceLocation: sourceLocation)
        for (decision, expected) in zip(decisions, cases) {
            #expect(decision.created == time(expected.point), sourceLocation: sourceLocation)
            #expect(decision.rules == expected.rules, "point \(expected.point)", sourceLocation: sourceLocation)
            #expect(decision.keep == !expected.rules.isEmpty, "point \(expected.point)", sourceLocation: sourceLocation)
        }
    }
}
