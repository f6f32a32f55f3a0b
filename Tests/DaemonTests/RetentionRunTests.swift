import Daemon
import Foundation
import Policy
import Repository
import RepositoryFormat
import Testing

@Suite struct RetentionRunTests {
    func manifest(_ source: String, _ point: String) -> (name: String, manifest: Manifest) {
        ("points/\(source)-\(point)", Manifest(source: source, kind: "bmr", server: "s", point: point, uploaded: "t",
                                               tree: BlobID(Array(repeating: 1, count: 32))!, files: 1, bytes: 1, host: "h"))
    }

    // daily: 1 at 2026-11-23T12:00Z keeps only the points after 2026-11-22T12:00Z (and the newest);
    // fs09 is in no group and is never touched.
    @Test func expiredManifestsLeaveTheRestAndSourcesInNoGroupAlone() throws {
        let config = try Configuration.load(yaml: """
            groups:
              - name: g
                members: [fs01]
                schedule: {daily: ["22:00"]}
                retention: {daily: 1}
            """)
        let all = [manifest("fs01", "2026-11-20T220000Z"), manifest("fs01", "2026-11-22T220000Z"), manifest("fs09", "2026-11-01T220000Z")]
        let items = RetentionRun.plan(config, manifests: all, now: ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!)
        #expect(items.map(\.point) == ["2026-11-20T220000Z", "2026-11-22T220000Z"])
        #expect(items.map(\.keep) == [false, true])
        #expect(RetentionRun.remaining(all, after: items).map(\.name) == ["points/fs01-2026-11-22T220000Z", "points/fs09-2026-11-01T220000Z"])
    }
}
