import AzureAuth
import Foundation
import Hummingbird

/// Building responses: status, headers by name, body.
enum Reply {
    /// A response with `headers` (names as Azure spells them) and an optional body.
    static func make(_ status: Int, _ headers: [(String, String)] = [], body: ResponseBody = .init()) -> Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let n = HeaderName(name) { fields.append(HeaderField(name: n, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: body)
    }

    /// An XML body with its content type and length.
    static func xml(_ status: Int, _ text: String, _ headers: [(String, String)] = []) -> Response {
        let buffer = ByteBuffer(string: text)
        return make(status, headers + [("Content-Type", "application/xml"), ("Content-Length", "\(buffer.readableBytes)")],
                    body: .init(byteBuffer: buffer))
    }

    /// The error answer: `x-ms-error-code` always, the XML body unless `head`.
    static func error(_ e: BlobError, head: Bool) -> Response {
        let headers = e.headers + [("x-ms-error-code", e.code)]
        if head || e.status == 304 { return make(e.status, headers) }
        var w = XMLWriter()
        w.open("Error")
        w.element("Code", e.code)
        w.element("Message", e.message)
        w.close("Error")
        return xml(e.status, w.text, headers)
    }

    /// ETag and Last-Modified of a resource.
    static func versionHeaders(etag: String, lastModified: Date) -> [(String, String)] {
        [("ETag", "\"\(etag)\""), ("Last-Modified", HTTPDate.format(lastModified))]
    }

    /// `x-ms-meta-*` headers.
    static func metadataHeaders(_ metadata: [MetadataEntry]) -> [(String, String)] {
        metadata.map { ("x-ms-meta-\($0.name)", $0.value) }
    }

    /// Everything Get Blob Properties reports, except Content-Length.
    static func blobHeaders(_ b: BlobRecord, now: Date) -> [(String, String)] {
        var h = versionHeaders(etag: b.etag, lastModified: b.lastModified)
        h += [
            ("x-ms-creation-time", HTTPDate.format(b.created)), ("x-ms-blob-type", "BlockBlob"),
            ("Content-Type", b.properties.contentType ?? "application/octet-stream"),
            ("Accept-Ranges", "bytes"), ("x-ms-server-encrypted", "true"),
            ("x-ms-access-tier", b.tier.rawValue),
        ]
        let p = b.properties
        for (name, value) in [
            ("Content-MD5", p.contentMD5), ("Content-Encoding", p.contentEncoding), ("Content-Language", p.contentLanguage),
            ("Content-Disposition", p.contentDisposition), ("Cache-Control", p.cacheControl),
        ] {
            if let value { h.append((name, value)) }
        }
        if b.tierInferred { h.append(("x-ms-access-tier-inferred", "true")) }
        if let t = b.tierChanged { h.append(("x-ms-access-tier-change-time", HTTPDate.format(t))) }
        if let r = b.rehydration { h.append(("x-ms-archive-status", r.archiveStatus)) }
        h += b.lease.headers(at: now)
        if let c = b.copy {
            h += [
                ("x-ms-copy-id", c.id), ("x-ms-copy-source", c.source), ("x-ms-copy-status", "success"),
                ("x-ms-copy-progress", "\(c.bytes)/\(c.bytes)"), ("x-ms-copy-completion-time", HTTPDate.format(c.completed)),
            ]
        }
        return h + metadataHeaders(b.metadata)
    }
}
