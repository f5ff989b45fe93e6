package import FlowYAML

/// One field of an entity, written once: its YAML name, kind, whether it is required, which
/// variants it belongs to and its documentation line, with how a value is read into the entity
/// and read back out. Both read paths, the schema, the docs and did-you-mean come from it.
package struct FieldSpec<Entity>: Sendable {
    package let name: String
    package let kind: FieldKind
    package let required: Bool
    package let doc: String
    /// Raw words of the table's variant field (an agreement's `type`) this field belongs to;
    /// nil when it belongs to every variant.
    package private(set) var variants: [String]?
    /// Required in the variants it belongs to.
    package private(set) var requiredInVariants = false
    /// Reads one non-null scalar into the entity at an address.
    let store: ScalarStore
    /// The field's value as read, of the entity at an address: rules read it for every subject,
    /// and an entity passed by value to a closure kept in this generic type is copied whole.
    package let valueAt: @Sendable (UnsafeRawPointer) -> FieldValue
    /// Where a list field keeps the spans of its items.
    let itemSpans: (WritableKeyPath<Entity, [SourceSpan]> & Sendable)?
    /// Where a field keeps the span of its value.
    let valueSpan: (WritableKeyPath<Entity, SourceSpan> & Sendable)?
    /// An `.object` field's reader (node path only); it is handed null values too.
    let readNode: (@Sendable (inout Entity, YAMLNode, inout NodeDecoder) -> Void)?
    /// Run when a list field's list ends, even an empty one: marks a list that may be absent as written.
    let listEnded: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    init(
        _ name: String, _ kind: FieldKind, required: Bool, doc: String,
        itemSpans: (WritableKeyPath<Entity, [SourceSpan]> & Sendable)? = nil,
        valueSpan: (WritableKeyPath<Entity, SourceSpan> & Sendable)? = nil,
        readNode: (@Sendable (inout Entity, YAMLNode, inout NodeDecoder) -> Void)? = nil,
        listEnded: (@Sendable (UnsafeMutableRawPointer) -> Void)? = nil,
        value: @escaping @Sendable (UnsafeRawPointer) -> FieldValue,
        store: ScalarStore
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.doc = doc
        self.itemSpans = itemSpans
        self.valueSpan = valueSpan
        self.readNode = readNode
        self.listEnded = listEnded
        valueAt = value
        self.store = store
    }

    /// The field's value as read.
    package func value(_ entity: Entity) -> FieldValue {
        withUnsafePointer(to: entity) { valueAt(UnsafeRawPointer($0)) }
    }

    /// How a field's value is read out of an entity at an address: by the stored property's
    /// offset, as the standard library does for a key path to one (through the key path, code not
    /// specialised for the entity copies it whole).
    static func reading<Value>(
        _ path: KeyPath<Entity, Value> & Sendable, _ convert: @escaping @Sendable (Value) -> FieldValue
    ) -> @Sendable (UnsafeRawPointer) -> FieldValue {
        if let offset = MemoryLayout<Entity>.offset(of: path) {
            return { raw in convert(raw.load(fromByteOffset: offset, as: Value.self)) }
        }
        return { raw in convert(raw.assumingMemoryBound(to: Entity.self).pointee[keyPath: path]) }
    }

    /// How a value parsed from a scalar is stored into an entity at an address, by the stored
    /// property's offset (a key-path write goes through the runtime for every value).
    static func writing<Value>(
        _ path: WritableKeyPath<Entity, Value> & Sendable, _ parse: @escaping @Sendable (YAMLScalar) -> Value?
    ) -> ScalarStore {
        if let offset = MemoryLayout<Entity>.offset(of: path) {
            return .parsed { raw, scalar in
                guard let value = parse(scalar) else { return false }
                (raw + offset).assumingMemoryBound(to: Value.self).pointee = value
                return true
            }
        }
        return .parsed { raw, scalar in
            guard let value = parse(scalar) else { return false }
            raw.assumingMemoryBound(to: Entity.self).pointee[keyPath: path] = value
            return true
        }
    }

    /// The same for a property that may be absent: a scalar that does not parse is an error, not
    /// an absent value.
    static func writingOptional<Value>(
        _ path: WritableKeyPath<Entity, Value?> & Sendable, _ parse: @escaping @Sendable (YAMLScalar) -> Value?
    ) -> ScalarStore {
        writing(path) { scalar in parse(scalar).map(Optional.some) }
    }

    /// The same for an item appended to a list.
    static func appending<Item>(
        _ path: WritableKeyPath<Entity, [Item]> & Sendable, _ parse: @escaping @Sendable (YAMLScalar) -> Item?
    ) -> ScalarStore {
        if let offset = MemoryLayout<Entity>.offset(of: path) {
            return .parsed { raw, scalar in
                guard let item = parse(scalar) else { return false }
                (raw + offset).assumingMemoryBound(to: [Item].self).pointee.append(item)
                return true
            }
        }
        return .parsed { raw, scalar in
            guard let item = parse(scalar) else { return false }
            raw.assumingMemoryBound(to: Entity.self).pointee[keyPath: path].append(item)
            return true
        }
    }

    /// Text stored as it is written, by offset where the property has one.
    static func writingText(_ path: WritableKeyPath<Entity, String> & Sendable) -> ScalarStore {
        MemoryLayout<Entity>.offset(of: path).map { .text(offset: $0) } ?? writing(path) { $0.string }
    }

    static func writingText(_ path: WritableKeyPath<Entity, String?> & Sendable) -> ScalarStore {
        MemoryLayout<Entity>.offset(of: path).map { .optionalText(offset: $0) } ?? writingOptional(path) { $0.string }
    }

    static func appendingText(_ path: WritableKeyPath<Entity, [String]> & Sendable) -> ScalarStore {
        MemoryLayout<Entity>.offset(of: path).map { .appendedText(offset: $0) } ?? appending(path) { $0.string }
    }

    /// The field belongs only to these variants (and is required in them when `required`).
    package func only<Variant: ModelVocabulary>(_ variants: [Variant], required: Bool = false) -> Self {
        var spec = self
        spec.variants = variants.map(\.rawValue)
        spec.requiredInVariants = required
        return spec
    }

    package var description: FieldDescription {
        FieldDescription(
            name: name, kind: kind, required: required, doc: doc, variants: variants, requiredInVariants: requiredInVariants,
            valueAt: valueAt)
    }
}

