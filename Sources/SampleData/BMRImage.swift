/// Deterministic BMR-like disk images for demos, tests and benchmarks: 1 MiB regions that are
/// zeroed, random or text-like, and a "next day" version of an image with 1% of its 64 KiB
/// regions changed by a 4 KiB write and a few small insertions.
public enum BMRImage {
    /// A xorshift generator: the same seed gives the same bytes on every machine.
    public struct Generator {
        var state: UInt64
        public init(seed: UInt64) { state = seed | 1 }
        public mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        public mutating func fill(_ buf: UnsafeMutableRawBufferPointer) {
            var i = 0
            while i + 8 <= buf.count {
                buf.storeBytes(of: next(), toByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < buf.count {
                buf[i] = UInt8(truncatingIfNeeded: next())
                i += 1
            }
        }
    }

    static let vocabulary: [[UInt8]] = """
        registry hive system32 drivers config SAM SECURITY SOFTWARE ntds.dit SYSVOL policies         Windows WinSxS amd64_microsoft-windows-servicingstack 10.0.20348.1 Program Files         HKEY_LOCAL_MACHINE CurrentControlSet Services Parameters Start Type ErrorControl         ImagePath DisplayName Group Tag DependOnService ObjectName svchost.exe -k netsvcs         C:\\Windows\\System32 {4c1a9e6e-0000-4000-8000-000000000001} true false 0x00000001         <Component> </Component> <File name= size= hash= /> Event Log Application Security
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }

    /// An image of `size` bytes: each 1 MiB region zeroed (35%), random (35%) or text-like (30%).
    public static func image(size: Int, seed: UInt64) -> [UInt8] {
        var rng = Generator(seed: seed)
        return [UInt8](unsafeUninitializedCapacity: size) { buf, initialized in
            let region = 1 << 20
            var offset = 0
            while offset < size {
                let end = min(size, offset + region)
                let slice = UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buf[offset..<end]))
                switch rng.next() % 100 {
                case 0..<35: slice.initializeMemory(as: UInt8.self, repeating: 0)
                case 35..<70: rng.fill(slice)
                default:
                    // Words drawn at random from a vocabulary: compressible like logs and
                    // registry text, but not periodic.
                    var i = 0
                    while i < slice.count {
                        let word = vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
                        for c in word where i < slice.count {
                            slice[i] = c
                            i += 1
                        }
                        if i < slice.count {
                            slice[i] = rng.next() % 8 == 0 ? 10 : 32
                            i += 1
                        }
                    }
                }
                offset = end
            }
            initialized = size
        }
    }

    /// The next day's version: 1% of 64 KiB regions get one random 4 KiB write (4 KiB aligned),
    /// and `insertions` small runs of 1-64 bytes are inserted.
    public static func nextDay(of image: [UInt8], seed: UInt64, insertions: Int = 4) -> [UInt8] {
        var rng = Generator(seed: seed)
        var out = image
        let regions = image.count / (64 << 10)
        for r in 0..<regions where rng.next() % 100 == 0 {
            let at = r * (64 << 10) + Int(rng.next() % 16) * 4096
            out.withUnsafeMutableBytes { rng.fill(UnsafeMutableRawBufferPointer(rebasing: $0[at..<(at + 4096)])) }
        }
        for _ in 0..<insertions {
            let at = Int(rng.next() % UInt64(out.count))
            let run = (0..<Int(1 + rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            out.insert(contentsOf: run, at: at)
        }
        return out
    }
}
