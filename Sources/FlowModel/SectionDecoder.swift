import FlowYAML

/// Decodes the sections of one document into a `ModelPart`, each entity by its field table.
struct SectionDecoder {
    var part = ModelPart()
    var decoder = NodeDecoder()
    /// Whether entities keep their YAML node (see `EntityOrigin.node`).
    var keepsNodes = true

    /// Decodes one document; `continuedSection` (a chunk's) names the key the reader added.
    static func decode(_ document: YAMLDocument) -> ModelPart {
        decode(document, keepingNodes: true)
    }

    static func decode(_ document: YAMLDocument, keepingNodes: Bool) -> ModelPart {
        var decoder = SectionDecoder()
        decoder.keepsNodes = keepingNodes
        if let root = document.root { decoder.add(root: root, continuedSection: document.continuedSection) }
        decoder.part.diagnostics = decoder.decoder.diagnostics
        return decoder.part
    }

    static func decode(root: YAMLNode) -> ModelPart {
        var decoder = SectionDecoder()
        decoder.add(root: root, continuedSection: nil)
        decoder.part.diagnostics = decoder.decoder.diagnostics
        return decoder.part
    }

    private mutating func add(root: YAMLNode, continuedSection: String?) {
        guard !root.isNull else { return }
        guard decoder.expect(.mapping, root, what: "a model document") else { return }
        for (position, entry) in root.entries.enumerated() {
            if position > 0 || continuedSection == nil {
                part.sectionKeys.append((entry.name, entry.key.span))
            }
            guard let section = ModelSections.named(entry.name) else {
                let names = ModelSections.names
                decoder.report(
                    "unknown section '\(entry.name)'\(DidYouMean.hint(entry.name, from: names)) (sections: \(names.joined(separator: ", ")))",
                    at: entry.key.span)
                continue
            }
            section.decodeNodes(entry.value, &self)
        }
    }

    /// A section of entities, each read by its table; a null section is empty.
    mutating func decodeEntities<Entity: ModelEntity>(
        _: Entity.Type, _ node: YAMLNode, section: String, layout: ModelSection.Layout
    ) {
        if node.isNull { return }
        switch layout {
        case .keyed:
            guard decoder.expect(.mapping, node, what: "'\(section)'") else { return }
            for entry in node.entries {
                decodeEntity(Entity.self, entry.value, id: entry.name, key: entry.key.span)
            }
        case .list:
            guard decoder.expect(.sequence, node, what: "'\(section)'") else { return }
            for item in node.items { decodeEntity(Entity.self, item, id: "", key: nil) }
        case .descriptions:
            // Entities are maps or lists of maps; text entries are read by their own section.
            return
        }
    }

    private mutating func decodeEntity<Entity: ModelEntity>(_: Entity.Type, _ node: YAMLNode, id: String, key: SourceSpan?) {
        var entity = Entity(id: id, origin: EntityOrigin(span: key ?? node.span, node: keepsNodes ? node : nil))
        let context = key == nil ? Entity.fields.name : "\(Entity.fields.name) '\(id)'"
        guard decoder.read(node, into: &entity, context: context, requiredAt: key) != nil else { return }
        Entity.add(entity, to: &part)
    }

    /// Declared categories join the catalogue once the whole model is read (see `ModelAssembler`).
    mutating func keepCategories(_ node: YAMLNode) {
        if node.isNull { return }
        guard decoder.expect(.mapping, node, what: "'categories'") else { return }
        for entry in node.entries {
            guard let description = decoder.string(entry.value, field: entry.name) else { continue }
            part.categories.append((entry.name, description, entry.key.span))
        }
    }

    /// Jurisdictions apply to the catalogue once the whole model is read (see `ModelAssembler`).
    mutating func keepJurisdictions(_ node: YAMLNode) {
        if node.isNull { return }
        guard decoder.expect(.mapping, node, what: "'jurisdictions'") else { return }
        part.jurisdictions += node.entries.map { ($0.name, $0.value, $0.key.span) }
    }
}
