import Foundation
import MockBlob
import Testing

@Suite struct ListingTests {
    @Test func pagesWithMarkersPrefixesAndDelimiters() async throws {
        try await withContainer { client, _ async throws in
            var names: [String] = []
            for d in 0..<3 {
                for f in 0..<4 { names.append("src\(d)/point/f\(f)") }
            }
            names += ["a.txt", "z.txt", "src1.json"]
            for n in names { #expect(try await client.putBlob("cont1", n, [1], headers: [("x-ms-meta-n", "v")]).status == 201) }

            var seen: [String] = []
            var marker = ""
            var pages = 0
            repeat {
                let page = try await client.send("GET", "/cont1?restype=container&comp=list&maxresults=4" + (marker.isEmpty ? "" : "&marker=\(marker)"))
                #expect(page.status == 200)
                seen += xmlValues(page.text, "Name")
                marker = xmlValues(page.text, "NextMarker").first ?? ""
                pages += 1
            } while !marker.isEmpty && pages < 10
            #expect(pages == 4)
            #expect(seen == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

            // Delimiter: prefixes count toward the page, and the marker continues past a rolled-up prefix.
            let first = try await client.send("GET", "/cont1?restype=container&comp=list&delimiter=/&maxresults=2")
            #expect(first.text.contains("<BlobPrefix><Name>src0/</Name></BlobPrefix>"))
            #expect(xmlValues(first.text, "Name") == ["a.txt", "src0/"])
            let next = try #require(xmlValues(first.text, "NextMarker").first)
            let second = try await client.send("GET", "/cont1?restype=container&comp=list&delimiter=/&maxresults=2&marker=\(next)")
            #expect(xmlValues(second.text, "Name") == ["src1.json", "src1/"])
            let rest = try await client.send("GET", "/cont1?restype=container&comp=list&delimiter=/&marker=\(xmlValues(second.text, "NextMarker")[0])")
            #expect(xmlValues(rest.text, "Name") == ["src2/", "z.txt"] && rest.text.contains("<NextMarker />"))

            let sub = try await client.send("GET", "/cont1?restype=container&comp=list&prefix=src1/&delimiter=/&include=metadata")
            #expect(xmlValues(sub.text, "Name") == ["src1/point/"])
            let files = try await client.send("GET", "/cont1?restype=container&comp=list&prefix=src1/point/&include=metadata")
            #expect(xmlValues(files.text, "Name").count == 4 && xmlValues(files.text, "n") == ["v", "v", "v", "v"])
            #expect(xmlValues(files.text, "Content-Length") == ["1", "1", "1", "1"] && xmlValues(files.text, "Etag").allSatisfy { !$0.hasPrefix("\"") })
            #expect(try await client.send("GET", "/cont1?restype=container&comp=list&maxresults=0").status == 400)
        }
    }

    @Test func defaultPageIs5000() async throws {
        try await withContainer { client, _ async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<8 {
                    group.addTask {
                        for i in stride(from: w, to: 5003, by: 8) {
                            _ = try await client.putBlob("cont1", String(format: "b%05d", i), [])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let page = try await client.send("GET", "/cont1?restype=container&comp=list&maxresults=9999")
            #expect(xmlValues(page.text, "Name").count == 5000)
            #expect(xmlValues(page.text, "NextMarker") == ["b05000"])
        }
    }
}
