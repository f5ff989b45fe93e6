import FlowGraph
import FlowModel

/// Every field of an entity table as a fact under its YAML name: typed by the field's kind,
/// described by its doc line. A field added to a table is a fact rules can read, with no line
/// written here; `FactTable` adds the graph's facts and replaces a few where the graph knows
/// more (a store's `holds` includes the data flowing into it).
enum FieldFacts {
    /// Not generic over the entity: the compiler merges such closures of every kind into one
    /// that copies the model through its value witnesses.
    static func facts(_ kind: EntityKind) -> [String: FactDefinition] {
        var facts: [String: FactDefinition] = [:]
        for field in ModelSections.of(kind)?.fields.fields ?? [] {
            let value = field.valueAt
            let (type, convert) = conversion(field.kind)
            facts[field.name] = FactDefinition(type: type, help: field.doc) { context, index in
                convert(context, context.graph.model.withEntity(kind, at: index, value))
            }
        }
        return facts
    }

    typealias Conversion = @Sendable (EvaluationContext, FieldValue) -> FactValue

    /// The fact type of a field kind, and how a value of it becomes a fact.
    private static func conversion(_ kind: FieldKind) -> (FactType, Conversion) {
        switch kind {
        case .reference(let kinds) where kinds.count == 1:
            let subject = subjectKind(kinds[0])
            return (.ref(subject), { context, value in
                guard case .text(let id) = value, let ref = context.model.index[id], ref.kind == kinds[0] else { return .absent }
                return .ref(subject, ref.index)
            })
        case .list(.reference(let kinds)) where kinds.count == 1:
            let subject = subjectKind(kinds[0])
            return (.refs(subject), { context, value in
                guard case .texts(let ids) = value else { return .absent }
                return .refs(subject, ids.compactMap { id in
                    context.model.index[id].flatMap { $0.kind == kinds[0] ? $0.index : nil }
                })
            })
        case .list:
            return (.strings, { _, value in
                guard case .texts(let items) = value else { return .absent }
                return .strings(items)
            })
        case .date:
            return (.date, { _, value in
                guard case .date(let date) = value else { return .absent }
                return .date(date)
            })
        case .moment:
            // The calendar day, comparable with `as_of` and other dates; hours come from derived facts.
            return (.date, { _, value in
                guard case .text(let text) = value, let moment = Moment(text) else { return .absent }
                return .date(moment.date)
            })
        case .count:
            return (.number, { _, value in
                guard case .number(let number) = value else { return .absent }
                return .number(Double(number))
            })
        case .flag:
            return (.bool, { _, value in
                guard case .flag(let flag) = value else { return .absent }
                return .bool(flag)
            })
        case .text, .reference, .country, .word, .retention, .category, .object:
            return (.string, { _, value in
                guard case .text(let text) = value else { return .absent }
                return .string(text)
            })
        }
    }

    private static func subjectKind(_ kind: EntityKind) -> SubjectKind {
        switch kind {
        case .organization: .organization
        case .data: .data
        case .activity: .activity
        case .system: .system
        case .store: .store
        case .flow: .flow
        case .agreement: .agreement
        case .incident: .incident
        case .waiver: .waiver
        }
    }
}
