import FlowModel
import FlowPolicy
import FlowReport

/// `flowaudit explain`: the rule as a DPO reads it.
enum RuleExplainer {
    static func explain(_ rule: Rule) -> String {
        var lines = [
            "\(rule.id): \(rule.title)",
            "severity: \(rule.severity.rawValue)" + rule.escalations.map { " (\($0.severity.rawValue) when it escalates)" }.joined(),
            "inspects: \(rule.kinds.map(\.rawValue).joined(separator: ", "))",
        ]
        if !rule.articles.isEmpty { lines.append("articles: " + rule.citations.joined(separator: ", ")) }
        if !rule.parameters.isEmpty {
            lines.append("parameters: " + rule.parameters.keys.sorted().map { "\($0) (--param \($0)=…)" }.joined(separator: ", "))
        }
        lines += ["", "Why:", wrap(rule.rationale), "", "What to do:", wrap(rule.remediation)]
        if let example = rule.examples.first(where: \.mustTrigger) {
            lines += ["", "A model that triggers it (\(example.model.span)):"]
            lines += excerpt(example)
        }
        // What the remediation looks like once done.
        if let example = rule.examples.first(where: { !$0.mustTrigger }) {
            lines += ["", "A model that passes (\(example.model.span)):"]
            lines += excerpt(example)
        }
        lines.append("")
        lines.append("Defined in \(rule.span).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The example's model, and the Terraform plan deployed with it when it has one.
    private static func excerpt(_ example: Rule.Example) -> [String] {
        var lines = SourceExcerpt.lines(of: example.model.span).map { "  " + $0 }
        if let plan = example.plan {
            lines += ["  deployed as (terraform_plan, \(plan.span)):"] + SourceExcerpt.lines(of: plan.span).map { "    " + $0 }
        }
        return lines
    }

    private static func wrap(_ text: String, width: Int = 96) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if current.count + word.count + 1 > width, !current.isEmpty {
                lines.append("  " + current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append("  " + current) }
        return lines.joined(separator: "\n")
    }
}