/// A field's value as read, whatever its kind.
package enum FieldValue: Sendable, Hashable {
    case absent
    case text(String)
    case texts([String])
    case number(Int)
    case flag(Bool)
    case date(CivilDate)
}

// MARK: Fields by the type of value they hold

extension FieldSpec {
    /// Text, or an id, a country or a category key (`kind`), that may be absent.
    package static func text(
        _ name: String, _ path: WritableKeyPath<Entity, String?> & Sendable, _ kind: FieldKind = .text, doc: String
    ) -> Self {
        FieldSpec(name, kind, required: false, doc: doc, value: reading(path) { $0.map(FieldValue.text) ?? .absent },
                  store: writingText(path))
    }

    /// Text that must be written (an empty string until it is).
    package static func text(
        _ name: String, _ path: WritableKeyPath<Entity, String> & Sendable, _ kind: FieldKind = .text, required: Bool = true,
        doc: String
    ) -> Self {
        FieldSpec(name, kind, required: required, doc: doc, value: reading(path) { .text($0) }, store: writingText(path))
    }

    /// A word of a closed vocabulary, that may be absent.
    package static func word<Value: ModelVocabulary>(
        _ name: String, _ path: WritableKeyPath<Entity, Value?> & Sendable, doc: String
    ) -> Self {
        FieldSpec(name, .word(VocabularyDescription(Value.self)), required: false, doc: doc,
                  value: reading(path) { $0.map { .text($0.rawValue) } ?? .absent }, store: writingOptional(path) { Value.word($0.bytes) })
    }

    /// A word of a closed vocabulary with a default (or required: `required`).
    package static func word<Value: ModelVocabulary>(
        _ name: String, _ path: WritableKeyPath<Entity, Value> & Sendable, required: Bool = false, doc: String
    ) -> Self {
        FieldSpec(name, .word(VocabularyDescription(Value.self)), required: required, doc: doc,
                  value: reading(path) { .text($0.rawValue) }, store: writing(path) { Value.word($0.bytes) })
    }

    package static func date(_ name: String, _ path: WritableKeyPath<Entity, CivilDate?> & Sendable, doc: String) -> Self {
        FieldSpec(name, .date, required: false, doc: doc, value: reading(path) { $0.map(FieldValue.date) ?? .absent },
                  store: writingOptional(path) { CivilDate($0.string) })
    }

    /// A date that must be written.
    package static func date(_ name: String, _ path: WritableKeyPath<Entity, CivilDate> & Sendable, doc: String) -> Self {
        FieldSpec(name, .date, required: true, doc: doc, value: reading(path) { .date($0) }, store: writing(path) { CivilDate($0.string) })
    }

