import Foundation
import Hummingbird

/// The unauthenticated control path `/__admin/…` (never subject to faults):
/// - `GET /__admin/faults` — current settings as JSON;
/// - `PUT /__admin/faults?fault-rate=0.1&reset-rate=0&latency-ms=5&seed=7` — changes them;
/// - `GET /__admin/health` — `ok`.
struct AdminEndpoint {
    static let prefix = "/__admin/"
    let faults: FaultSettings

    func respond(_ r: BlobRequest, _ body: RequestBody) async throws -> Response {
        for try await _ in body {}
        switch (r.method, r.rawPath) {
        case ("GET", "/__admin/health"):
            return text(200, "ok\n")
        case ("GET", "/__admin/faults"):
            return json()
        case ("PUT", "/__admin/faults"), ("POST", "/__admin/faults"):
            if let e = apply(r) { return text(400, e + "\n") }
            return json()
        default:
            return text(404, "unknown admin path; use /__admin/faults or /__admin/health\n")
        }
    }

    /// Applies the query's settings; returns an error line for a bad value.
    private func apply(_ r: BlobRequest) -> String? {
        func rate(_ name: String) -> Double?? {
            guard let v = r.query(name) else { return .some(nil) }
            guard let d = Double(v), (0...1).contains(d) else { return nil }
            return .some(d)
        }
        guard let fault = rate("fault-rate") else { return "fault-rate must be a number from 0 to 1" }
        guard let reset = rate("reset-rate") else { return "reset-rate must be a number from 0 to 1" }
        var latency: Int?
        if let v = r.query("latency-ms") {
            guard let n = Int(v), n >= 0 else { return "latency-ms must be a whole number ≥ 0" }
            latency = n
        }
        var seed: UInt64?
        if let v = r.query("seed") {
            guard let n = UInt64(v) else { return "seed must be a whole number ≥ 0" }
            seed = n
        }
        if let fault { faults.setFaultRate(fault) }
        if let reset { faults.setResetRate(reset) }
        if let latency { faults.setLatency(milliseconds: latency) }
        if let seed { faults.reseed(seed) }
        return nil
    }

    private func json() -> Response {
        let (f, r) = faults.injected
        let body = #"{"fault-rate":\#(faults.faultRate),"reset-rate":\#(faults.resetRate),"latency-ms":\#(faults.latencyMs),"seed":\#(faults.seed),"faults-injected":\#(f),"resets-injected":\#(r)}"# + "\n"
        let buffer = ByteBuffer(string: body)
        return Reply.make(200, [("Content-Type", "application/json"), ("Content-Length", "\(buffer.readableBytes)")], body: .init(byteBuffer: buffer))
    }

    private func text(_ status: Int, _ s: String) -> Response {
        let buffer = ByteBuffer(string: s)
        return Reply.make(status, [("Content-Type", "text/plain"), ("Content-Length", "\(buffer.readableBytes)")], body: .init(byteBuffer: buffer))
    }
}
