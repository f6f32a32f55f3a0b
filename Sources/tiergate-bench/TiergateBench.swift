import Foundation
import RepositoryFormat
import SampleData

/// `tiergate-bench chunking [SIZE_MIB]`: chooses the chunker's sizes by measurement. Generates a
/// BMR-like image and its next-day version, chunks both at several average sizes, and prints
/// how many bytes the second day adds (chunks the first lacks), the chunk count (index size) and
/// the chunker's throughput on one core.
@main
enum TiergateBench {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        if args.first == "store", args.count >= 2 {
            generateStore(root: String(args.dropFirst().first!), size: (args.dropFirst(2).first.flatMap(Int.init) ?? 1024) << 20)
            return
        }
        guard args.first == "chunking" else {
            print("usage: tiergate-bench chunking [SIZE_MIB] | tiergate-bench store DIR [SIZE_MIB]")
            exit(64)
        }
        let size = (args.dropFirst().first.flatMap(Int.init) ?? 1024) << 20
        let day1 = BMRImage.image(size: size, seed: 1)
        let day2 = BMRImage.nextDay(of: day1, seed: 2)
        print("image \(size >> 20) MiB; next day changes 1% of 64 KiB regions with 4 KiB writes, plus 4 small insertions")
        print("avg KiB  min KiB  max KiB   chunks  index KiB  day-2 new MiB  chunk MB/s")
        for avg in [32, 64, 128, 256, 512, 1024] {
            let p = ChunkerParameters(minSize: (avg << 10) / 4, averageSize: avg << 10, maxSize: (avg << 10) * 4, seed: Array(repeating: 42, count: 32))
            let chunker = FastCDC(p)
            let started = Date()
            let first = cut(day1, chunker)
            let seconds = Date().timeIntervalSince(started)
            let second = cut(day2, chunker)
            let known = Set(first.map { hash(day1, $0) })
            var newBytes = 0
            var seen = known
            for r in second where !seen.contains(hash(day2, r)) {
                seen.insert(hash(day2, r))
                newBytes += r.count
            }
            print(String(format: "%7d  %7d  %7d  %7d  %9d  %13.1f  %10.0f", avg, avg / 4, avg * 4, first.count,
                         first.count * 48 / 1024, Double(newBytes) / 1_048_576, Double(size) / seconds / 1e6))
        }
    }

    /// Writes a local store with one BMR source and two points: a disk image and its next day.
    static func generateStore(root: String, size: Int) {
        let day1 = BMRImage.image(size: size, seed: 1)
        let day2 = BMRImage.nextDay(of: day1, seed: 2)
        do {
            let store = try SampleStore(root: root)
            try store.addPoint("2026-11-21T220000Z", image: day1)
            try store.addPoint("2026-11-22T220000Z", image: day2)
            print("wrote \(root): fs01-bmr with 2 points of \(size >> 20) MiB")
        } catch {
            print("cannot write \(root): \(error)")
            exit(1)
        }
    }

    static func cut(_ data: [UInt8], _ chunker: FastCDC) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        data.withUnsafeBytes { raw in
            while start < raw.count {
                let n = chunker.cut(UnsafeRawBufferPointer(rebasing: raw[start...]), isFinal: true)!
                out.append(start..<(start + n))
                start += n
            }
        }
        return out
    }

    /// A cheap 128-bit fingerprint of a chunk (FNV-1a twice) — enough to count distinct chunks here.
    static func hash(_ data: [UInt8], _ r: Range<Int>) -> [UInt64] {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        data.withUnsafeBytes { raw in
            for i in r {
                a = (a ^ UInt64(raw[i])) &* 0x100_0000_01b3
                b = (b ^ UInt64(raw[i])) &* 0x100_0000_01b5
            }
        }
        return [a, b, UInt64(r.count)]
    }
}
