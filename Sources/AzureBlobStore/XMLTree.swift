import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree parsed with Foundation's `XMLParser`, enough for Azure's listings.
struct XMLElement: Sendable {
    var name: String
    var text: String = ""
    var children: [XMLElement] = []

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// All children named `name`.
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Text of the first child named `name`, or nil.
    func text(_ name: String) -> String? { child(name)?.text }

    /// Parses a document; nil when it is not well-formed.
    static func parse(_ bytes: [UInt8]) -> XMLElement? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        guard parser.parse(), let root = builder.stack.first?.children.first else { return nil }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLElement] = [XMLElement(name: "#document")]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(XMLElement(name: name))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let done = stack.removeLast()
        stack[stack.count - 1].children.append(done)
    }
}