    /// A date or date-time (nil until read, when `required`).
    package static func moment(
        _ name: String, _ path: WritableKeyPath<Entity, Moment?> & Sendable, required: Bool = false, doc: String
    ) -> Self {
        FieldSpec(name, .moment, required: required, doc: doc, value: reading(path) { $0.map { .text($0.description) } ?? .absent },
                  store: writingOptional(path) { Moment($0.string) })
    }

    package static func count(_ name: String, _ path: WritableKeyPath<Entity, Int?> & Sendable, doc: String) -> Self {
        FieldSpec(name, .count, required: false, doc: doc, value: reading(path) { $0.map(FieldValue.number) ?? .absent },
                  store: writingOptional(path) { scalar in
                      Int(scalar.string.replacingOccurrences(of: "_", with: "")).flatMap { $0 >= 0 ? $0 : nil }
                  })
    }

    package static func flag(_ name: String, _ path: WritableKeyPath<Entity, Bool?> & Sendable, doc: String) -> Self {
        FieldSpec(name, .flag, required: false, doc: doc, value: reading(path) { $0.map(FieldValue.flag) ?? .absent },
                  store: writingOptional(path) { $0.bool })
    }

    /// A flag with a value until one is written (a catalogue entry's).
    package static func flag(_ name: String, _ path: WritableKeyPath<Entity, Bool> & Sendable, doc: String) -> Self {
        FieldSpec(name, .flag, required: false, doc: doc, value: reading(path) { .flag($0) }, store: writing(path) { $0.bool })
    }

    package static func retention(_ name: String, _ path: WritableKeyPath<Entity, Retention?> & Sendable, doc: String) -> Self {
        FieldSpec(name, .retention, required: false, doc: doc, value: reading(path) { $0.map { .text($0.description) } ?? .absent },
                  store: writingOptional(path) { Retention($0.string) })
    }

    /// A list of texts, ids or category keys (`item`); `itemSpans` keeps where each is written,
    /// `valueSpan` where the list is.
    package static func list(
        _ name: String, _ path: WritableKeyPath<Entity, [String]> & Sendable, of item: FieldKind = .text, required: Bool = false,
        itemSpans: (WritableKeyPath<Entity, [SourceSpan]> & Sendable)? = nil,
        valueSpan: (WritableKeyPath<Entity, SourceSpan> & Sendable)? = nil, doc: String
    ) -> Self {
        FieldSpec(name, .list(item), required: required, doc: doc, itemSpans: itemSpans, valueSpan: valueSpan,
                  value: reading(path) { .texts($0) }, store: appendingText(path))
    }

    /// A list of words of a closed vocabulary.
    package static func words<Value: ModelVocabulary>(_ name: String, _ path: WritableKeyPath<Entity, [Value]> & Sendable, doc: String) -> Self {
        FieldSpec(name, .list(.word(VocabularyDescription(Value.self))), required: false, doc: doc,
                  value: reading(path) { .texts($0.map(\.rawValue)) }, store: appending(path) { Value.word($0.bytes) })
    }

    /// A list of words that may be absent: `[]` is written as empty, absent is not recorded.
    package static func words<Value: ModelVocabulary>(_ name: String, _ path: WritableKeyPath<Entity, [Value]?> & Sendable, doc: String) -> Self {
        guard let offset = MemoryLayout<Entity>.offset(of: path) else {
            preconditionFailure("'\(name)' must be a stored property")
        }
        return FieldSpec(name, .list(.word(VocabularyDescription(Value.self))), required: false, doc: doc,
                         listEnded: { raw in
                             let list = (raw + offset).assumingMemoryBound(to: [Value]?.self)
                             if list.pointee == nil { list.pointee = [] }
                         },
                         value: reading(path) { $0.map { .texts($0.map(\.rawValue)) } ?? .absent },
                         store: .parsed { raw, scalar in
                             guard let item = Value.word(scalar.bytes) else { return false }
                             let list = (raw + offset).assumingMemoryBound(to: [Value]?.self)
                             if list.pointee == nil { list.pointee = [item] } else { list.pointee?.append(item) }
                             return true
                         })
    }

    /// A map with fields of its own (`Value`'s table), read on the node path only; null clears it.
    package static func object<Value: BlankDecodable>(
        _ name: String, _ path: WritableKeyPath<Entity, Value?> & Sendable, required: Bool = false, doc: String
    ) -> Self {
        FieldSpec(name, .object(Value.fields.description), required: required, doc: doc,
                  readNode: { entity, node, decoder in
                      entity[keyPath: path] = node.isNull ? nil : decoder.decode(Value.self, node, context: "'\(name)'")
                  },
                  value: reading(path) { $0 == nil ? .absent : .text(name) }, store: .parsed { _, _ in false })
    }
}
