import ArgumentParser
import Foundation
import Engine
import Repository

/// `tiergate check`: verifies the cloud repository.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verifies the cloud repository: structure, or with --read-data every byte.")

    @OptionGroup var repository: RepositoryOptions
    @Flag(name: .long, help: "Download every pack and authenticate every blob.") var readData = false
    @Flag(name: .long, help: "Print one JSON object: errors, warnings, points, packs, blobs, bytesRead.") var json = false

    func run() async throws {
        let report = try await repository.withRepository { repo in
            try await Checker(repository: repo).run(readData: readData)
        }
        if json {
            try JSONOutput.print(report)
            if !report.errors.isEmpty { throw ExitCode(1) }
            return
        }
        for w in report.warnings { print("warning: \(w)") }
        for e in report.errors { print("error: \(e)") }
        print("\(report.points) points, \(report.packs) packs, \(report.blobs) blobs checked\(readData ? ", \(ByteCount.format(report.bytesRead)) read" : ""): \(report.errors.isEmpty ? "no errors" : "\(report.errors.count) errors")")
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}
