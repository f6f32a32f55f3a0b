import Foundation
import Testing

@testable import Catalog

@Suite struct CatalogSharingTests {
    // The daemon and `tiergate status` open the same catalog file: a write that meets another
    // connection's open write transaction waits for it instead of failing with SQLITE_BUSY.
    @Test func aSecondWriterWaitsForTheFirst() async throws {
        let dir = NSTemporaryDirectory() + "tiergate-catalog-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let daemon = try Catalog(stateDirectory: dir, repositoryID: "0123456789abcdef")
        let status = try Catalog(stateDirectory: dir, repositoryID: "0123456789abcdef")
        let holding = Task {
            try daemon.pool.write { db in
                try db.execute(sql: "INSERT INTO job(kind, source, started, outcome) VALUES ('backup', 'a', ?, 'running')", arguments: [Date()])
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let job = try status.startJob(kind: "restore", source: "b", point: nil, at: Date())
        try await holding.value
        #expect(try daemon.jobs().map(\.source).sorted() == ["a", "b"])
        #expect(job > 0)
    }
}
