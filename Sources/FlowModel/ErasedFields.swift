import FlowYAML

/// A field table with its entity type erased to the entity's address. The event path runs
/// behind a protocol, as unspecialised generic code, where any use of a type built from the
/// entity's (a table of it, a reader of it) looks up generic metadata at run time; these are
/// plain values, built once per entity kind by its (specialised) table. A class: a reading's state
/// holding it is copied with one retain.
final class ErasedFields: Sendable {
    typealias Span = @Sendable (UnsafeMutableRawPointer, SourceSpan) -> Void

    let names: KeyNames
    let required: FieldMask
    let isList: [Bool]
    let isObject: [Bool]
    let stores: [ScalarStore]
    /// Per field: where a list keeps its items' spans, or a field the span of its value.
    let itemSpans: [Span?]
    let valueSpans: [Span?]
    /// Per field: what a list that may be absent does when it is written.
    let listEnds: [(@Sendable (UnsafeMutableRawPointer) -> Void)?]
    /// The variant field's position and the value's word for it.
    let variant: (field: Int, word: @Sendable (UnsafeRawPointer) -> String?)?
    /// Per field: the variants it belongs to, and whether it is required in them.
    let variants: [[String]?]
    let requiredInVariants: [Bool]
    let fieldNames: [String]
    let tableName: String
    /// The value's own checks across fields.
    let problems: @Sendable (UnsafeRawPointer, FieldMask) -> [FieldProblem]

    init<Entity: TableDecodable>(_ fields: [FieldSpec<Entity>], name: String, required: FieldMask, variantField: Int?) {
        names = KeyNames(fields.map(\.name))
        self.required = required
        isList = fields.map(\.kind.isList)
        isObject = fields.map { $0.readNode != nil }
        stores = fields.map(\.store.unshared)
        itemSpans = fields.map { (field: FieldSpec<Entity>) -> Span? in
            guard let path = field.itemSpans else { return nil }
            return Self.appending(path)
        }
        valueSpans = fields.map { (field: FieldSpec<Entity>) -> Span? in
            guard let path = field.valueSpan else { return nil }
            return Self.setting(path)
        }
        listEnds = fields.map(\.listEnded)
        variant = variantField.map { position in
            let value = fields[position].valueAt
            return (position, { raw in
                guard case .text(let word) = value(raw) else { return nil }
                return word
            })
        }
        variants = fields.map(\.variants)
        requiredInVariants = fields.map(\.requiredInVariants)
        fieldNames = fields.map(\.name)
        tableName = name
        problems = { raw, written in raw.assumingMemoryBound(to: Entity.self).pointee.problems(written: written) }
    }
}

extension ErasedFields {
    /// Where the key `name` is among the fields, read in place: copying the names out of the
    /// class retains their arrays for every key.
    func position(of name: UnsafeBufferPointer<UInt8>, expected: Int) -> Int? {
        names.position(of: name, expected: expected)
    }

    private static func appending<Entity>(_ path: WritableKeyPath<Entity, [SourceSpan]> & Sendable) -> Span {
        { raw, span in raw.assumingMemoryBound(to: Entity.self).pointee[keyPath: path].append(span) }
    }

    private static func setting<Entity>(_ path: WritableKeyPath<Entity, SourceSpan> & Sendable) -> Span {
        { raw, span in raw.assumingMemoryBound(to: Entity.self).pointee[keyPath: path] = span }
    }
}

/// Where one map's reading has got to, whatever its entity: which fields are written, which
/// have a value, and the one whose value comes next. Null handling, value parsing, required
/// fields and variants live here only, so the two read paths cannot differ; the value being
/// read is passed by address.
struct FieldReadState: Sendable {
    let fields: ErasedFields
    /// Keys written, null values included.
    private(set) var written = FieldMask()
    /// Fields written with something other than null (a list, even an empty one, or a value
    /// reported as not of the field's kind: that is its error, not a missing field).
    private(set) var valued = FieldMask()
    /// The field whose value comes next.
    private(set) var current = 0
    /// Where the next key is looked for first: keys mostly come in the table's order.
    private var expected = 0

    enum Key {
        case field(Int)
        case unknown
        case repeated
    }

    enum Outcome {
        case read
        /// Not a value of the field's kind.
        case invalid
        /// A scalar where a list or a map belongs.
        case wrongShape
    }

    init(_ fields: ErasedFields) {
        self.fields = fields
    }

    /// A new map: nothing written yet.
    mutating func reset() {
        written = FieldMask()
        valued = FieldMask()
        current = 0
        expected = 0
    }

    mutating func key(_ name: UnsafeBufferPointer<UInt8>) -> Key {
        guard let position = fields.position(of: name, expected: expected) else { return .unknown }
        guard !written.contains(position) else { return .repeated }
        written.insert(position)
        expected = position + 1
        current = position
        return .field(position)
    }

    /// The current field's value, a scalar: null leaves the field without a value.
    mutating func scalar(_ scalar: YAMLScalar, into value: UnsafeMutableRawPointer) -> Outcome {
        guard !fields.isObject[current] else { return .wrongShape }
        if scalar.isNull { return .read }
        valued.insert(current)
        guard !fields.isList[current] else { return .wrongShape }
        return fields.stores[current].store(scalar, into: value) ? .read : .invalid
    }

    /// The current field's value is a list (its items follow); false for a scalar field.
    mutating func beginList() -> Bool {
        valued.insert(current)
        return fields.isList[current]
    }

    /// The current field's value is a map, which no field but an `.object` one takes.
    mutating func map() {
        valued.insert(current)
    }

    /// An item of the current field's list: null items are dropped.
    func item(_ scalar: YAMLScalar, into value: UnsafeMutableRawPointer, span: () -> SourceSpan) -> Bool {
        if scalar.isNull { return true }
        guard fields.stores[current].store(scalar, into: value) else { return false }
        if let itemSpans = fields.itemSpans[current] { itemSpans(value, span()) }
        return true
    }

    /// The current field's list ends; `span` is where it is written.
    func endList(into value: UnsafeMutableRawPointer, span: @autoclosure () -> SourceSpan) {
        if let valueSpan = fields.valueSpans[current] { valueSpan(value, span()) }
        fields.listEnds[current]?(value)
    }

    /// What is wrong once the map ends: required fields without a value, fields of another
    /// variant, and the value's own checks. `context` names the map ("store 'archive'").
    func problems(of value: UnsafeRawPointer, context: @autoclosure () -> String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !valued.isSuperset(of: fields.required) {
            for position in fields.fieldNames.indices where fields.required.contains(position) && !valued.contains(position) {
                problems.append(FieldProblem("\(context()) is missing required field '\(fields.fieldNames[position])'"))
            }
        }
        if let variant = fields.variant, valued.contains(variant.field), let word = variant.word(value) {
            let described = { "\(fields.tableName) of \(fields.fieldNames[variant.field]) '\(word)'" }
            for position in fields.fieldNames.indices {
                guard let variants = fields.variants[position] else { continue }
                let name = fields.fieldNames[position]
                if variants.contains(word) {
                    if fields.requiredInVariants[position], !written.contains(position) {
                        problems.append(FieldProblem("\(described()) is missing required field '\(name)'"))
                    }
                } else if written.contains(position) {
                    problems.append(FieldProblem("field '\(name)' does not apply to \(described().withArticle)", at: name))
                }
            }
        }
        return problems + fields.problems(value, written)
    }
}

extension String {
    /// "an agreement of type 'dpa'".
    fileprivate var withArticle: String {
        ("aeiou".contains(first ?? "x") ? "an " : "a ") + self
    }
}
