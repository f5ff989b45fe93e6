import FlowYAML

/// Flows that name a processing activity are judged by its purpose, legal basis and Art. 9
/// condition (the rules read them there, once), and carry its data when they name none. A flow
/// that names one and also writes its own, or carries data the activity does not process, is an
/// error naming both places. Flows keep what is written in them.
enum ActivityLinks {
    static func apply(to model: inout Model) -> [Diagnostic] {
        guard !model.activities.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for position in model.flows.indices {
            guard let name = model.flows[position].activity,
                  let ref = model.index[name], ref.kind == .activity else { continue }
            let activity = model.activities[ref.index]
            var flow = model.flows[position]
            guard flow.purpose != nil || flow.legalBasis != nil || flow.article9 != nil || flow.data.isEmpty
                || flow.data.contains(where: { !activity.data.contains($0) }) else { continue }
            let defined = "activity '\(activity.id)' (defined at \(activity.origin.span))"
            for (field, written) in [("purpose", flow.purpose != nil), ("legal_basis", flow.legalBasis != nil),
                                     ("article9", flow.article9 != nil)] where written {
                diagnostics.append(Diagnostic(
                    "flow '\(flow.id)' names \(defined) and gives its own '\(field)'; its activity's applies to it, so write it there",
                    at: flow.origin.span(of: field)))
            }
            if flow.data.isEmpty {
                flow.data = activity.data
            } else {
                for data in flow.data where !activity.data.contains(data) {
                    diagnostics.append(Diagnostic(
                        "flow '\(flow.id)' carries data set '\(data)', which its \(defined) does not process (it processes: \(activity.data.joined(separator: ", ")))",
                        at: flow.origin.span(of: "data")))
                }
            }
            model.flows[position] = flow
        }
        return diagnostics
    }
}
