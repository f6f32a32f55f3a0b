import Foundation
import MockBlob
import Testing

@Suite struct LeaseAndTierTests {
    @Test func leasesGuardWritesUntilTheyExpire() async throws {
        let clock = ManualClock()
        try await withContainer(.init(now: { clock.now }), clock: { clock.now }) { client, _ async throws in
            _ = try await client.putBlob("cont1", "l", [1])
            let acquired = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "15")])
            #expect(acquired.status == 201)
            let id = try #require(acquired.header("x-ms-lease-id"))
            let noID = try await client.putBlob("cont1", "l", [2])
            #expect(noID.status == 412 && noID.errorCode == "LeaseIdMissing")
            let wrongID = try await client.putBlob("cont1", "l", [2], headers: [("x-ms-lease-id", "00000000-0000-0000-0000-000000000000")])
            #expect(wrongID.status == 412 && wrongID.errorCode == "LeaseIdMismatchWithBlobOperation")
            #expect(try await client.send("DELETE", "/cont1/l").errorCode == "LeaseIdMissing")
            #expect(try await client.putBlock("cont1", "l", id: blockID(1), [1]).errorCode == "LeaseIdMissing")
            #expect(try await client.putBlob("cont1", "l", [3], headers: [("x-ms-lease-id", id)]).status == 201)
            let again = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "-1")])
            #expect(again.status == 409 && again.errorCode == "LeaseAlreadyPresent")
            #expect(try await client.send("HEAD", "/cont1/l").header("x-ms-lease-state") == "leased")

            clock.advance(by: 16)
            #expect(try await client.send("HEAD", "/cont1/l").header("x-ms-lease-state") == "expired")
            let renewed = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "renew"), ("x-ms-lease-id", id)])
            #expect(renewed.status == 200)
            let broken = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "break"), ("x-ms-lease-break-period", "5")])
            #expect(broken.status == 202 && broken.header("x-ms-lease-time") == "5")
            #expect(try await client.putBlob("cont1", "l", [5]).errorCode == "LeaseIdMissing")
            clock.advance(by: 5)
            #expect(try await client.send("HEAD", "/cont1/l").header("x-ms-lease-state") == "broken")
            #expect(try await client.putBlob("cont1", "l", [5]).status == 201)
            let fresh = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "20")])
            #expect(fresh.status == 201)
            clock.advance(by: 21)
            #expect(try await client.putBlob("cont1", "l", [6]).status == 201)
            #expect(try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "renew"), ("x-ms-lease-id", fresh.header("x-ms-lease-id")!)]).status == 409)
            let badDuration = try await client.send("PUT", "/cont1/l?comp=lease", headers: [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "10")])
            #expect(badDuration.status == 400)
        }
    }

    @Test func containerLeasesGuardDeletion() async throws {
        try await withContainer { client, _ async throws in
            let acquired = try await client.send("PUT", "/cont1?restype=container&comp=lease", headers: [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", "-1")])
            let id = try #require(acquired.header("x-ms-lease-id"))
            #expect(try await client.send("DELETE", "/cont1?restype=container").errorCode == "LeaseIdMissing")
            #expect(try await client.send("DELETE", "/cont1?restype=container", headers: [("x-ms-lease-id", id)]).status == 202)
        }
    }

    @Test func archiveRefusesReadsAndRehydrationTakesTheConfiguredDelay() async throws {
        let clock = ManualClock()
        let config = MockBlobConfiguration(rehydrationDelay: .seconds(3600), now: { clock.now })
        try await withContainer(config, clock: { clock.now }) { client, _ async throws in
            _ = try await client.putBlob("cont1", "a", [1, 2, 3])
            #expect(try await client.send("PUT", "/cont1/a?comp=tier", headers: [("x-ms-access-tier", "Cool")]).status == 200)
            #expect(try await client.send("HEAD", "/cont1/a").header("x-ms-access-tier") == "Cool")
            #expect(try await client.send("PUT", "/cont1/a?comp=tier", headers: [("x-ms-access-tier", "Archive")]).status == 200)
            let read = try await client.getBlob("cont1", "a")
            #expect(read.status == 409 && read.errorCode == "BlobArchived")
            #expect(try await client.send("PUT", "/cont1/a?comp=metadata", headers: [("x-ms-meta-x", "1")]).errorCode == "BlobArchived")
            #expect(try await client.send("PUT", "/cont1/a?comp=tier", headers: [("x-ms-access-tier", "Hot")]).status == 202)
            let pending = try await client.send("HEAD", "/cont1/a")
            #expect(pending.header("x-ms-archive-status") == "rehydrate-pending-to-hot" && pending.header("x-ms-access-tier") == "Archive")
            #expect(try await client.getBlob("cont1", "a").errorCode == "BlobArchived")
            #expect(try await client.send("PUT", "/cont1/a?comp=tier", headers: [("x-ms-access-tier", "Cool")]).errorCode == "BlobBeingRehydrated")
            clock.advance(by: 3599)
            #expect(try await client.getBlob("cont1", "a").status == 409)
            clock.advance(by: 1)
            let done = try await client.getBlob("cont1", "a")
            #expect(done.status == 200 && done.body == [1, 2, 3] && done.header("x-ms-access-tier") == "Hot")
            #expect(done.header("x-ms-archive-status") == nil)
            let bad = try await client.send("PUT", "/cont1/a?comp=tier", headers: [("x-ms-access-tier", "Lukewarm")])
            #expect(bad.status == 400)
        }
    }
}
