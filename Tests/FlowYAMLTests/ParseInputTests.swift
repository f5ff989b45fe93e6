import Testing
@testable import FlowYAML

@Suite struct ParseInputTests {
    /// Everything libyaml would be handed, read `step` bytes at a time.
    private func readAll(prefix: [UInt8], body: [UInt8], step: Int) -> [UInt8] {
        prefix.withUnsafeBufferPointer { prefix in
            body.withUnsafeBufferPointer { body in
                var reading = ParseInput.Reading(input: ParseInput(prefix: prefix, body: body))
                var target = [UInt8](repeating: 0, count: step)
                var all: [UInt8] = []
                var calls = 0
                while calls <= prefix.count + body.count + 1 {
                    let read = target.withUnsafeMutableBufferPointer { reading.read(into: $0) }
                    if read == 0 { break }
                    all += target[..<read]
                    calls += 1
                }
                return all
            }
        }
    }

    @Test func prefixThenBodyInAnyStep() {
        let prefix = Array("flows:\n".utf8)
        let body = Array("  - from: a\n    to: b\n".utf8)
        for step in 1...(prefix.count + body.count + 3) {
            #expect(readAll(prefix: prefix, body: body, step: step) == prefix + body, "step \(step)")
        }
    }

    @Test func eitherPartMayBeEmpty() {
        let text = Array("a: 1\n".utf8)
        #expect(readAll(prefix: [], body: text, step: 2) == text)
        #expect(readAll(prefix: text, body: [], step: 2) == text)
        #expect(readAll(prefix: [], body: [], step: 2).isEmpty)
    }
}
