internal import CAllocator

/// How the C allocator serves a national model. glibc gives every block over its mmap
/// threshold (128 KiB, rising to at most 32 MiB as such blocks are freed) pages of its own,
/// faulted in when first written and returned when freed: chunk buffers, entity lists, graph
/// arrays and report pieces would each be faulted in anew. Called once by the executables,
/// before anything is read: the settings are the process's.
package enum AllocatorTuning {
    /// Blocks up to this size come from the heap, where freed memory is reused.
    package static let mmapThreshold = 256 << 20
    /// Free memory at the top of the heap kept rather than returned to the kernel.
    package static let trimThreshold = 512 << 20

    /// Applies both settings; false where the C library is not glibc or refuses them.
    @discardableResult
    package static func apply() -> Bool {
        #if os(Linux)
        // Setting the mmap threshold also stops glibc's own adjustment of both thresholds.
        return mallopt(M_MMAP_THRESHOLD, Int32(mmapThreshold)) == 1
            && mallopt(M_TRIM_THRESHOLD, Int32(trimThreshold)) == 1
        #else
        return false
        #endif
    }

    /// Hands the heap's free memory back to the kernel: for a benchmark whose repeated runs must
    /// each fault in their memory, as a fresh process does.
    package static func releaseFreeMemory() {
        #if os(Linux)
        malloc_trim(0)
        #endif
    }
}
