internal import CLibYAML

/// What one parse reads: a few bytes of its own (a chunk's section key, `flows:\n`), then bytes
/// of the file in place. libyaml copies its input into a buffer of its own as it goes, from a
/// string or through a read handler alike, so handing it the two parts costs nothing more.
struct ParseInput {
    let prefix: UnsafeBufferPointer<UInt8>
    let body: UnsafeBufferPointer<UInt8>

    var count: Int { prefix.count + body.count }

    /// Runs `parse` with a parser reading this input; nil when libyaml cannot start one.
    func withParser<Result>(_ parse: (UnsafeMutablePointer<yaml_parser_t>) -> Result) -> Result? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        if prefix.isEmpty, let base = body.baseAddress {
            yaml_parser_set_input_string(parser, base, body.count)
            return parse(parser)
        }
        if prefix.isEmpty {
            // An empty file: libyaml needs a non-null pointer even for zero bytes.
            var empty: UInt8 = 0
            yaml_parser_set_input_string(parser, &empty, 0)
            return parse(parser)
        }
        let reading = UnsafeMutablePointer<Reading>.allocate(capacity: 1)
        reading.initialize(to: Reading(input: self))
        defer { reading.deallocate() }
        yaml_parser_set_input(parser, Reading.handler, reading)
        return parse(parser)
    }

    /// Where libyaml's read handler has got to.
    struct Reading {
        let input: ParseInput
        var offset = 0

        /// libyaml's `yaml_read_handler_t`: fills `buffer` with up to `size` bytes, 0 at the end.
        static let handler: @convention(c) (
            UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?
        ) -> Int32 = { data, buffer, size, sizeRead in
            guard let reading = data?.assumingMemoryBound(to: Reading.self), let buffer, let sizeRead else { return 0 }
            sizeRead.pointee = reading.pointee.read(into: UnsafeMutableBufferPointer(start: buffer, count: size))
            return 1
        }

        /// Copies the next bytes, from the prefix and then the body, into `target`.
        mutating func read(into target: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var written = 0
            for (part, start) in [(input.prefix, 0), (input.body, input.prefix.count)] {
                guard offset < start + part.count, written < target.count else { continue }
                let from = offset - start
                let taken = min(part.count - from, target.count - written)
                guard let source = part.baseAddress, let destination = target.baseAddress else { continue }
                (destination + written).update(from: source + from, count: taken)
                written += taken
                offset += taken
            }
            return written
        }
    }
}
