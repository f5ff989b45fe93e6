import FlowYAML

/// An entity kind's fields, in the order the docs list them.
package struct FieldTable<Entity: TableDecodable>: Sendable {
    package let name: String
    package let doc: String
    package let fields: [FieldSpec<Entity>]
    /// The names laid out for matching keys' bytes.
    let names: KeyNames
    let required: FieldMask
    /// The field whose word decides which others apply (an agreement's `type`).
    let variantField: Int?
    /// The table erased to the entity's address, shared by the readers of one thread at a time
    /// (see `makeErased`).
    let erased: ErasedFields
    /// Where a model keeps entities of this kind (nil for maps nested in one).
    let list: (@Sendable (Model) -> [Entity])?

    /// At most `FieldMask.capacity` fields (a programming limit, not one of input).
    package init(
        _ name: String, doc: String, in list: (@Sendable (Model) -> [Entity])? = nil, variantField: String? = nil,
        _ fields: [FieldSpec<Entity>]
    ) {
        precondition(fields.count <= FieldMask.capacity, "\(name): more fields than a FieldMask holds")
        self.name = name
        self.doc = doc
        self.fields = fields
        names = KeyNames(fields.map(\.name))
        required = FieldMask(fields.indices.filter { fields[$0].required })
        let variantPosition = variantField.flatMap { variant in fields.firstIndex { $0.name == variant } }
        self.variantField = variantPosition
        erased = ErasedFields(fields, name: name, required: required, variantField: variantPosition)
        self.list = list
    }

    /// The table erased anew, with closures of its own: a reader on one core calls them for every
    /// value, and the reference counts of closures every core shares bounce between the cores'
    /// caches.
    func makeErased() -> ErasedFields {
        ErasedFields(fields, name: name, required: required, variantField: variantField)
    }

    package var description: FieldTableDescription {
        FieldTableDescription(name: name, doc: doc, fields: fields.map(\.description),
                              variantField: variantField.map { fields[$0].name })
    }
}

/// A table without its entity type: for the schema, the docs and did-you-mean.
package struct FieldTableDescription: Sendable {
    package let name: String
    package let doc: String
    package let fields: [FieldDescription]
    package let variantField: String?
}

package struct FieldDescription: Sendable {
    package let name: String
    package let kind: FieldKind
    package let required: Bool
    package let doc: String
    package let variants: [String]?
    package let requiredInVariants: Bool
    /// The field's value, of an entity at an address (see `Model.withEntity`).
    package let valueAt: @Sendable (UnsafeRawPointer) -> FieldValue
}

/// Fields by their position in a table, as bits.
package struct FieldMask: Sendable, Hashable {
    package static let capacity = 64
    package private(set) var bits: UInt64 = 0

    package init() {}

    init(_ positions: [Int]) {
        for position in positions { insert(position) }
    }

    @inline(__always) package func contains(_ position: Int) -> Bool { bits & (1 << UInt64(position)) != 0 }
    @inline(__always) mutating func insert(_ position: Int) { bits |= 1 << UInt64(position) }
    @inline(__always) func isSuperset(of other: FieldMask) -> Bool { bits & other.bits == other.bits }
}

/// A problem found across an entity's fields once all are read; `field` names where it is
/// shown (nil: the entity itself).
package struct FieldProblem: Sendable, Hashable {
    package let message: String
    package let field: String?

    package init(_ message: String, at field: String? = nil) {
        self.message = message
        self.field = field
    }
}

/// A value read from a map by a field table.
package protocol TableDecodable: Sendable {
    static var fields: FieldTable<Self> { get }
    /// Checks across fields, written once for both read paths.
    func problems(written: FieldMask) -> [FieldProblem]
}

extension TableDecodable {
    package func problems(written: FieldMask) -> [FieldProblem] { [] }
}

/// A value with nothing read yet, for maps nested in an entity (an adequacy decision).
package protocol BlankDecodable: TableDecodable {
    init()
}
