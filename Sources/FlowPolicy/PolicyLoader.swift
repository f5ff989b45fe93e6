public import FlowModel
public import FlowYAML

/// Loads rule files (one rule per file) and compiles them; problems are diagnostics with
/// `file:line:col`, exactly as for models.
public struct PolicyLoader: Sendable {
    public let categories: CategoryCatalogue
    /// `name=value` overrides of rule parameters (from flags or the config file).
    public let parameterOverrides: [String: String]

    static let fields = [
        "id", "title", "severity", "escalate", "articles", "rationale", "remediation", "for", "when",
        "message", "parameters", "examples", "fix",
    ]
    static let required = ["id", "title", "severity", "articles", "rationale", "remediation", "for", "when", "message", "examples"]

    public init(categories: CategoryCatalogue, parameterOverrides: [String: String] = [:]) {
        self.categories = categories
        self.parameterOverrides = parameterOverrides
    }

    /// Every `*.yaml` rule below the given directories, sorted by id.
    public func load(directories: [String]) throws(DiagnosticList) -> [Rule] {
        let files = try ModelFiles.expand(directories)
        var diagnostics: [Diagnostic] = []
        var rules: [Rule] = []
        for result in ModelFiles.read(files, limits: .default) {
            diagnostics += result.diagnostics
            let documents = result.documents.filter { $0.root.map { !$0.isNull } ?? false }
            if documents.count > 1, let second = documents[1].root {
                diagnostics.append(Diagnostic("a policy file holds one rule; found \(documents.count)", at: second.span))
            }
            guard let root = documents.first?.root else { continue }
            var decoder = NodeDecoder()
            if let rule = compile(root, decoder: &decoder) { rules.append(rule) }
            diagnostics += decoder.diagnostics
        }
        var seen: [String: SourceSpan] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                diagnostics.append(Diagnostic("rule id '\(rule.id)' is defined twice; first at \(first)", at: rule.span))
            }
            seen[rule.id] = rule.span
        }
        let declared = Set(rules.flatMap(\.parameters.keys))
        for name in parameterOverrides.keys.sorted() where !declared.contains(name) {
            diagnostics.append(Diagnostic(
                "no rule declares parameter '\(name)'\(DidYouMean.hint(name, from: declared))", file: "parameters", position: nil))
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics.sorted()) }
        return rules.sorted { $0.id < $1.id }
    }

    func compile(_ root: YAMLNode, decoder: inout NodeDecoder) -> Rule? {
        guard let fields = decoder.fields(of: root, allowed: Self.fields, required: Self.required, context: "rule") else { return nil }
        let id = decoder.string(fields["id"], field: "id") ?? ""
        if !id.isEmpty, !Self.isKebabCase(id) {
            decoder.report("rule id '\(id)' must be kebab-case (lower-case words joined by '-')", at: fields["id"]?.span ?? root.span)
        }
        let severity = severity(fields["severity"], decoder: &decoder) ?? .info
        let kinds = subjectKinds(fields["for"], decoder: &decoder)
        let parameters = parameters(fields["parameters"], decoder: &decoder)

        var typeCheck = parameters
        typeCheck["as_of"] = .date(.epoch) // its type is what matters while compiling
        var compiler = ConditionCompiler(parameters: typeCheck, categories: categories)
        var conditions: [SubjectKind: Check] = [:]
        var messages: [SubjectKind: MessageTemplate] = [:]
        if let when = fields["when"] {
            for (kind, node) in perKind(when, kinds: kinds, field: "when", decoder: &decoder) {
                conditions[kind] = compiler.compile(node, kind: kind).check
            }
        }
        if let message = fields["message"] {
            for (kind, node) in perKind(message, kinds: kinds, field: "message", decoder: &decoder, scalarShared: true) {
                if let text = decoder.string(node, field: "message"),
                   let template = MessageTemplate.compile(text, kind: kind, span: node.span, compiler: &compiler) {
                    messages[kind] = template
                }
            }
        }
        let fix = fields["fix"].flatMap { compileFix($0, kinds: kinds, compiler: &compiler, decoder: &decoder) }
        var escalations: [Rule.Escalation] = []
        for item in fields["escalate"]?.items.map({ $0 }) ?? [] {
            guard let escalation = decoder.fields(of: item, allowed: ["when", "severity"], required: ["when", "severity"], context: "escalation"),
                  let when = escalation["when"], let level = self.severity(escalation["severity"], decoder: &decoder)
            else { continue }
            var perKindConditions: [SubjectKind: Check] = [:]
            for kind in kinds { perKindConditions[kind] = compiler.compile(when, kind: kind).check }
            escalations.append(Rule.Escalation(conditions: perKindConditions, severity: level))
        }
        if let escalate = fields["escalate"], !escalate.isNull { decoder.expect(.sequence, escalate, what: "'escalate'") }
        decoder.append(contentsOf: compiler.decoder.diagnostics)
        let examples = examples(fields["examples"], decoder: &decoder)
        guard !id.isEmpty, !kinds.isEmpty else { return nil }
        return Rule(
            id: id,
            title: decoder.string(fields["title"], field: "title") ?? id,
            severity: severity,
            escalations: escalations,
            articles: decoder.strings(fields["articles"], field: "articles"),
            rationale: Self.trimmed(decoder.string(fields["rationale"], field: "rationale") ?? ""),
            remediation: Self.trimmed(decoder.string(fields["remediation"], field: "remediation") ?? ""),
            fix: fix,
            kinds: kinds, conditions: conditions, messages: messages, coverSlots: compiler.coverSlots,
            parameters: parameters, examples: examples, span: fields["id"]?.span ?? root.span)
    }

    /// Without the line break a folded block (`>`) ends with.
    static func trimmed(_ text: String) -> String {
        String(text.reversed().drop(while: \.isWhitespace).reversed())
    }

    static func isKebabCase(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII }
        }
    }

    private func severity(_ node: YAMLNode?, decoder: inout NodeDecoder) -> Severity? {
        guard let text = decoder.string(node, field: "severity"), let node else { return nil }
        if let severity = Severity(rawValue: text) { return severity }
        let allowed = Severity.allCases.map(\.rawValue)
        decoder.report("invalid severity '\(text)'\(DidYouMean.hint(text, from: allowed)) (allowed: \(allowed.joined(separator: ", ")))", at: node.span)
        return nil
    }

    private func subjectKinds(_ node: YAMLNode?, decoder: inout NodeDecoder) -> [SubjectKind] {
        guard let node else { return [] }
        let names = node.kind == .sequence ? decoder.strings(node, field: "for") : [decoder.string(node, field: "for") ?? ""]
        let allowed = SubjectKind.allCases.map(\.rawValue)
        var kinds: [SubjectKind] = []
        for name in names {
            if let kind = SubjectKind(rawValue: name) {
                kinds.append(kind)
            } else {
                decoder.report("unknown subject kind '\(name)'\(DidYouMean.hint(name, from: allowed)) (allowed: \(allowed.joined(separator: ", ")))", at: node.span)
            }
        }
        return kinds
    }

    /// With one kind the node applies to it; with several it is a map from kind to node
    /// (or, where `scalarShared`, one scalar shared by all kinds).
    /// `fix: {change: TEXT, by: PATH}`: `by` (one path, or one per kind) names a single reference,
    /// the entity whose change clears the finding; absent, the subject itself.
    private func compileFix(
        _ node: YAMLNode, kinds: [SubjectKind], compiler: inout ConditionCompiler, decoder: inout NodeDecoder
    ) -> Rule.Fix? {
        guard let fields = decoder.fields(of: node, allowed: ["change", "by"], required: ["change"], context: "'fix'"),
              let change = decoder.string(fields["change"], field: "change") else { return nil }
        var targets: [SubjectKind: Accessor] = [:]
        if let by = fields["by"] {
            for (kind, path) in perKind(by, kinds: kinds, field: "by", decoder: &decoder, scalarShared: true) {
                guard let text = decoder.string(path, field: "by"),
                      let accessor = compiler.resolve(text, kind: kind, at: path.span) else { continue }
                guard case .ref = accessor.type else {
                    decoder.report("'by' of 'fix' must name a single reference, but '\(text)' is \(accessor.type)", at: path.span)
                    continue
                }
                targets[kind] = accessor
            }
        }
        return Rule.Fix(targets: targets, change: change)
    }

    private func perKind(_ node: YAMLNode, kinds: [SubjectKind], field: String, decoder: inout NodeDecoder,
                         scalarShared: Bool = false) -> [(SubjectKind, YAMLNode)] {
        if kinds.count <= 1 || (scalarShared && node.kind == .scalar) {
            return kinds.map { ($0, node) }
        }
        guard let fields = decoder.fields(
            of: node, allowed: kinds.map(\.rawValue), required: kinds.map(\.rawValue),
            context: "'\(field)' of a rule for several kinds (one entry per kind)")
        else { return [] }
        return kinds.compactMap { kind in fields[kind.rawValue].map { (kind, $0) } }
    }

    /// Declared parameters typed by their default, with overrides applied.
    private func parameters(_ node: YAMLNode?, decoder: inout NodeDecoder) -> [String: FactValue] {
        guard let node, !node.isNull, decoder.expect(.mapping, node, what: "'parameters'") else { return [:] }
        var result: [String: FactValue] = [:]
        for entry in node.entries {
            guard let text = decoder.string(entry.value, field: entry.name) else { continue }
            let value = Self.typedValue(text, plain: entry.value.isPlainScalar)
            if let override = parameterOverrides[entry.name] {
                let overridden = Self.typedValue(override, plain: true)
                if Self.sameType(value, overridden) {
                    result[entry.name] = overridden
                } else {
                    decoder.report("parameter '\(entry.name)' takes a value like '\(text)', not '\(override)'", at: entry.value.span)
                    result[entry.name] = value
                }
            } else {
                result[entry.name] = value
            }
        }
        return result
    }

    static func typedValue(_ text: String, plain: Bool) -> FactValue {
        guard plain else { return .string(text) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let number = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(number) }
        if let date = CivilDate(text) { return .date(date) }
        return .string(text)
    }

    private static func sameType(_ a: FactValue, _ b: FactValue) -> Bool {
        switch (a, b) {
        case (.number, .number), (.bool, .bool), (.date, .date), (.string, .string): true
        default: false
        }
    }

    private func examples(_ node: YAMLNode?, decoder: inout NodeDecoder) -> [Rule.Example] {
        guard let node, let fields = decoder.fields(
            of: node, allowed: ["trigger", "clean"], required: ["trigger", "clean"], context: "'examples'")
        else { return [] }
        var examples: [Rule.Example] = []
        for (name, mustTrigger) in [("trigger", true), ("clean", false)] {
            guard let list = fields[name], decoder.expect(.sequence, list, what: "'\(name)'") else { continue }
            if list.count == 0 { decoder.report("'\(name)' needs at least one example model", at: list.span) }
            for item in list.items {
                if let example = example(item, mustTrigger: mustTrigger, decoder: &decoder) { examples.append(example) }
            }
        }
        return examples
    }

    private func example(_ item: YAMLNode, mustTrigger: Bool, decoder: inout NodeDecoder) -> Rule.Example? {
        guard decoder.expect(.mapping, item, what: "an example") else { return nil }
        guard item["model"] != nil else {
            return Rule.Example(model: item, plan: nil, mustTrigger: mustTrigger, asOf: nil, subjects: nil, severity: nil, span: item.span)
        }
        guard let fields = decoder.fields(
            of: item, allowed: ["model", "terraform_plan", "as_of", "subjects", "severity"], required: ["model"], context: "an example"),
              let model = fields["model"]
        else { return nil }
        return Rule.Example(
            model: model, plan: fields["terraform_plan"], mustTrigger: mustTrigger,
            asOf: decoder.date(fields["as_of"], field: "as_of"),
            subjects: fields["subjects"].map { decoder.strings($0, field: "subjects") },
            severity: severity(fields["severity"], decoder: &decoder),
            span: item.span)
    }
}
