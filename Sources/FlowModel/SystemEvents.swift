import FlowYAML

/// A system's fields from parse events, as `SectionDecoder.decodeSystem` reads them.
struct SystemEvents: EntityEventReader {
    static let section = "systems"
    static let keyedById = true
    typealias Field = SystemField

    private(set) var part = ModelPart()

    /// The system being read.
    private struct Draft {
        var id = ""
        var key: SourceSpan?
        var name: String?
        var operator_: String?
        var location: String?
        var accessedBy = AccessList()
    }

    private var draft = Draft()

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 40

    init(file: String, expectedBytes: Int) {
        part.systems.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
        part.definitions.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        draft = Draft(id: id, key: key)
    }

    mutating func value(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard let field = Field(rawValue: position) else { return false }
        let isNull = ScalarWords.isNull(text, style)
        switch field {
        case .name:
            draft.name = ScalarWords.string(text, isNull: isNull)
        case .operator_:
            // Required: null is an error.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            draft.operator_ = string
        case .location:
            draft.location = ScalarWords.string(text, isNull: isNull)
        case .accessedBy:
            return isNull // a list, or nothing
        }
        return true
    }

    func takesList(_ position: Int) -> Bool {
        position == Field.accessedBy.rawValue
    }

    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        draft.accessedBy.add(text, style: style, span: span)
    }

    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool {
        // Moved out of the draft (see `FlowEvents.finish`).
        var draft = Draft(id: "", key: nil)
        swap(&draft, &self.draft)
        guard let operator_ = draft.operator_, let key = draft.key else { return false }
        part.definitions.append(EntityRef(kind: .system, index: part.systems.count))
        part.systems.append(ProcessingSystem(
            id: draft.id, name: draft.name, operator_: operator_, location: draft.location, accessedBy: draft.accessedBy.ids,
            accessedBySpans: draft.accessedBy.spans, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
