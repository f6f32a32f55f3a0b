import Foundation

/// A generated local backup store in the layout of product.md: one BMR source with one
/// complete recovery point holding a `WindowsImageBackup` tree (a disk image with zeroed,
/// random and text-like regions, and its XML descriptors).
struct SampleStore {
    struct File {
        let path: String
        let relativePath: String
        let size: Int64
    }

    let root: String
    let source: String
    let point: String
    let files: [File]
    var bytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// Writes the sample store under `root` (created if needed) and returns what it holds.
    static func generate(at root: String, imageBytes: Int, host: String = "fs01", point: String = "2026-11-21T220000Z") throws -> SampleStore {
        let fm = FileManager.default
        let source = "\(host)-bmr"
        let pointDir = "\(root)/\(source)/\(point)"
        let backupDir = "WindowsImageBackup/\(host)/Backup 2026-11-21 220000"
        try fm.createDirectory(atPath: "\(pointDir)/\(backupDir)", withIntermediateDirectories: true)
        try Data(#"{"server": "\#(host).contoso.local", "kind": "bmr"}"#.utf8).write(to: URL(fileURLWithPath: "\(root)/\(source)/source.json"))
        var files: [File] = []
        func add(_ rel: String, _ data: Data) throws {
            let path = "\(pointDir)/\(rel)"
            try data.write(to: URL(fileURLWithPath: path))
            files.append(File(path: path, relativePath: rel, size: Int64(data.count)))
        }
        try add("\(backupDir)/4c1a9e6e-0000-4000-8000-000000000001.vhdx", Data(diskImage(bytes: imageBytes, seed: 7)))
        for name in ["BackupSpecs.xml", "4c1a9e6e_AdditionalFilesc3b9f3c7-5e52-4d5e-8b88-0000000000.xml", "4c1a9e6e_Components.xml"] {
            try add("\(backupDir)/\(name)", Data(xml(name, seed: name.count).utf8))
        }
        try Data().write(to: URL(fileURLWithPath: "\(pointDir)/.complete"))
        return SampleStore(root: root, source: source, point: point, files: files)
    }

    /// A disk-image-like byte pattern: a third zeroes, a third random, a third text-like.
    static func diskImage(bytes: Int, seed: UInt64) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: bytes)
        var x = seed | 1
        let words = Array("registry hive system32 drivers config SAM SECURITY SOFTWARE ntds.dit SYSVOL policies ".utf8)
        let region = 1 << 20
        var offset = 0
        var kind = 0
        while offset < bytes {
            let end = min(bytes, offset + region)
            switch kind % 3 {
            case 1:
                for i in offset..<end {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17
                    out[i] = UInt8(truncatingIfNeeded: x)
                }
            case 2:
                for i in offset..<end { out[i] = words[(i * 7 + Int(x % 13)) % words.count] }
            default: break
            }
            offset = end
            kind += 1
        }
        return out
    }

    static func xml(_ name: String, seed: Int) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<\(name.replacingOccurrences(of: ".xml", with: "").filter(\.isLetter))>\n"
        for i in 0..<(200 + seed * 10) { s += "  <Component id=\"\(i)\" path=\"C:\\Windows\\System32\\file\(i).dll\"/>\n" }
        return s + "</\(name.replacingOccurrences(of: ".xml", with: "").filter(\.isLetter))>\n"
    }
}
