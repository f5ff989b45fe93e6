import FlowYAML

/// One map being read by its field table, by either read path (nodes or parse events): which
/// fields are written, which have a value, and the one whose value comes next. Null handling,
/// value parsing, required fields and variants live here only, so the paths cannot differ.
struct FieldReader<Value: TableDecodable> {
    private(set) var value: Value
    /// Keys written, null values included.
    private(set) var written = FieldMask()
    /// Fields written with something other than null (a list, even an empty one, or a value
    /// reported as not of the field's kind: that is its error, not a missing field).
    private(set) var valued = FieldMask()
    /// The field whose value comes next.
    private(set) var current = 0
    /// Where the next key is looked for first: keys mostly come in the table's order.
    private var expected = 0
    private let table: FieldTable<Value>

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

    init(_ value: Value, table: FieldTable<Value> = Value.fields) {
        self.value = value
        self.table = table
    }

    var field: FieldSpec<Value> { table.fields[current] }

    mutating func key(_ name: UnsafeBufferPointer<UInt8>) -> Key {
        guard let position = table.names.position(of: name, expected: expected) else { return .unknown }
        guard !written.contains(position) else { return .repeated }
        written.insert(position)
        expected = position + 1
        current = position
        return .field(position)
    }

    /// The current field's value, a scalar: null leaves the field without a value.
    mutating func scalar(_ scalar: YAMLScalar) -> Outcome {
        let field = table.fields[current]
        guard field.readNode == nil else { return .wrongShape }
        if scalar.isNull { return .read }
        valued.insert(current)
        guard !field.kind.isList else { return .wrongShape }
        return field.read(&value, scalar) ? .read : .invalid
    }

    /// The current field's value is a list (its items follow); false for a scalar field.
    mutating func beginList() -> Bool {
        valued.insert(current)
        return table.fields[current].kind.isList
    }

    /// The current field's value is a map, which no field but an `.object` one takes.
    mutating func map() {
        valued.insert(current)
    }

    /// An item of the current field's list: null items are dropped.
    mutating func item(_ scalar: YAMLScalar, span: () -> SourceSpan) -> Bool {
        if scalar.isNull { return true }
        let field = table.fields[current]
        guard field.read(&value, scalar) else { return false }
        if let itemSpans = field.itemSpans { value[keyPath: itemSpans].append(span()) }
        return true
    }

    /// The current field's list ends; `span` is where it is written.
    mutating func endList(span: @autoclosure () -> SourceSpan) {
        if let valueSpan = table.fields[current].valueSpan { value[keyPath: valueSpan] = span() }
    }

    /// An `.object` field's value, read by its own table (node path only).
    mutating func readNode(_ node: YAMLNode, decoder: inout NodeDecoder) {
        guard let readNode = table.fields[current].readNode else { return }
        readNode(&value, node, &decoder)
        if !node.isNull { valued.insert(current) }
    }

    /// What is wrong once the map ends: required fields without a value, fields of another
    /// variant, and the value's own checks. `context` names the map ("store 'archive'").
    func problems(context: @autoclosure () -> String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !valued.isSuperset(of: table.required) {
            for position in table.fields.indices where table.fields[position].required && !valued.contains(position) {
                problems.append(FieldProblem("\(context()) is missing required field '\(table.fields[position].name)'"))
            }
        }
        if let variantField = table.variantField, valued.contains(variantField),
           case .text(let variant) = table.fields[variantField].value(value) {
            let described = { "\(table.name) of \(table.fields[variantField].name) '\(variant)'" }
            for (position, field) in table.fields.enumerated() {
                guard let variants = field.variants else { continue }
                if variants.contains(variant) {
                    if field.requiredInVariants, !written.contains(position) {
                        problems.append(FieldProblem("\(described()) is missing required field '\(field.name)'"))
                    }
                } else if written.contains(position) {
                    problems.append(FieldProblem("field '\(field.name)' does not apply to \(described().withArticle)", at: field.name))
                }
            }
        }
        return problems + value.problems(written: written)
    }
}

extension String {
    /// "an agreement of type 'dpa'".
    fileprivate var withArticle: String {
        ("aeiou".contains(first ?? "x") ? "an " : "a ") + self
    }
}
