import Foundation
import Testing

@testable import Engine

@Suite struct BackupPlanTests {
    func store() throws -> TempStore {
        let local = TempStore()
        try local.addSource("fs01-bmr")
        for p in ["2026-11-19T220000Z", "2026-11-20T220000Z", "2026-11-21T220000Z"] { try local.addPoint("fs01-bmr", p, files: ["a": [1]]) }
        try local.addPoint("fs01-bmr", "2026-11-22T220000Z", files: ["a": [2]], complete: false)
        return local
    }

    @Test func theNewestCompletePointNotInTheCloudOrEveryNewerOne() throws {
        let local = try store()
        defer { local.remove() }
        let s = LocalStore(root: local.root)
        #expect(try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: []) == ["2026-11-21T220000Z"])
        #expect(try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: ["fs01-bmr/2026-11-19T220000Z"], allNew: true) == ["2026-11-20T220000Z", "2026-11-21T220000Z"])
        #expect(try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: ["fs01-bmr/2026-11-21T220000Z"]).isEmpty)
        #expect(try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: [], point: "2026-11-19T220000Z") == ["2026-11-19T220000Z"])
        #expect(throws: LocalStoreError.self) { try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: [], point: "2026-11-22T220000Z") }
    }

    @Test func aSourceWith9999CloudPointsTakesNoMore() throws {
        let local = try store()
        defer { local.remove() }
        let s = LocalStore(root: local.root)
        // 9,999 older points of this source (and many of another, which do not count).
        let start = Date(timeIntervalSince1970: 1_500_000_000)
        let old = (0..<9999).map { "fs01-bmr/" + PointID.string(start.addingTimeInterval(Double($0) * 3600)) }
        let others = (0..<100).map { "fs02-bmr/" + PointID.string(start.addingTimeInterval(Double($0) * 3600)) }
        #expect(throws: LocalStoreError("fs01-bmr has 9999 cloud points; at most 9999 are allowed: shorten its retention and run 'tiergate retention apply'")) {
            try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: Set(old + others))
        }
        #expect(try BackupPlan.points(source: "fs01-bmr", store: s, inCloud: Set(old.dropFirst() + others)) == ["2026-11-21T220000Z"])
    }
}
