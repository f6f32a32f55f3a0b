import Foundation
import Testing

@testable import Engine

@Suite struct WrittenPrefixTests {
    @Test func writesInOrderExtendThePrefix() {
        var p = WrittenPrefix()
        p.add(offset: 0, count: 10)
        p.add(offset: 10, count: 5)
        #expect(p.end == 15)
    }

    @Test func aWriteAfterAGapWaitsUntilTheGapIsFilled() {
        var p = WrittenPrefix()
        p.add(offset: 20, count: 10)
        p.add(offset: 10, count: 10)
        #expect(p.end == 0)
        p.add(offset: 0, count: 10)
        #expect(p.end == 30)
    }

    @Test func emptyWritesChangeNothing() {
        var p = WrittenPrefix()
        p.add(offset: 5, count: 0)
        p.add(offset: 0, count: 0)
        #expect(p.end == 0)
    }

    @Test func anyOrderOfATilingEndsWhole() {
        // 200 pieces of varied length, added in a generated order: the prefix never passes a
        // piece not yet added, and ends at the total.
        var lengths: [Int] = []
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 33
        }
        for _ in 0..<200 { lengths.append(1 + Int(next() % 5000)) }
        var offsets: [Int64] = []
        var total: Int64 = 0
        for n in lengths {
            offsets.append(total)
            total += Int64(n)
        }
        var order = Array(0..<200)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(next() % UInt64(i + 1))) }
        var p = WrittenPrefix()
        var added = Set<Int>()
        for i in order {
            p.add(offset: offsets[i], count: lengths[i])
            added.insert(i)
            let firstMissing = (0..<200).first { !added.contains($0) }
            #expect(p.end == (firstMissing.map { offsets[$0] } ?? total))
        }
        #expect(p.end == total)
    }
}

extension WrittenPrefixTests {
    @Test func tooManyWritesBeyondAGapStopTheTrackingWithoutOverstating() {
        var p = WrittenPrefix(maxAhead: 3)
        p.add(offset: 0, count: 10)
        for i in 1...5 { p.add(offset: Int64(10 + 10 * i), count: 10) }
        p.add(offset: 10, count: 10)
        // Gave up at the fourth write beyond the gap: the prefix stays where it was known whole.
        #expect(p.end == 10)
    }
}
