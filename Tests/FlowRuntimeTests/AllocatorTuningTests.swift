import Testing
import CAllocator
@testable import FlowRuntime

@Suite struct AllocatorTuningTests {
    @Test func thresholdsAreNamedAndAcceptedByGlibc() {
        // The trim threshold must not fall below the mmap threshold: freed large blocks would
        // be handed back to the kernel at once, and faulted in again.
        #expect(AllocatorTuning.trimThreshold >= AllocatorTuning.mmapThreshold)
        #expect(AllocatorTuning.mmapThreshold <= Int(Int32.max))
        #if os(Linux)
        #expect(AllocatorTuning.apply())
        // A large block under the threshold comes from the heap, not from a mapping of its own
        // (`hblkhd`: bytes in mappings). Untuned, glibc maps any block over 32 MiB; tests run on
        // threads, whose arenas hold at most 64 MiB, hence 40 MiB.
        let size = 40 << 20
        let before = mallinfo2().hblkhd
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        let during = mallinfo2().hblkhd
        block.deallocate()
        #expect(during < before + size / 2)
        #endif
    }
}
