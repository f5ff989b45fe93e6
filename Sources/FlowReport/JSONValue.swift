import FlowModel
import FlowRuntime

/// JSON with object keys always sorted, so the same report is the same bytes every run.
package indirect enum JSONValue: Sendable, Hashable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    /// JSON already written, at the indentation of the place it goes (see `rendered(indent:)`
    /// and `JSONWriter`): a report's findings are written on every core.
    case rendered([UInt8])
    /// The items of an array already written, slice by slice in order: each item at the array's
    /// nesting level plus one, indented and followed by `,` and a newline (a newline alone after
    /// the last), as `.array` lays them out. Written out, the slices go as they are, uncopied.
    case renderedItems([[UInt8]])
    /// The same, rendered slice by slice only as they are written out (see `ReportChunks`).
    case lazyItems(ItemSlices)

    /// Two-space indented, keys sorted, ending without a newline.
    package func rendered() -> String {
        rendered(parallelArrayThreshold: Self.parallelArrayThreshold)
    }

    /// A whole JSON file: `rendered()` and its final newline, without copying a large report again.
    package func renderedDocument() -> String {
        String(decoding: renderedDocumentBytes(), as: UTF8.self)
    }

    /// The bytes of `renderedDocument()`: a national report is written out as they are, without
    /// becoming a `String` of tens of megabytes first.
    package func renderedDocumentBytes() -> [UInt8] {
        var output = rendered(indent: 0)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// `renderedDocumentBytes()` in the pieces it is written in, for writing out one after
    /// another: a report's findings are not copied into one buffer, and
    /// `.lazyItems` are rendered only as they are written.
    package func renderedDocumentChunks() -> ReportChunks {
        var output = Output(chunked: true)
        write(to: &output, indent: 0, threshold: Self.parallelArrayThreshold)
        output.bytes.append(UInt8(ascii: "\n"))
        return output.finished()
    }

    /// The bytes of this value written at nesting level `indent`, for `.rendered`.
    package func rendered(indent: Int) -> [UInt8] {
        var output = Output(chunked: false)
        write(to: &output, indent: indent, threshold: Self.parallelArrayThreshold)
        return output.bytes
    }

    /// The same bytes whatever the threshold: slices are joined in order.
    func rendered(parallelArrayThreshold threshold: Int) -> String {
        // Bytes, not String appends: a report of 20,000 findings is millions of small pieces.
        var output = Output(chunked: false)
        write(to: &output, indent: 0, threshold: threshold)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Where a value is written: one buffer, or chunks between which large parts written
    /// elsewhere are spliced as they are.
    struct Output {
        var bytes: [UInt8] = []
        private var pieces: [ReportChunks.Piece]?

        init(chunked: Bool) {
            pieces = chunked ? [] : nil
        }

        /// Parts written on other cores, in order.
        mutating func splice(_ parts: [[UInt8]]) {
            if pieces != nil {
                pieces?.append(.bytes(bytes))
                pieces?.append(contentsOf: parts.map(ReportChunks.Piece.bytes))
                bytes = []
            } else {
                bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
                for part in parts { bytes += part }
            }
        }

        /// Slices to render later when chunked, now (on every core) when not.
        mutating func splice(_ slices: ItemSlices) {
            if pieces != nil {
                pieces?.append(.bytes(bytes))
                pieces?.append(.slices(slices))
                bytes = []
            } else {
                splice(Parallel.map(slices.count) { slices.render($0) })
            }
        }

        func finished() -> ReportChunks {
            ReportChunks(pieces: (pieces ?? []) + [.bytes(bytes)])
        }
    }

    private func write(to output: inout Output, indent: Int, threshold: Int) {
        switch self {
        case .object(let members):
            Self.writeMembers(members.sorted { $0.key < $1.key }, to: &output, indent: indent, threshold: threshold)
        case .array(let items):
            guard !items.isEmpty else { output.bytes += Self.emptyArray; return }
            output.bytes += Self.openArray
            if items.count >= threshold {
                // Tens of thousands of findings: render slices on every core, then join in order.
                let pieces = Parallel.mapSlices(items.count, minimumSlice: 1) { range -> [UInt8] in
                    var slice = Output(chunked: false)
                    slice.bytes.reserveCapacity(Self.writtenSize(of: items[range], indent: indent))
                    Self.writeItems(items[range], last: items.count - 1, startingAt: range.lowerBound, to: &slice, indent: indent, threshold: threshold)
                    return slice.bytes
                }
                output.splice(pieces)
            } else {
                Self.writeItems(items[...], last: items.count - 1, startingAt: 0, to: &output, indent: indent, threshold: threshold)
            }
            Self.writeIndentation(indent, to: &output.bytes)
            output.bytes.append(UInt8(ascii: "]"))
        case .renderedItems(let slices):
            guard slices.contains(where: { !$0.isEmpty }) else { output.bytes += Self.emptyArray; return }
            output.bytes += Self.openArray
            output.splice(slices)
            Self.writeIndentation(indent, to: &output.bytes)
            output.bytes.append(UInt8(ascii: "]"))
        case .lazyItems(let slices):
            guard !slices.isEmpty else { output.bytes += Self.emptyArray; return }
            output.bytes += Self.openArray
            output.splice(slices)
            Self.writeIndentation(indent, to: &output.bytes)
            output.bytes.append(UInt8(ascii: "]"))
        case .string(let text):
            Self.writeString(text, to: &output.bytes)
        case .integer(let number):
            Self.append(String(number), to: &output.bytes)
        case .bool(let flag):
            Self.append(flag ? "true" : "false", to: &output.bytes)
        case .null:
            Self.append("null", to: &output.bytes)
        case .rendered(let bytes):
            output.bytes += bytes
        }
    }

    /// Arrays at least this long are rendered in parallel slices.
    static let parallelArrayThreshold = 2048

    private static let emptyArray = Array("[]".utf8)
    private static let openArray = Array("[\n".utf8)
    private static let emptyObject = Array("{}".utf8)
    private static let openObject = Array("{\n".utf8)
    private static let keySeparator = Array(": ".utf8)
    private static let itemSeparator = Array(",\n".utf8)

    private static func writeMembers(
        _ members: [(key: String, value: JSONValue)], to output: inout Output, indent: Int, threshold: Int
    ) {
        guard !members.isEmpty else { output.bytes += emptyObject; return }
        output.bytes += openObject
        for (position, member) in members.enumerated() {
            writeIndentation(indent + 1, to: &output.bytes)
            writeString(member.key, to: &output.bytes)
            output.bytes += keySeparator
            member.value.write(to: &output, indent: indent + 1, threshold: threshold)
            if position == members.count - 1 { output.bytes.append(UInt8(ascii: "\n")) } else { output.bytes += itemSeparator }
        }
        writeIndentation(indent, to: &output.bytes)
        output.bytes.append(UInt8(ascii: "}"))
    }

    private static func writeItems(
        _ items: ArraySlice<JSONValue>, last: Int, startingAt first: Int, to output: inout Output, indent: Int, threshold: Int
    ) {
        for (offset, item) in items.enumerated() {
            writeIndentation(indent + 1, to: &output.bytes)
            item.write(to: &output, indent: indent + 1, threshold: threshold)
            endItem(isLast: first + offset == last, to: &output.bytes)
        }
    }

    /// What follows an array's item: `,` and a newline, or a newline alone after the last.
    static func endItem(isLast: Bool, to output: inout [UInt8]) {
        if isLast { output.append(UInt8(ascii: "\n")) } else { output += itemSeparator }
    }

    /// The bytes `writeItems` takes for items already `.rendered` (others count as empty): room
    /// for a slice of findings at once, instead of growing it a dozen times, copying and touching
    /// fresh memory each time.
    private static func writtenSize(of items: ArraySlice<JSONValue>, indent: Int) -> Int {
        items.reduce(0) { total, item in
            guard case .rendered(let bytes) = item else { return total + 2 * (indent + 1) + 2 }
            return total + 2 * (indent + 1) + bytes.count + 2
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Two spaces a level; shared with `JSONWriter`, which must lay out JSON exactly as this does.
    static func writeIndentation(_ level: Int, to output: inout [UInt8]) {
        if 2 * level <= spaces.count {
            spaces.withUnsafeBufferPointer { output.append(contentsOf: $0.prefix(2 * level)) }
        } else {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
    }

    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escaping: one tight scan, then their bytes appended whole.
            guard needsEscaping(bytes) else {
                output.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): append(#"\""#, to: &output)
                case UInt8(ascii: "\\"): append(#"\\"#, to: &output)
                case UInt8(ascii: "\n"): append(#"\n"#, to: &output)
                case UInt8(ascii: "\r"): append(#"\r"#, to: &output)
                case UInt8(ascii: "\t"): append(#"\t"#, to: &output)
                case _ where byte < 0x20:
                    let hex = String(byte, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, to: &output)
                default:
                    // Bytes of multi-byte characters pass through unchanged: JSON text is UTF-8.
                    output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether any byte is a control character, a quote or a backslash. Eight bytes at a time
    /// (byte-wise "has less than" and "has zero" tests on a word): the scan was most of the
    /// time spent writing a finding's strings. Exact: a word flags only if one of its bytes does.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word & highs
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            let zeroed = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
            if control | zeroed != 0 { return true }
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }

    /// Appends text known to need no escaping, as one copy of its bytes.
    private static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }
}
