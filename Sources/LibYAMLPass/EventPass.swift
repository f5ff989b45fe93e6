internal import CLibYAML
internal import Foundation

/// One bare pass of libyaml's parser over a file: the floor any libyaml-based tool pays.
/// Used by the benchmark to put our own cost in proportion, from `libyaml-pass`, a program of
/// its own: one linking FlowYAML serves libyaml's allocations itself (see CYAMLMemory), and the
/// floor is libyaml as it ships.
package enum EventPass {
    /// The number of events, or nil when libyaml reports an error.
    package static func count(path: String) -> Int? {
        pass(over: path) { parser in
            var event = yaml_event_t()
            var events = 0
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { return nil }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                events += 1
                if done { return events }
            }
        }
    }

    /// The number of tokens from libyaml's scanner alone (nil on an error): the part of the
    /// event pass that `YAMLReader.visit` still asks of libyaml (see `TokenVisit`).
    package static func tokenCount(path: String) -> Int? {
        pass(over: path) { parser in
            var token = yaml_token_t()
            var tokens = 0
            while true {
                guard yaml_parser_scan(parser, &token) == 1 else { return nil }
                let done = token.type == YAML_STREAM_END_TOKEN
                yaml_token_delete(&token)
                tokens += 1
                if done { return tokens }
            }
        }
    }

    /// The file read whole, as a libyaml-based tool reads it, and a parser over its bytes.
    private static func pass(over path: String, _ body: (UnsafeMutablePointer<yaml_parser_t>) -> Int?) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return 0 }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_input_string(parser, base, bytes.count)
            return body(parser)
        }
    }
}
