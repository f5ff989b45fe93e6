import FlowGraph
import FlowModel
import FlowYAML

/// `"{name} holds {categories}"`: placeholders are fact paths, resolved when the rule compiles.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        /// A fact, and for references the getter of the referenced kind's `name`: looked up
        /// once here, where each finding's message looked it up in two dictionaries per name.
        case fact(Accessor, names: FactGetter?)
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
                parts.append(.fact(accessor, names: namesGetter(for: accessor.type)))
            } else {
                valid = false
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return valid ? MessageTemplate(parts: parts) : nil
    }

    /// The message for one subject, written into one string.
    func render(_ context: EvaluationContext, _ index: Int) -> String {
        var message = ""
        for part in parts {
            switch part {
            case .text(let text): message += text
            case .fact(let accessor, let names): message += Self.describe(accessor.get(context, index), context, names: names)
            }
        }
        return message
    }

    private static func namesGetter(for type: FactType) -> FactGetter? {
        switch type {
        case .ref(let kind), .refs(let kind): FactTable.facts(for: kind)["name"]?.get
        default: nil
        }
    }

    /// `names`: the `name` getter of the kind a reference value points to.
    static func describe(_ value: FactValue, _ context: EvaluationContext, names: FactGetter?) -> String {
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
        case .ref(let kind, let index): return name(kind, index, context, names)
        case .refs(let kind, let items):
            return items.isEmpty ? "none" : items.map { name(kind, $0, context, names) }.joined(separator: ", ")
        }
    }

    private static func name(_ kind: SubjectKind, _ index: Int, _ context: EvaluationContext, _ names: FactGetter?) -> String {
        if case .string(let name) = names?(context, index) { return name }
        return Condition.entityId(kind, index, context) ?? "?"
    }
}
