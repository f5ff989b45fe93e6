import FlowYAML

/// An entity of a model section, read by its field table on both read paths.
package protocol ModelEntity: TableDecodable, Equatable {
    static var kind: EntityKind { get }
    /// Nothing read yet: `id` is the key of a keyed section's entry, "" in a list.
    init(id: String, origin: EntityOrigin)
    var id: String { get }
    var origin: EntityOrigin { get set }
    /// Adds the entity, once read, to a part (generating its id where none is written).
    static func add(_ entity: consuming Self, to part: inout ModelPart)
}

extension ModelEntity {
    /// The model's entities of this kind.
    package static func all(in model: Model) -> [Self] {
        fields.list?(model) ?? []
    }
}

extension FieldTable {
    /// The position of the field `name` (a programming error when there is none).
    package func position(of name: String) -> Int {
        guard let position = fields.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(self.name) has no field '\(name)'")
        }
        return position
    }
}
