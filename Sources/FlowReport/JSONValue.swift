import FlowModel

/// JSON with object keys always sorted, so the same report is the same bytes every run.
public indirect enum JSONValue: Sendable, Hashable {
    case object([String: JSONValue])
    /// An object whose members are already in sorted key order (see `sorted(_:)`): what a
    /// report builds for each of tens of thousands of findings, without hashing or sorting.
    case members([JSONMember])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    /// Two-space indented, keys sorted, ending without a newline.
    public func rendered() -> String {
        rendered(parallelArrayThreshold: Self.parallelArrayThreshold)
    }

    /// The same bytes whatever the threshold: slices are joined in order.
    func rendered(parallelArrayThreshold threshold: Int) -> String {
        var output = ""
        write(to: &output, indent: 0, threshold: threshold)
        return output
    }

    private func write(to output: inout String, indent: Int, threshold: Int) {
        switch self {
        case .object(let members):
            Self.writeMembers(members.sorted { $0.key < $1.key }.map { JSONMember($0.key, $0.value) },
                              to: &output, indent: indent, threshold: threshold)
        case .members(let members):
            Self.writeMembers(members, to: &output, indent: indent, threshold: threshold)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            if items.count >= threshold {
                // Tens of thousands of findings: render slices on every core, then join in order.
                let pieces = Parallel.mapSlices(items.count, minimumSlice: 1) { range -> String in
                    var text = ""
                    Self.writeItems(items[range], last: items.count - 1, startingAt: range.lowerBound, to: &text, indent: indent, threshold: threshold)
                    return text
                }
                for piece in pieces { output += piece }
            } else {
                Self.writeItems(items[...], last: items.count - 1, startingAt: 0, to: &output, indent: indent, threshold: threshold)
            }
            output += Self.indentation(indent) + "]"
        case .string(let text):
            Self.writeString(text, to: &output)
        case .integer(let number):
            output += String(number)
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        }
    }

    /// Arrays at least this long are rendered in parallel slices.
    static let parallelArrayThreshold = 2048

    private static func writeMembers(_ members: [JSONMember], to output: inout String, indent: Int, threshold: Int) {
        guard !members.isEmpty else { output += "{}"; return }
        output += "{\n"
        for (position, member) in members.enumerated() {
            output += indentation(indent + 1)
            writeString(member.key, to: &output)
            output += ": "
            member.value.write(to: &output, indent: indent + 1, threshold: threshold)
            output += position == members.count - 1 ? "\n" : ",\n"
        }
        output += indentation(indent) + "}"
    }

    private static func writeItems(
        _ items: ArraySlice<JSONValue>, last: Int, startingAt first: Int, to output: inout String, indent: Int, threshold: Int
    ) {
        for (offset, item) in items.enumerated() {
            output += indentation(indent + 1)
            item.write(to: &output, indent: indent + 1, threshold: threshold)
            output += first + offset == last ? "\n" : ",\n"
        }
    }

    /// An object from members given in sorted key order (checked in debug builds).
    public static func sorted(_ members: [JSONMember]) -> JSONValue {
        assert(zip(members, members.dropFirst()).allSatisfy { $0.key < $1.key }, "members out of order")
        return .members(members)
    }

    private static let indents = (0..<16).map { String(repeating: "  ", count: $0) }

    static func indentation(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    static func writeString(_ text: String, to output: inout String) {
        // Most strings need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// One member of a `JSONValue.members` object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
