import FlowGraph
public import FlowModel
import FlowYAML

/// Runs each rule's `examples`: `trigger` models must produce a finding of the rule (with the
/// listed subjects and severity, when given), `clean` models none.
public enum ExampleRunner {
    /// Examples without `as_of` are judged on this fixed date, so they never change with the calendar.
    public static let defaultAsOf = CivilDate("2026-06-01") ?? .epoch

    public struct Result: Sendable {
        public let rule: String
        public let example: Rule.Example
        /// Nil when the example behaved as declared.
        public let problem: String?

        public var passed: Bool { problem == nil }
    }

    public static func run(rules: [Rule], catalogue: Catalogue) -> [Result] {
        rules.flatMap { rule in
            rule.examples.map { example in
                Result(rule: rule.id, example: example, problem: check(example, of: rule, among: rules, catalogue: catalogue))
            }
        }
    }

    static func check(_ example: Rule.Example, of rule: Rule, among rules: [Rule], catalogue: Catalogue) -> String? {
        let findings: [Finding]
        do {
            var model = try ModelLoader(catalogue: catalogue).load(root: example.model)
            if let plan = example.plan {
                let deployed = try TerraformPlanReader.read(node: plan, file: example.span.file, regions: catalogue.regions)
                model.deployment = try Deployment(model: model, plans: [deployed])
            }
            let graph = try FlowGraph(model: model, asOf: example.asOf ?? defaultAsOf)
            // Waiver rules need the other rules' findings to know which waivers matched.
            findings = Evaluator.evaluate(rules: rule.inspectsWaivers ? rules : [rule], graph: graph)
                .filter { $0.rule == rule.id }
        } catch {
            return "the example model is invalid:\n" + error.description
        }
        guard example.mustTrigger else {
            return findings.isEmpty ? nil : "expected no finding, got: " + findings.map(\.fingerprint).joined(separator: ", ")
        }
        if findings.isEmpty { return "expected a finding, got none" }
        if let subjects = example.subjects, Set(subjects) != Set(findings.map(\.subject.key)) {
            return "expected subjects \(subjects.sorted()), got \(findings.map(\.subject.key).sorted())"
        }
        if let severity = example.severity, let wrong = findings.first(where: { $0.severity != severity }) {
            return "expected severity \(severity.rawValue), got \(wrong.severity.rawValue) for \(wrong.subject.key)"
        }
        return nil
    }
}
