public import FlowModel
public import FlowYAML

/// A compiled rule: a YAML file of `Policies/` or a user's policy folder.
public struct Rule: Sendable {
    public struct Escalation: Sendable {
        let conditions: [SubjectKind: Check]
        public let severity: Severity
    }

    /// What one change clears: the entity that must change (a reference fact per kind; the
    /// subject itself where none), and the change, in words.
    public struct Fix: Sendable {
        let targets: [SubjectKind: Accessor]
        public let change: String
    }

    /// A model that must (or must not) trigger the rule: the examples are the rule's tests.
    public struct Example: Sendable {
        package let model: YAMLNode
        /// A Terraform plan deployed with the model (`terraform_plan`, its JSON written as YAML).
        package let plan: YAMLNode?
        public let mustTrigger: Bool
        public let asOf: CivilDate?
        /// Subject keys the rule must report, exactly (when given).
        public let subjects: [String]?
        /// The severity every finding must have (when given).
        public let severity: Severity?
        public let span: SourceSpan
    }

    public let id: String
    public let title: String
    public let severity: Severity
    public let escalations: [Escalation]
    /// As written: `5(1)(f)`; see `citations` for display.
    public let articles: [String]
    public let rationale: String
    public let remediation: String
    /// Nil for a rule that does not say (its findings each stand alone, changed as its title says).
    public let fix: Fix?
    public let kinds: [SubjectKind]
    let conditions: [SubjectKind: Check]
    let messages: [SubjectKind: MessageTemplate]
    let coverSlots: [[String]]
    public let parameters: [String: FactValue]
    public let examples: [Example]
    public let span: SourceSpan

    public var file: String { span.file }

    /// `GDPR Art. 32(1)(a)` for each article.
    public var citations: [String] { articles.map { "GDPR Art. \($0)" } }

    /// Waiver rules run after the others: they look at which findings waivers matched.
    public var inspectsWaivers: Bool { kinds.contains(.waiver) }

    /// The severity for one subject after escalations.
    func severity(_ context: EvaluationContext, _ index: Int, kind: SubjectKind) -> Severity {
        for escalation in escalations where escalation.conditions[kind]?(context, index) == true {
            return escalation.severity
        }
        return severity
    }

    func message(_ context: EvaluationContext, _ index: Int, kind: SubjectKind) -> String {
        messages[kind]?.render(context, index) ?? title
    }
}
