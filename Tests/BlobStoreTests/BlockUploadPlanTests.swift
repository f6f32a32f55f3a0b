import AzureAuth
import BlobStore
import Testing

@Suite struct BlockUploadPlanTests {
    @Test func extentsCoverTheSourceExactly() {
        let plan = BlockUploadPlan(size: 10, blockSize: 4)
        #expect(plan.blockCount == 3)
        #expect(plan.extent(of: 0) == (0, 4))
        #expect(plan.extent(of: 2) == (8, 2))
        #expect(BlockUploadPlan(size: 0, blockSize: 4).blockCount == 1)
    }

    @Test func idsHaveOneLengthAndDependOnIndexAndContent() {
        let a = BlockUploadPlan.blockID(index: 0, crc64: CRC64.checksum([1]))
        let b = BlockUploadPlan.blockID(index: 1, crc64: CRC64.checksum([1]))
        let c = BlockUploadPlan.blockID(index: 0, crc64: CRC64.checksum([2]))
        #expect(Set([a, b, c]).count == 3)
        #expect(a.count == b.count && b.count == c.count)
        #expect(Base64.decode(a)!.count == 16)
        #expect(Array(Base64.decode(a)!.prefix(8)) == Array("tgb2".utf8) + [0, 0, 0, 0])
    }

    @Test func resumesOnlyBlocksWithTheSameContentAndSize() {
        let crc = CRC64.checksum([1, 2, 3, 4])
        let staged = [BlockList.Block(id: BlockUploadPlan.blockID(index: 1, crc64: crc), size: 4)]
        let plan = BlockUploadPlan(size: 12, blockSize: 4, alreadyStaged: staged)
        #expect(plan.isStaged(index: 1, crc64: crc))
        #expect(!plan.isStaged(index: 0, crc64: crc))
        #expect(!plan.isStaged(index: 1, crc64: CRC64.checksum([9])))
        let shorter = BlockUploadPlan(size: 6, blockSize: 4, alreadyStaged: staged)
        #expect(!shorter.isStaged(index: 1, crc64: crc))
    }

    @Test func commitListOnlyWhenComplete() {
        var plan = BlockUploadPlan(size: 8, blockSize: 4)
        plan.markStaged(index: 1, id: "b")
        #expect(plan.commitList == nil)
        plan.markStaged(index: 0, id: "a")
        #expect(plan.commitList == ["a", "b"])
    }
}
