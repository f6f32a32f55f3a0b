import Foundation
import Hummingbird

extension BlobService {
    static let maxResultsCap = 5000

    /// `maxresults`: positive, capped at 5000 (also the default).
    func maxResults(_ r: BlobRequest) throws(BlobError) -> Int {
        guard let text = r.query("maxresults") else { return Self.maxResultsCap }
        guard let n = Int(text), n > 0 else { throw .invalidQuery("maxresults", text) }
        return min(n, Self.maxResultsCap)
    }

    /// The listing parameters echoed at the top of an `EnumerationResults`.
    private func echo(_ w: inout XMLWriter, _ r: BlobRequest, delimiter: Bool) {
        for name in ["prefix", "marker", "maxresults"] + (delimiter ? ["delimiter"] : []) {
            if let v = r.query(name) {
                let element = ["prefix": "Prefix", "marker": "Marker", "maxresults": "MaxResults", "delimiter": "Delimiter"][name]!
                w.element(element, v)
            }
        }
    }

    func includes(_ r: BlobRequest) -> Set<String> {
        Set((r.query("include") ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func listContainers(_ r: BlobRequest) async throws -> Response {
        guard let account = r.account else { throw BlobError.invalidURI }
        let (records, next) = await index.listContainers(
            account: account, prefix: r.query("prefix") ?? "", marker: r.query("marker"), max: try maxResults(r))
        let withMetadata = includes(r).contains("metadata")
        let now = clock()
        var w = XMLWriter()
        w.open("EnumerationResults", [("ServiceEndpoint", "http://\(r.authority)/\(account)/")])
        echo(&w, r, delimiter: false)
        w.open("Containers")
        for c in records {
            w.open("Container")
            w.element("Name", c.name)
            w.open("Properties")
            w.element("Last-Modified", HTTPDate.format(c.lastModified))
            w.element("Etag", c.etag)
            let state = c.lease.state(at: now)
            w.element("LeaseStatus", state == .leased || state == .breaking ? "locked" : "unlocked")
            w.element("LeaseState", state.rawValue)
            if state == .leased { w.element("LeaseDuration", c.lease.duration < 0 ? "infinite" : "fixed") }
            w.element("DefaultEncryptionScope", "$account-encryption-key")
            w.element("DenyEncryptionScopeOverride", "false")
            w.element("HasImmutabilityPolicy", "false")
            w.element("HasLegalHold", "false")
            w.close("Properties")
            if withMetadata { metadataXML(&w, c.metadata) }
            w.close("Container")
        }
        w.close("Containers")
        w.element("NextMarker", next)
        w.close("EnumerationResults")
        return Reply.xml(200, w.text)
    }

    func listBlobs(_ r: BlobRequest) async throws -> Response {
        let key = try containerKey(r)
        let delimiter = r.query("delimiter")
        let (items, next) = try await index.listBlobs(
            key, prefix: r.query("prefix") ?? "", delimiter: delimiter, marker: r.query("marker"), max: try maxResults(r))
        let withMetadata = includes(r).contains("metadata")
        let now = clock()
        var w = XMLWriter()
        w.open("EnumerationResults", [("ServiceEndpoint", "http://\(r.authority)/\(key.account)/"), ("ContainerName", key.container)])
        echo(&w, r, delimiter: true)
        w.open("Blobs")
        for item in items {
            switch item {
            case .prefix(let p):
                w.open("BlobPrefix")
                w.element("Name", p)
                w.close("BlobPrefix")
            case .blob(let b):
                w.open("Blob")
                w.element("Name", b.name)
                blobPropertiesXML(&w, b, now: now)
                if withMetadata { metadataXML(&w, b.metadata) }
                w.close("Blob")
            }
        }
        w.close("Blobs")
        w.element("NextMarker", next)
        w.close("EnumerationResults")
        return Reply.xml(200, w.text)
    }

    private func metadataXML(_ w: inout XMLWriter, _ metadata: [MetadataEntry]) {
        w.open("Metadata")
        for m in metadata { w.element(m.name, m.value) }
        w.close("Metadata")
    }

    private func blobPropertiesXML(_ w: inout XMLWriter, _ b: BlobRecord, now: Date) {
        let p = b.properties
        w.open("Properties")
        w.element("Creation-Time", HTTPDate.format(b.created))
        w.element("Last-Modified", HTTPDate.format(b.lastModified))
        w.element("Etag", b.etag)
        w.element("Content-Length", "\(b.size)")
        w.element("Content-Type", p.contentType ?? "application/octet-stream")
        w.element("Content-Encoding", p.contentEncoding)
        w.element("Content-Language", p.contentLanguage)
        w.element("Content-MD5", p.contentMD5)
        w.element("Cache-Control", p.cacheControl)
        w.element("Content-Disposition", p.contentDisposition)
        w.element("BlobType", "BlockBlob")
        w.element("AccessTier", b.tier.rawValue)
        if b.tierInferred { w.element("AccessTierInferred", "true") }
        if let t = b.tierChanged { w.element("AccessTierChangeTime", HTTPDate.format(t)) }
        if let r = b.rehydration { w.element("ArchiveStatus", r.archiveStatus) }
        let state = b.lease.state(at: now)
        w.element("LeaseStatus", state == .leased || state == .breaking ? "locked" : "unlocked")
        w.element("LeaseState", state.rawValue)
        if state == .leased { w.element("LeaseDuration", b.lease.duration < 0 ? "infinite" : "fixed") }
        if let c = b.copy {
            w.element("CopyId", c.id)
            w.element("CopyStatus", "success")
            w.element("CopySource", c.source)
            w.element("CopyProgress", "\(c.bytes)/\(c.bytes)")
            w.element("CopyCompletionTime", HTTPDate.format(c.completed))
        }
        w.element("ServerEncrypted", "true")
        w.close("Properties")
    }
}
