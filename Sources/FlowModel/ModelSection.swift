import FlowYAML

/// A top-level section of a model, described once: both read paths, the schema and the docs
/// take it from here.
package struct ModelSection: Sendable {
    package enum Layout: Sendable {
        /// A map from id to entry (`stores:`).
        case keyed
        /// A list of entries (`flows:`).
        case list
        /// A map from key to a line of text (`categories:`).
        case descriptions
    }

    package let name: String
    /// The kind of entity of its entries (none for jurisdictions, which amend the catalogue).
    package let kind: EntityKind?
    package let layout: Layout
    package let doc: String
    package let fields: FieldTableDescription
    /// Whether a large file may be cut inside it: its entries are independent, and a duplicate
    /// among them is reported by the model (jurisdictions would silently merge instead).
    package let splittable: Bool
    /// The section's entries in a model, each field's value as read (absent ones included).
    package let entries: @Sendable (Model) -> [SectionEntry]
    /// Decodes the section's value into the decoder's part.
    let decodeNodes: @Sendable (YAMLNode, inout SectionDecoder) -> Void
    /// Decodes a chunk continuing the section from its parse events; nil when the chunk is to be
    /// read into nodes (see `SectionEventDecoder`).
    let decodeEvents: @Sendable (YAMLSource, YAMLChunk, YAMLReader) -> [ModelPart]?

    static func entities<Entity: ModelEntity>(
        _: Entity.Type, _ name: String, _ layout: Layout, doc: String
    ) -> ModelSection {
        ModelSection(
            name: name, kind: Entity.kind, layout: layout, doc: doc, fields: Entity.fields.description, splittable: true,
            entries: { model in
                Entity.all(in: model).map { entity in
                    SectionEntry(id: entity.id,
                                 fields: Entity.fields.fields.map { ($0.name, $0.value(entity)) })
                }
            },
            decodeNodes: { node, decoder in decoder.decodeEntities(Entity.self, node, section: name, layout: layout) },
            decodeEvents: { source, chunk, reader in
                SectionEventDecoder<Entity>.decode(source, chunk: chunk, reader: reader, section: name, layout: layout)
            })
    }
}

/// One entry of a section as read: its id and its fields' values in the table's order.
package struct SectionEntry: Sendable, Hashable {
    package let id: String
    package let fields: [Field]

    package struct Field: Sendable, Hashable {
        package let name: String
        package let value: FieldValue
    }

    init(id: String, fields: [(String, FieldValue)]) {
        self.id = id
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }
}

package enum ModelSections {
    package static let all: [ModelSection] = [
        .entities(Organization.self, "organizations", .keyed, doc: "Organizations by id"),
        .entities(DataSet.self, "data", .keyed, doc: "Data sets by id"),
        .entities(ProcessingActivity.self, "activities", .keyed, doc: "Processing activities by id (Art. 30(1))"),
        .entities(ProcessingSystem.self, "systems", .keyed, doc: "Processing systems by id (no data at rest)"),
        .entities(Store.self, "stores", .keyed, doc: "Stores by id (data at rest)"),
        .entities(Flow.self, "flows", .list, doc: "Data flows"),
        .entities(Agreement.self, "agreements", .list, doc: "Agreements"),
        .entities(Incident.self, "incidents", .list, doc: "Personal data breaches: the register of Art. 33(5)"),
        ModelSection(
            name: "jurisdictions", kind: nil, layout: .keyed,
            doc: "Overrides or extensions of the jurisdiction catalogue, by ISO 3166-1 alpha-2 code",
            fields: Jurisdiction.fields.description, splittable: false, entries: { _ in [] },
            decodeNodes: { node, decoder in decoder.keepJurisdictions(node) }, decodeEvents: { _, _, _ in nil }),
        ModelSection(
            name: "categories", kind: nil, layout: .descriptions,
            doc: "Data categories below the built-in ones (`special.health.mental: Mental health`), each with its description",
            fields: FieldTableDescription(name: "category", doc: "A data category's description", fields: [], variantField: nil),
            splittable: false, entries: { _ in [] },
            decodeNodes: { node, decoder in decoder.keepCategories(node) }, decodeEvents: { _, _, _ in nil }),
        .entities(Waiver.self, "waivers", .list, doc: "Accepted findings"),
    ]

    package static let names = all.map(\.name)
    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    package static func named(_ name: String) -> ModelSection? { byName[name] }

    /// The section of a kind of entity.
    package static func of(_ kind: EntityKind) -> ModelSection? { all.first { $0.kind == kind } }

    /// Sections a large file may be cut inside.
    static let splittable = Set(all.filter(\.splittable).map(\.name))
}
