import CYAMLMemory
import Foundation
import Testing
@testable import FlowYAML

/// libyaml's allocation calls served from per-thread free lists: blocks keep what is written in
/// them through reallocation, go back to a list when freed, and may be freed on another thread.
@Suite struct YAMLMemoryTests {
    @Test(arguments: [1, 15, 16, 17, 255, 256, 257, 4096, 4097, 100_000])
    func blocksHoldTheirSizeAndGrowWithTheirContent(_ size: Int) throws {
        let block = try #require(yaml_malloc(size))
        #expect(flowaudit_yaml_memory_capacity(block) >= size)
        #expect(Int(bitPattern: block) % 16 == 0)
        let bytes = block.assumingMemoryBound(to: UInt8.self)
        for index in 0..<size { bytes[index] = UInt8(truncatingIfNeeded: index * 7) }
        let grown = try #require(yaml_realloc(block, size * 3 + 1000))
        #expect(flowaudit_yaml_memory_capacity(grown) >= size * 3 + 1000)
        let moved = grown.assumingMemoryBound(to: UInt8.self)
        #expect((0..<size).allSatisfy { moved[$0] == UInt8(truncatingIfNeeded: $0 * 7) })
        yaml_free(grown)
    }

    @Test func freedBlocksAreReusedAndNullIsNothing() throws {
        let first = try #require(yaml_malloc(40))
        yaml_free(first)
        let second = try #require(yaml_malloc(48))
        #expect(first == second) // the same class (48 bytes), last freed first reused
        yaml_free(second)
        yaml_free(nil)
        let zero = try #require(yaml_malloc(0))
        yaml_free(zero)
        let fromNothing = try #require(yaml_realloc(nil, 10))
        yaml_free(fromNothing)
    }

    @Test func stringsAreCopied() throws {
        let text = Array("tag:yaml.org,2002:str".utf8) + [0]
        let copy = try text.withUnsafeBufferPointer { try #require(yaml_strdup($0.baseAddress)) }
        #expect(String(cString: copy) == "tag:yaml.org,2002:str")
        yaml_free(copy)
        #expect(yaml_strdup(nil) == nil)
    }

    /// A block freed on another thread joins that thread's list: the blocks it frees are the
    /// ones it hands out next, and none is lost or handed out twice.
    @Test func blocksFreedOnAnotherThread() async throws {
        let addresses = Set((0..<1000).compactMap { _ in yaml_malloc(24).map { UInt(bitPattern: $0) } })
        #expect(addresses.count == 1000)
        let reused = await Task.detached { () -> Set<UInt> in
            for address in addresses { yaml_free(UnsafeMutableRawPointer(bitPattern: address)) }
            let again = Set((0..<1000).compactMap { _ in yaml_malloc(24).map { UInt(bitPattern: $0) } })
            for address in again { yaml_free(UnsafeMutableRawPointer(bitPattern: address)) }
            return again
        }.value
        #expect(reused == addresses)
    }

    #if os(Linux)
    /// libyaml calls its allocation functions through its own exported symbols, so the
    /// program's definitions take their place: a parse on a fresh thread (with empty free
    /// lists) must cut new blocks.
    @Test func libyamlAllocatesHere() throws {
        let before = flowaudit_yaml_memory_blocks()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            _ = YAMLReader().read(text: "organizations:\n  a: {name: A, country: SE}\n", file: "m.yaml")
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(flowaudit_yaml_memory_blocks() > before)
    }
    #endif
}
