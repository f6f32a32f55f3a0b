import ArgumentParser
import Foundation
import Testing

@testable import TiergateCLI

@Suite struct CLITests {
    @Test func missingConnectionStringNamesTheOptionAndVariable() throws {
        let options = try CloudOptions.parse([])
        #expect(throws: CLIError.self) { try options.connection(environment: [:]) }
        do {
            _ = try options.connection(environment: [:])
        } catch {
            #expect("\(error)" == "no connection string: pass --connection-string or set TIERGATE_CONNECTION_STRING")
        }
    }

    @Test func environmentSuppliesConnectionAndContainer() throws {
        let options = try CloudOptions.parse([])
        let env = ["TIERGATE_CONNECTION_STRING": "UseDevelopmentStorage=true", "TIERGATE_CONTAINER": "backups"]
        #expect(try options.connection(environment: env).blobEndpoint == "http://127.0.0.1:10000/devstoreaccount1")
        #expect(try options.containerName(environment: env) == "backups")
        #expect(try options.containerName(environment: [:]) == "tiergate")
    }

    @Test(arguments: ["ab", "Upper", "has--double", "-lead", "trail-", "under_score", String(repeating: "a", count: 64)])
    func invalidContainerNamesAreRefused(_ name: String) throws {
        let options = try CloudOptions.parse(["--container=\(name)"])
        #expect(throws: CLIError.self) { try options.containerName(environment: [:]) }
    }

    @Test func demoRunsEndToEnd() async throws {
        let dir = NSTemporaryDirectory() + "tiergate-demo-test-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: dir + "-restored")
        }
        var demo = try DemoCommand.parse(["--image-mi-b", "6", "--fault-rate", "0.1", "--store", dir])
        try await demo.run()
        let point = "\(dir)/fs01-bmr/2026-11-21T220000Z"
        #expect(FileManager.default.fileExists(atPath: point + "/.complete"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/fs01-bmr/source.json"))
        // Both points were restored from the cloud, the image compared with the original.
        let restored = "\(dir)-restored/2026-11-22T220000Z/WindowsImageBackup"
        #expect(FileManager.default.fileExists(atPath: restored))
    }

    @Test func demoRefusesOutOfRangeOptions() {
        #expect(throws: (any Error).self) { try DemoCommand.parse(["--fault-rate", "0.9"]) }
        #expect(throws: (any Error).self) { try DemoCommand.parse(["--image-mi-b", "0"]) }
    }
}
