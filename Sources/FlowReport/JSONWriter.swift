/// Writes JSON straight to bytes in the layout of `JSONValue` (two-space indentation, members
/// in the order given, which callers keep sorted). For the parts of a report written tens of
/// thousands of times: building a `JSONValue` tree for each finding cost dozens of allocations.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Nesting level of the innermost open container.
    private var level: Int
    /// Per open container, innermost in the lowest bit: whether it has a member or item yet. A
    /// bit stack (findings nest three deep; at most 64 levels are tracked): as an array of flags
    /// it was allocated, grown and shrunk for every finding.
    private var filled: UInt64 = 0
    private var depth = 0

    /// A line break and the spaces of up to 32 levels of indentation, written as one slice.
    private static let lineBreakAndIndentation: StaticString = "\n                                                                "

    /// `level` is the nesting level of the value about to be written (0 for a whole document).
    init(level: Int, capacity: Int = 1024) {
        self.level = level
        bytes.reserveCapacity(capacity)
    }

    /// Trades buffers with `other`: a writer takes over bytes written before (the items of one
    /// slice of an array go into one buffer) and hands them back with its own after them.
    /// Swapped, never copied: a buffer shared for a moment is copied whole on the next append.
    mutating func swapBytes(with other: inout [UInt8]) {
        swap(&bytes, &other)
    }

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the open object; its value follows. Names are the report's own plain
    /// ASCII words, written as they are (no escaping to look for).
    mutating func key(_ name: StaticString) {
        // Comma, line break, indentation and `"name": ` assembled on the stack and appended at
        // once: appended piece by piece they cost five capacity checks and copies per key.
        let comma = markEntry()
        let indentation = 2 * level
        let count = (comma ? 1 : 0) + 1 + indentation + 1 + name.utf8CodeUnitCount + 3
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            var position = 0
            func put(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            if comma { put(UInt8(ascii: ",")) }
            put(UInt8(ascii: "\n"))
            for _ in 0..<indentation { put(UInt8(ascii: " ")) }
            put(UInt8(ascii: "\""))
            for byte in UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount) { put(byte) }
            put(UInt8(ascii: "\""))
            put(UInt8(ascii: ":"))
            put(UInt8(ascii: " "))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<position]))
        }
    }

    /// Starts a member named by any text, escaped as a string is.
    mutating func key(_ name: String) {
        startEntry()
        JSONValue.writeString(name, to: &bytes)
        append(": ")
    }

    /// Starts an item of the open array; its value follows.
    mutating func item() { startEntry() }

    mutating func string(_ text: String) { JSONValue.writeString(text, to: &bytes) }
    mutating func integer(_ number: Int) { bytes.append(contentsOf: String(number).utf8) }
    mutating func bool(_ flag: Bool) { append(flag ? "true" : "false") }
    mutating func null() { append("null") }

    /// A member whose value is a string.
    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    mutating func strings(_ texts: [String]) {
        openArray()
        for text in texts {
            item()
            string(text)
        }
        closeArray()
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        filled <<= 1
        depth += 1
        level += 1
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        var wasFilled = false
        if depth > 0 {
            wasFilled = filled & 1 == 1
            filled >>= 1
            depth -= 1
        }
        if wasFilled { lineBreak() }
        bytes.append(bracket)
    }

    private mutating func startEntry() {
        if markEntry() { bytes.append(UInt8(ascii: ",")) }
        lineBreak()
    }

    /// Marks the open container as having an entry; true when one came before (a comma is due).
    private mutating func markEntry() -> Bool {
        guard depth > 0 else { return false }
        let comma = filled & 1 == 1
        filled |= 1
        return comma
    }

    /// A line break and the indentation of `level`, as `JSONValue` lays them out.
    private mutating func lineBreak() {
        let text = Self.lineBreakAndIndentation
        if 2 * level < text.utf8CodeUnitCount {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: 1 + 2 * level))
        } else {
            bytes.append(UInt8(ascii: "\n"))
            JSONValue.writeIndentation(level, to: &bytes)
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
