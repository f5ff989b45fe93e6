internal import CLibYAML

/// What one parse reads: a few bytes of its own (a chunk's section key, `flows:\n`), then bytes
/// of the file in place. libyaml copies its input into a buffer of its own as it goes, from a
/// string or through a read handler alike, so handing it the two parts costs nothing more.
struct ParseInput {
    let prefix: UnsafeBufferPointer<UInt8>
    let body: UnsafeBufferPointer<UInt8>

    var count: Int { prefix.count + body.count }

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
