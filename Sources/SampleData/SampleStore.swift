import Foundation

/// A generated local backup store in the layout of docs/design.md: one BMR source whose
/// points hold a `WindowsImageBackup` tree (a disk image with zeroed, random and text-like
/// regions, and its XML descriptors), and each next point the image of the next day.
public struct SampleStore: Sendable {
    /// The store's root folder.
    public let root: String
    /// The source's name, `<host>-bmr`.
    public let source: String
    /// The protected server's short name.
    public let host: String

    /// The relative path of the disk image inside a point.
    public static func imagePath(host: String) -> String {
        "WindowsImageBackup/\(host)/Backup 2026-11-21 220000/4c1a9e6e-0000-4000-8000-000000000001.vhdx"
    }

    /// Creates the source under `root`.
    public init(root: String, host: String = "fs01") throws {
        self.root = root
        self.host = host
        source = "\(host)-bmr"
        try FileManager.default.createDirectory(atPath: "\(root)/\(source)", withIntermediateDirectories: true)
        try Data(#"{"server": "\#(host).contoso.local", "kind": "bmr"}"#.utf8).write(to: URL(fileURLWithPath: "\(root)/\(source)/source.json"))
    }

    /// Writes a complete point holding `image`, `.complete` last; returns the point's folder.
    @discardableResult
    public func addPoint(_ point: String, image: [UInt8]) throws -> String {
        let dir = "\(root)/\(source)/\(point)"
        let imageFile = "\(dir)/\(Self.imagePath(host: host))"
        let backupDir = (imageFile as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: backupDir, withIntermediateDirectories: true)
        try Data(image).write(to: URL(fileURLWithPath: imageFile))
        for name in ["BackupSpecs.xml", "4c1a9e6e_Components.xml"] {
            try Data(Self.xml(name, point: point).utf8).write(to: URL(fileURLWithPath: "\(backupDir)/\(name)"))
        }
        try Data().write(to: URL(fileURLWithPath: "\(dir)/.complete"))
        return dir
    }

    static func xml(_ name: String, point: String) -> String {
        var s = "<?xml version=\"1.0\"?>\n<\(name.filter(\.isLetter))>\n  <Point>\(point)</Point>\n"
        for i in 0..<300 { s += "  <Component id=\"\(i)\" path=\"C:\\Windows\\System32\\file\(i).dll\"/>\n" }
        return s + "</\(name.filter(\.isLetter))>\n"
    }
}
