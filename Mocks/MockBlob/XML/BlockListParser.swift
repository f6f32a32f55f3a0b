import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses a Put Block List body: `<BlockList><Latest>id</Latest><Committed>…</Committed>…</BlockList>`.
final class BlockListParser: NSObject, XMLParserDelegate {
    private var entries: [BlockListEntry] = []
    private var current: BlockListEntry.Kind?
    private var text = ""
    private var sawRoot = false
    private var failed = false

    /// The entries in order; throws `InvalidXmlDocument` for a malformed body.
    static func parse(_ data: Data) throws(BlobError) -> [BlockListEntry] {
        let delegate = BlockListParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), delegate.sawRoot, !delegate.failed else { throw .invalidXML }
        return delegate.entries
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "BlockList" {
            sawRoot = true
        } else if let kind = BlockListEntry.Kind(rawValue: name) {
            current = kind
            text = ""
        } else {
            failed = true
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if current != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if let kind = current, name == kind.rawValue {
            entries.append(BlockListEntry(kind: kind, id: text.trimmingCharacters(in: .whitespacesAndNewlines)))
            current = nil
        }
    }
}
