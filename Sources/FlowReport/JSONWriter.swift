/// Writes JSON straight to bytes in the layout of `JSONValue` (two-space indentation, members
/// in the order given, which callers keep sorted). For the parts of a report written tens of
/// thousands of times: building a `JSONValue` tree for each finding cost dozens of allocations.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Nesting level of the innermost open container.
    private var level: Int
    /// Whether each open container has a member or item yet, innermost last.
    private var filled: [Bool] = []

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

    /// Starts a member of the open object; its value follows.
    mutating func key(_ name: String) {
        startEntry()
        JSONValue.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts an item of the open array; its value follows.
    mutating func item() { startEntry() }

    mutating func string(_ text: String) { JSONValue.writeString(text, to: &bytes) }
    mutating func integer(_ number: Int) { bytes.append(contentsOf: String(number).utf8) }
    mutating func bool(_ flag: Bool) { bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    mutating func null() { bytes.append(contentsOf: "null".utf8) }

    /// A member whose value is a string.
    mutating func member(_ name: String, _ text: String) {
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
        filled.append(false)
        level += 1
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        if filled.popLast() == true {
            bytes.append(UInt8(ascii: "\n"))
            indent(level)
        }
        bytes.append(bracket)
    }

    private mutating func startEntry() {
        if filled.last == true { bytes.append(UInt8(ascii: ",")) }
        if !filled.isEmpty { filled[filled.count - 1] = true }
        bytes.append(UInt8(ascii: "\n"))
        indent(level)
    }

    private mutating func indent(_ level: Int) {
        JSONValue.writeIndentation(level, to: &bytes)
    }
}
