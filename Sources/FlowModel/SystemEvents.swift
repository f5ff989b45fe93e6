import FlowYAML

/// A system's fields from parse events, as `SectionDecoder.decodeSystem` reads them.
struct SystemEvents: EntityEventReader {
    static let section = "systems"
    static let keyedById = true
    private typealias Field = SystemField

    private var systems: [ProcessingSystem] = []
    private var definitions: [EntityRef] = []

    // The system being read.
    private var id = ""
    private var key: SourceSpan?
    private var fields = WrittenFields<Field>()
    private var name: String?
    private var operator_: String?
    private var location: String?
    private var accessedBy = AccessList()

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 40

    init(file: String, expectedBytes: Int) {
        systems.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
        definitions.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
    }

    var part: ModelPart {
        var part = ModelPart()
        part.systems = systems
        part.definitions = definitions
        return part
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        self.id = id
        self.key = key
        fields = WrittenFields()
        name = nil
        operator_ = nil
        location = nil
        accessedBy = AccessList()
    }

    mutating func field(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        fields.take(name)
    }

    mutating func value(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        let isNull = ScalarWords.isNull(text, style)
        switch fields.current {
        case nil:
            return false
        case .name:
            name = ScalarWords.string(text, isNull: isNull)
        case .operator_:
            // Required: null is an error.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            operator_ = string
        case .location:
            location = ScalarWords.string(text, isNull: isNull)
        case .accessedBy:
            return isNull // a list, or nothing
        }
        return true
    }

    mutating func openList() -> Bool {
        fields.current == .accessedBy
    }

    mutating func item(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        accessedBy.add(text, style: style, span: span)
    }

    mutating func finish(at end: SourcePosition) -> Bool {
        guard fields.hasRequired, let operator_, let key else { return false }
        definitions.append(EntityRef(kind: .system, index: systems.count))
        systems.append(ProcessingSystem(
            id: id, name: name, operator_: operator_, location: location, accessedBy: accessedBy.ids,
            accessedBySpans: accessedBy.spans, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
