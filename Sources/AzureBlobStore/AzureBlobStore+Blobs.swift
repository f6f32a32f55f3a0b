import AzureAuth
import BlobStore
import Foundation
import NIOHTTP1

extension AzureBlobStore {
    public func createContainer() async throws -> Bool {
        do {
            _ = try await send(.PUT, blob: nil, query: [("restype", "container")], body: [], expected: [201])
            return true
        } catch let e as BlobStoreError where e.code == "ContainerAlreadyExists" {
            return false
        }
    }

    /// Headers common to writes: conditions, lease, metadata, content settings.
    func writeHeaders(_ options: PutOptions, contentPrefix: String) -> [(String, String)] {
        var h: [(String, String)] = []
        if !options.overwrite { h.append(("If-None-Match", "*")) }
        if let m = options.ifMatch { h.append(("If-Match", "\"\(m)\"")) }
        if let l = options.leaseID { h.append(("x-ms-lease-id", l)) }
        if let t = options.contentType { h.append((contentPrefix + "type", t)) }
        if let tier = options.tier { h.append(("x-ms-access-tier", tier.rawValue)) }
        for (k, v) in options.metadata.sorted(by: { $0.key < $1.key }) { h.append(("x-ms-meta-\(k)", v)) }
        return h
    }

    public func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        var headers = writeHeaders(options, contentPrefix: "Content-")
        headers.append(("x-ms-blob-type", "BlockBlob"))
        // CRC-64 for transport integrity (2.5x cheaper than MD5); the service computes and stores
        // the blob's MD5 itself for a Put Blob.
        headers.append(("x-ms-content-crc64", CRC64.base64(of: CRC64.checksum(body))))
        let answer = try await send(.PUT, blob: name, headers: headers, body: body, expected: [201])
        return info(name, size: Int64(body.count), answer: answer, options: options)
    }

    public func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws {
        // CRC-64 rather than MD5: 2.5x cheaper (about 1.9 GB/s against 0.76 GB/s on one core
        // here), and Azure verifies it the same way.
        let checksum = crc64 ?? CRC64.checksum(body)
        _ = try await send(
            .PUT, blob: name, query: [("comp", "block"), ("blockid", id)],
            headers: [("x-ms-content-crc64", CRC64.base64(of: checksum))], body: body, expected: [201])
    }

    public func putBlockList(_ name: String, ids: [String], options: PutOptions) async throws -> BlobInfo {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>"
        for id in ids { xml += "<Latest>\(id)</Latest>" }
        xml += "</BlockList>"
        let body = Array(xml.utf8)
        var headers = writeHeaders(options, contentPrefix: "x-ms-blob-content-")
        headers.append(("Content-MD5", Base64.encode(Digest.md5(body))))
        _ = try await send(.PUT, blob: name, query: [("comp", "blocklist")], headers: headers, body: body, expected: [201])
        // The answer lacks the size; one HEAD gives the committed blob's full properties.
        return try await stat(name)
    }

    public func blockList(_ name: String) async throws -> BlockList {
        let answer = try await send(.GET, blob: name, query: [("comp", "blocklist"), ("blocklisttype", "all")], expected: [200])
        guard let root = XMLElement.parse(answer.body) else {
            throw BlobStoreError(.permanent, blob: name, code: "InvalidXml", message: "the block list answer is not XML")
        }
        func blocks(_ section: String) -> [BlockList.Block] {
            (root.child(section)?.children("Block") ?? []).map {
                BlockList.Block(id: $0.text("Name") ?? "", size: Int64($0.text("Size") ?? "") ?? 0)
            }
        }
        return BlockList(committed: blocks("CommittedBlocks"), uncommitted: blocks("UncommittedBlocks"))
    }

    public func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        var headers: [(String, String)] = []
        if let range { headers.append(("x-ms-range", range.description)) }
        let answer = try await send(.GET, blob: name, headers: headers, expected: [200, 206], maxBody: Int.max)
        if let range, let end = range.end, answer.body.count > Int(end - range.start + 1) {
            throw BlobStoreError(.permanent, blob: name, code: "InvalidRange", message: "the service returned more bytes than the range asked for")
        }
        return answer.body
    }

    public func stat(_ name: String) async throws -> BlobInfo {
        let answer = try await send(.HEAD, blob: name, expected: [200])
        let h = answer.headers
        var metadata: [String: String] = [:]
        for (n, v) in h where n.lowercased().hasPrefix("x-ms-meta-") {
            metadata[String(n.lowercased().dropFirst("x-ms-meta-".count))] = v
        }
        return BlobInfo(
            name: name, size: Int64(h.first(name: "Content-Length") ?? "") ?? 0,
            etag: Self.unquote(h.first(name: "ETag") ?? ""),
            lastModified: h.first(name: "Last-Modified").flatMap(AzureDate.parseRFC1123) ?? Date(timeIntervalSince1970: 0),
            contentMD5: h.first(name: "Content-MD5").flatMap(Base64.decode),
            tier: h.first(name: "x-ms-access-tier").flatMap(AccessTier.init(rawValue:)),
            archiveStatus: h.first(name: "x-ms-archive-status"), metadata: metadata,
            leaseState: h.first(name: "x-ms-lease-state"))
    }

    public func delete(_ name: String, leaseID: String?) async throws {
        var headers: [(String, String)] = []
        if let leaseID { headers.append(("x-ms-lease-id", leaseID)) }
        _ = try await send(.DELETE, blob: name, headers: headers, expected: [202])
    }

    public func setTier(_ name: String, tier: AccessTier) async throws {
        _ = try await send(.PUT, blob: name, query: [("comp", "tier")], headers: [("x-ms-access-tier", tier.rawValue)], body: [], expected: [200, 202])
    }

    /// Properties from a write's answer.
    func info(_ name: String, size: Int64, answer: Answer, options: PutOptions) -> BlobInfo {
        let h = answer.headers
        return BlobInfo(
            name: name, size: size, etag: Self.unquote(h.first(name: "ETag") ?? ""),
            lastModified: h.first(name: "Last-Modified").flatMap(AzureDate.parseRFC1123) ?? now(),
            contentMD5: h.first(name: "Content-MD5").flatMap(Base64.decode), tier: options.tier,
            metadata: options.metadata)
    }

    static func unquote(_ etag: String) -> String {
        etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count >= 2 ? String(etag.dropFirst().dropLast()) : etag
    }
}
