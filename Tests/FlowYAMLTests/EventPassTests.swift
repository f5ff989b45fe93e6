import Foundation
import Testing
import FlowYAML
import LibYAMLPass

/// The benchmark's floors count what libyaml hands out: events from its parser, tokens from
/// its scanner alone.
@Suite struct EventPassTests {
    private func withFile(_ text: String, _ body: (String) -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-pass-\(UUID().uuidString).yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        body(path)
    }

    @Test func eventsAndTokensAreCounted() throws {
        try withFile("a: [b, c]\n") { path in
            // Stream, document, mapping, a, sequence, b, c, their ends.
            #expect(EventPass.count(path: path) == 11)
            // Stream, block mapping, key, a, value, '[', b, ',', c, ']', block end, stream end.
            #expect(EventPass.tokenCount(path: path) == 12)
        }
    }

    @Test func errorsAndMissingFilesCountNothing() throws {
        // A quote never closed: the scanner's error, so both passes stop.
        try withFile("a: 'b\n") { path in
            #expect(EventPass.count(path: path) == nil)
            #expect(EventPass.tokenCount(path: path) == nil)
        }
        // A flow list never closed: only the parser sees it.
        try withFile("a: [b\n") { path in
            #expect(EventPass.count(path: path) == nil)
            #expect(EventPass.tokenCount(path: path) == 8)
        }
        #expect(EventPass.count(path: "/nonexistent/flowaudit.yaml") == nil)
        #expect(EventPass.tokenCount(path: "/nonexistent/flowaudit.yaml") == nil)
    }
}
