import Foundation
import GRDB
import Repository

/// One job of the history.
public struct JobRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var source: String
    public var point: String?
    public var started: Date
    public var finished: Date?
    /// `running` until finished, then `succeeded` or `failed`.
    public var outcome: String
    public var bytesRead: Int64?
    public var bytesNew: Int64?
    public var bytesUploaded: Int64?
    public var message: String?
}

extension Catalog {
    /// Records a job's start; returns its id.
    public func startJob(kind: String, source: String, point: String?, at time: Date) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO job(kind, source, point, started, outcome) VALUES (?, ?, ?, ?, 'running')",
                arguments: [kind, source, point, time])
            return db.lastInsertedRowID
        }
    }

    /// Records a job's end.
    public func finishJob(_ id: Int64, at time: Date, succeeded: Bool, bytesRead: Int64? = nil, bytesNew: Int64? = nil, bytesUploaded: Int64? = nil, message: String? = nil) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE job SET finished = ?, outcome = ?, bytesRead = ?, bytesNew = ?, bytesUploaded = ?, message = ? WHERE id = ?",
                arguments: [time, succeeded ? "succeeded" : "failed", bytesRead, bytesNew, bytesUploaded, message, id])
        }
    }

    /// Records the point a running job turned out to work on.
    public func setJobPoint(_ id: Int64, point: String) throws {
        try pool.write { db in try db.execute(sql: "UPDATE job SET point = ? WHERE id = ?", arguments: [point, id]) }
    }

    /// The job history, newest first, optionally of one source.
    public func jobs(source: String? = nil, limit: Int = 100) throws -> [JobRecord] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM job WHERE (? IS NULL OR source = ?) ORDER BY id DESC LIMIT ?",
                arguments: [source, source, limit])
            return rows.map { r in
                JobRecord(
                    id: r["id"], kind: r["kind"], source: r["source"], point: r["point"], started: r["started"],
                    finished: r["finished"], outcome: r["outcome"], bytesRead: r["bytesRead"], bytesNew: r["bytesNew"],
                    bytesUploaded: r["bytesUploaded"], message: r["message"])
            }
        }
    }
}
