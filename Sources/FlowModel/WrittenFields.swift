import FlowYAML

/// The fields of one entity's map read from events so far, by position among the kind's names,
/// and the one whose value comes next. Not generic over the kind: held by the generic section
/// walker, a generic one had its type looked up at run time on every key.
struct WrittenFields {
    let names: KeyNames
    /// Positions of the required fields.
    let required: [Int]
    /// The same, as bits of `mask`.
    private let requiredMask: Int
    /// Bit `1 << position` for each field written.
    private(set) var mask = 0
    /// Where the next key is looked for first: keys mostly come in the order the fields are
    /// listed, and the next one is then found at the first try.
    private var expected = 0
    private(set) var current: Int?

    init(names: KeyNames, required: [Int]) {
        self.names = names
        self.required = required
        requiredMask = required.reduce(0) { $0 | 1 << $1 }
    }

    /// A new entity: nothing written yet.
    mutating func reset() {
        mask = 0
        expected = 0
        current = nil
    }

    /// Takes a key: false for an unknown field or one written twice (errors of a read).
    mutating func take(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let position = names.position(of: name, expected: expected), mask & (1 << position) == 0 else { return false }
        mask |= 1 << position
        expected = position + 1
        current = position
        return true
    }

    /// Whether the field at `position` has been written (null or an empty list included).
    func isWritten(_ position: Int) -> Bool {
        mask & (1 << position) != 0
    }

    /// Every required field is written (null ones are refused as they are read).
    var hasRequired: Bool {
        mask & requiredMask == requiredMask
    }
}

/// An `accessed_by` list read from events: the ids, and where each is written (an access edge's
/// span). A null item is left to the node reader, which keeps its span but not an id.
struct AccessList {
    private(set) var ids: [String] = []
    private(set) var spans: [SourceSpan] = []

    mutating func add(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: () -> SourceSpan) -> Bool {
        guard !ScalarWords.isNull(text, style) else { return false }
        ids.append(YAMLText.string(text))
        spans.append(span())
        return true
    }
}
