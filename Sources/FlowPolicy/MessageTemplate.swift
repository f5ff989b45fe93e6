import FlowGraph
import FlowModel
import FlowYAML

/// `"{name} holds {categories}"`: placeholders are fact paths, resolved when the rule compiles.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case fact(Accessor)
    }

    let parts: [Part]

    /// Nil (with diagnostics) when a placeholder names an unknown fact or is unclosed.
    static func compile(_ source: String, kind: SubjectKind, span: SourceSpan, compiler: inout ConditionCompiler) -> MessageTemplate? {
        var parts: [Part] = []
        var rest = Substring(source)
        var valid = true
        while let open = rest.firstIndex(of: "{") {
            parts.append(.text(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "}") else {
                compiler.decoder.report("unclosed '{' in message", at: span)
                return nil
            }
            let path = String(rest[rest.index(after: open)..<close].filter { $0 != " " })
            if let accessor = compiler.resolve(path, kind: kind, at: span) {
                parts.append(.fact(accessor))
            } else {
                valid = false
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return valid ? MessageTemplate(parts: parts) : nil
    }

    func render(_ context: EvaluationContext, _ index: Int) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .fact(let accessor): Self.describe(accessor.get(context, index), context)
            }
        }.joined()
    }

    static func describe(_ value: FactValue, _ context: EvaluationContext) -> String {
        switch value {
        case .absent: return "undeclared"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): return text
        case .date(let date): return date.description
        case .strings(let items): return items.isEmpty ? "none" : items.joined(separator: ", ")
        case .categories(let set):
            let names = context.graph.categories.names(in: set)
            return names.isEmpty ? "none" : names.joined(separator: ", ")
        case .ref(let kind, let index): return name(kind, index, context)
        case .refs(let kind, let items):
            return items.isEmpty ? "none" : items.map { name(kind, $0, context) }.joined(separator: ", ")
        }
    }

    private static func name(_ kind: SubjectKind, _ index: Int, _ context: EvaluationContext) -> String {
        if case .string(let name) = FactTable.facts(for: kind)["name"]?.get(context, index) { return name }
        return Condition.entityId(kind, index, context) ?? "?"
    }
}
