/// Builds an XML document by appending escaped text.
struct XMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="utf-8"?>"#

    /// Escapes `&`, `<`, `>`, `"` and `'` (and control characters XML 1.0 forbids).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "&#x\(String(scalar.value, radix: 16));"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `<name attr="v">`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<\(name)"
        for (k, v) in attributes { text += " \(k)=\"\(Self.escape(v))\"" }
        text += ">"
    }

    /// `</name>`.
    mutating func close(_ name: String) { text += "</\(name)>" }

    /// `<name>value</name>`, or `<name />` when value is nil or empty.
    mutating func element(_ name: String, _ value: String?) {
        if let value, !value.isEmpty {
            text += "<\(name)>\(Self.escape(value))</\(name)>"
        } else {
            text += "<\(name) />"
        }
    }
}
