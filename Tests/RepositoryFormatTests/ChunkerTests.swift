import Testing

@testable import RepositoryFormat

@Suite struct ChunkerTests {
    let params = ChunkerParameters(minSize: 2 << 10, averageSize: 8 << 10, maxSize: 32 << 10, seed: Array(repeating: 1, count: 32))

    func random(_ n: Int, seed: UInt64) -> [UInt8] {
        var x = seed | 1
        return (0..<n).map { _ in x ^= x << 13; x ^= x >> 7; x ^= x << 17; return UInt8(truncatingIfNeeded: x) }
    }

    func chunks(_ data: [UInt8], _ chunker: FastCDC) -> [Int] {
        var out: [Int] = []
        var start = 0
        data.withUnsafeBytes { raw in
            while start < data.count {
                let n = chunker.cut(UnsafeRawBufferPointer(rebasing: raw[start...]), isFinal: true)!
                out.append(n)
                start += n
            }
        }
        return out
    }

    @Test func chunksCoverTheInputWithinBounds() {
        let data = random(1 << 20, seed: 3)
        let sizes = chunks(data, FastCDC(params))
        #expect(sizes.reduce(0, +) == data.count)
        #expect(sizes.dropLast().allSatisfy { $0 >= params.minSize && $0 <= params.maxSize })
        let mean = data.count / sizes.count
        #expect(mean > params.averageSize / 2 && mean < params.averageSize * 2, "mean chunk \(mean)")
    }

    @Test func anInsertionChangesOnlyNearbyChunks() {
        let data = random(1 << 20, seed: 4)
        var edited = data
        edited.insert(contentsOf: [1, 2, 3, 4, 5], at: 500_000)
        let chunker = FastCDC(params)
        func set(_ d: [UInt8]) -> Set<[UInt8]> {
            var start = 0
            return Set(chunks(d, chunker).map { n in defer { start += n }; return Array(d[start..<(start + n)]) })
        }
        let before = set(data), after = set(edited)
        #expect(after.subtracting(before).count <= 3)
    }

    @Test func zeroesCutAtMaxSize() {
        let sizes = chunks([UInt8](repeating: 0, count: 100_000), FastCDC(params))
        #expect(sizes.dropLast().allSatisfy { $0 == params.maxSize })
    }

    @Test func theSeedChangesCutPoints() {
        let data = random(1 << 18, seed: 5)
        var other = params
        other.seed = Array(repeating: 2, count: 32)
        #expect(chunks(data, FastCDC(params)) != chunks(data, FastCDC(other)))
    }

    @Test func shortInputAsksForMore() {
        let data = random(params.averageSize, seed: 6)
        data.withUnsafeBytes { raw in
            let cut = FastCDC(params).cut(raw, isFinal: false)
            #expect(cut == nil || cut! <= data.count)
            #expect(FastCDC(params).cut(raw, isFinal: true) != nil)
        }
    }
}

@Suite struct ZeroRunTests {
    // Small sizes so that the constant hash of a zero run sometimes does cut (a 4-bit easy mask
    // cuts for about 1 gear table in 16): every seed compares the fast path with byte hashing.
    @Test func zeroWindowsCutWhereByteHashingCuts() {
        var cutSeen = Set<Bool>()
        for seed in 0..<600 {
            let params = ChunkerParameters(minSize: 16, averageSize: 64, maxSize: 256, seed: Array("seed \(seed)".utf8))
            let chunker = FastCDC(params)
            for length in [0, 10, 16, 17, 40, 79, 80, 81, 100, 200, 256, 300] {
                let zeros = [UInt8](repeating: 0, count: length)
                for isFinal in [false, true] {
                    let fast = zeros.withUnsafeBytes { chunker.cut($0, isFinal: isFinal) }
                    let slow = zeros.withUnsafeBytes { chunker.cutBytesOneByOne($0, isFinal: isFinal) }
                    #expect(fast == slow, "seed \(seed), \(length) zeros, final \(isFinal)")
                    if length == 300 { cutSeen.insert(fast! < 256) }
                }
            }
        }
        #expect(cutSeen == [true, false], "both outcomes exercised: a zero run that cuts early and one cut at the maximum")
    }

    @Test func zeroBytesFindsAnyNonZeroByte() {
        var bytes = [UInt8](repeating: 0, count: 1000)
        #expect(bytes.withUnsafeBytes { ZeroBytes.all($0) })
        for i in [0, 1, 500, 999] {
            bytes[i] = 1
            #expect(!bytes.withUnsafeBytes { ZeroBytes.all($0) })
            bytes[i] = 0
        }
    }
}

@Suite struct TwoByteStepTests {
    // Small sizes make cuts frequent, so cuts on odd and even offsets, in the hard and the easy
    // region and at the limits, all occur: every one must match hashing one byte a step.
    @Test func cutsWhereOneByteStepsCut() {
        var x: UInt64 = 77
        var positions = Set<Int>()
        for seed in 0..<300 {
            let params = ChunkerParameters(minSize: 8 + seed % 3, averageSize: 32, maxSize: 96 + seed % 5, seed: Array("two \(seed)".utf8))
            let chunker = FastCDC(params)
            for length in [0, 8, 9, 10, 31, 32, 33, 60, 95, 96, 97, 100, 150] {
                let data = (0..<length).map { _ in x ^= x << 13; x ^= x >> 7; x ^= x << 17; return UInt8(truncatingIfNeeded: x) }
                for isFinal in [false, true] {
                    let fast = data.withUnsafeBytes { chunker.cutBytes($0, isFinal: isFinal) }
                    let slow = data.withUnsafeBytes { chunker.cutBytesOneByOne($0, isFinal: isFinal) }
                    #expect(fast == slow, "seed \(seed), \(length) bytes, final \(isFinal)")
                    if let fast, fast < min(length, params.maxSize) { positions.insert(fast % 2) }
                }
            }
        }
        #expect(positions == [0, 1], "cuts found by both halves of a step")
    }
}
