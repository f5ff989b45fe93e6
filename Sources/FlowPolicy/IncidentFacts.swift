import FlowGraph
import FlowModel

/// Facts of a recorded personal data breach: what it exposed and how long notice took (Art. 33, 34).
enum IncidentFacts {
    static let table: [String: FactDefinition] = FieldFacts.facts(.incident).merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.incidents[index].id) },
        "name": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.incidents[index].id) },
        "personal_data": FactDefinition(type: .refs(.data), help: "the personal data it exposed (`data`, else what `affected` holds)") {
            context, index in
            .refs(.data, exposed(context, index))
        },
        "categories": FactDefinition(type: .categories, help: "categories of `personal_data`") { context, index in
            .categories(context.graph.categories(of: exposed(context, index)))
        },
        "records": FactDefinition(type: .number, help: "sum of `records` of `personal_data`") { context, index in
            FactTable.records(context, exposed(context, index))
        },
        "hours_to_authority": FactDefinition(
            type: .number, help: "hours from discovery to the authority's notification (whole days times 24 when a date has no time)"
        ) { context, index in
            hours(context.model.incidents[index], \.notifiedAuthority)
        },
        "hours_to_subjects": FactDefinition(type: .number, help: "hours from discovery to telling the people concerned") { context, index in
            hours(context.model.incidents[index], \.notifiedSubjects)
        },
        "authority_notice": FactDefinition(type: .string, help: "how the authority was told, in words") { context, index in
            .string(notice(context.model.incidents[index], \.notifiedAuthority, none: "the supervisory authority was never notified"))
        },
        "subjects_notice": FactDefinition(type: .string, help: "how the people concerned were told, in words") { context, index in
            .string(notice(context.model.incidents[index], \.notifiedSubjects, none: "the people concerned were never told"))
        },
    ]) { _, new in new }

    /// The declared data, else the personal data at rest in or processed by what it hit (for an
    /// organization, what it controls and what it receives).
    private static func exposed(_ context: EvaluationContext, _ index: Int) -> [Int] {
        let incident = context.model.incidents[index]
        let graph = context.graph
        let data: [Int]
        if incident.data.isEmpty {
            data = incident.affected.compactMap { graph.node($0) }.flatMap { node in
                graph.kind(ofNode: node) == .organization ? graph.controlledData[node] + graph.nodeData[node] : graph.nodeData[node]
            }
        } else {
            data = incident.data.compactMap { id in context.model.index[id].flatMap { $0.kind == .data ? $0.index : nil } }
        }
        return FactTable.personal(context, Array(Set(data)).sorted())
    }

    private static func hours(_ incident: Incident, _ notice: KeyPath<Incident, Moment?>) -> FactValue {
        guard let discovered = incident.discovered, let notified = incident[keyPath: notice] else { return .absent }
        return .number(discovered.hours(until: notified))
    }

    /// "notified 88.7 hours after discovery (2026-09-14T16:20+02:00 to 2026-09-18T09:00+02:00)", in days when a date has no time.
    private static func notice(_ incident: Incident, _ notice: KeyPath<Incident, Moment?>, none: String) -> String {
        guard let discovered = incident.discovered, let notified = incident[keyPath: notice] else { return none }
        let hours = discovered.hours(until: notified)
        let delay = notified.minutes != nil && discovered.minutes != nil ? "\(formatted(hours)) hours" : "\(formatted(hours / 24)) days"
        return "notified \(delay) after discovery (\(discovered) to \(notified))"
    }

    private static func formatted(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
