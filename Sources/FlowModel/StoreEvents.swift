import FlowYAML

/// A store's fields from parse events, as `SectionDecoder.decodeStore` reads them from nodes.
struct StoreEvents: EntityEventReader {
    static let section = "stores"
    static let keyedById = true
    typealias Field = StoreField

    private(set) var part = ModelPart()

    /// The store being read.
    private struct Draft {
        var id = ""
        var key: SourceSpan?
        var name: String?
        var operator_: String?
        var location: String?
        var encryptionAtRest: EncryptionAtRest?
        var access: StoreAccess?
        var retention: Retention?
        var holds: [String] = []
        var accessedBy = AccessList()
    }

    private var draft = Draft()

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 100

    init(file: String, expectedBytes: Int) {
        part.stores.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
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
        case .encryptionAtRest:
            return ScalarWords.word(text, isNull: isNull, into: &draft.encryptionAtRest)
        case .access:
            return ScalarWords.word(text, isNull: isNull, into: &draft.access)
        case .retention:
            // See `NodeDecoder.retention`.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return true }
            if string == "unlimited" {
                draft.retention = .unlimited
            } else if let duration = ISODuration(string) {
                draft.retention = .duration(duration)
            } else {
                return false
            }
        case .holds, .accessedBy:
            // A list, or nothing (an empty one); anything else is an error.
            return isNull
        }
        return true
    }

    func takesList(_ position: Int) -> Bool {
        position == Field.holds.rawValue || position == Field.accessedBy.rawValue
    }

    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard position == Field.holds.rawValue else { return draft.accessedBy.add(text, style: style, span: span) }
        // `NodeDecoder.strings` drops null items without a word.
        if !ScalarWords.isNull(text, style) { draft.holds.append(YAMLText.string(text)) }
        return true
    }

    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool {
        // Moved out of the draft (see `FlowEvents.finish`).
        var draft = Draft(id: "", key: nil)
        swap(&draft, &self.draft)
        guard let operator_ = draft.operator_, let key = draft.key else { return false }
        part.definitions.append(EntityRef(kind: .store, index: part.stores.count))
        part.stores.append(Store(
            id: draft.id, name: draft.name, operator_: operator_, location: draft.location,
            encryptionAtRest: draft.encryptionAtRest, access: draft.access, retention: draft.retention, holds: draft.holds,
            accessedBy: draft.accessedBy.ids, accessedBySpans: draft.accessedBy.spans, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
