import FlowYAML

/// A store's fields from parse events, as `SectionDecoder.decodeStore` reads them from nodes.
struct StoreEvents: EntityEventReader {
    static let section = "stores"
    static let keyedById = true
    private typealias Field = StoreField

    private var stores: [Store] = []
    private var definitions: [EntityRef] = []

    // The store being read.
    private var id = ""
    private var key: SourceSpan?
    private var fields = WrittenFields<Field>()
    private var name: String?
    private var operator_: String?
    private var location: String?
    private var encryptionAtRest: EncryptionAtRest?
    private var access: StoreAccess?
    private var retention: Retention?
    private var holds: [String] = []
    private var accessedBy = AccessList()

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 100

    init(file: String, expectedBytes: Int) {
        stores.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
        definitions.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
    }

    var part: ModelPart {
        var part = ModelPart()
        part.stores = stores
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
        encryptionAtRest = nil
        access = nil
        retention = nil
        holds = []
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
        case .encryptionAtRest:
            return ScalarWords.word(text, isNull: isNull, into: &encryptionAtRest)
        case .access:
            return ScalarWords.word(text, isNull: isNull, into: &access)
        case .retention:
            // See `NodeDecoder.retention`.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return true }
            if string == "unlimited" {
                retention = .unlimited
            } else if let duration = ISODuration(string) {
                retention = .duration(duration)
            } else {
                return false
            }
        case .holds, .accessedBy:
            // A list, or nothing (an empty one); anything else is an error.
            return isNull
        }
        return true
    }

    mutating func openList() -> Bool {
        fields.current == .holds || fields.current == .accessedBy
    }

    mutating func item(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard fields.current == .holds else { return accessedBy.add(text, style: style, span: span) }
        // `NodeDecoder.strings` drops null items without a word.
        if !ScalarWords.isNull(text, style) { holds.append(String(decoding: text, as: UTF8.self)) }
        return true
    }

    mutating func finish(at end: SourcePosition) -> Bool {
        guard fields.hasRequired, let operator_, let key else { return false }
        definitions.append(EntityRef(kind: .store, index: stores.count))
        stores.append(Store(
            id: id, name: name, operator_: operator_, location: location, encryptionAtRest: encryptionAtRest,
            access: access, retention: retention, holds: holds, accessedBy: accessedBy.ids,
            accessedBySpans: accessedBy.spans, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
