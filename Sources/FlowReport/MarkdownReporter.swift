import FlowModel
import FlowPolicy

/// A compact summary for a pull-request comment or a job summary.
public enum MarkdownReporter {
    public static func render(_ report: AuditReport) -> String {
        var lines = ["## flowaudit", ""]
        lines.append("| severity | findings |")
        lines.append("|---|---:|")
        for severity in Severity.allCases { lines.append("| \(severity.rawValue) | \(report.count(severity)) |") }
        if report.waivedCount > 0 { lines.append("| waived | \(report.waivedCount) |") }
        if report.baselinedCount > 0 { lines.append("| baselined | \(report.baselinedCount) |") }
        lines.append("")
        let active = report.findings.filter(\.isActive)
        if active.isEmpty {
            lines.append("No findings (\(report.rules.count) rules, as of \(report.asOf)).")
        } else {
            let plan = FixPlan(report)
            lines.append("### What to change: \(plan.headline)")
            lines.append("")
            lines.append("| # | change | clears |")
            lines.append("|---:|---|---|")
            for (position, group) in plan.groups.enumerated() {
                lines.append("| \(position + 1) | **\(cell(group.label))**: \(cell(group.changes.joined(separator: "; "))) | \(group.clears) |")
            }
            lines.append("")
            lines.append("| severity | rule | subject | where | finding | fix |")
            lines.append("|---|---|---|---|---|---|")
            for finding in active {
                let path = finding.path.count > 1 ? "<br>path: " + finding.path.joined(separator: " → ") : ""
                let fix = finding.remediation.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                lines.append("| \(finding.severity.rawValue) | `\(finding.rule)` | \(cell(finding.subject.name)) | `\(cell(finding.span.description))` | \(cell(finding.message))\(cell(path)) | \(cell(fix)) |")
            }
            lines.append("")
            lines.append("As of \(report.asOf); \(report.rules.count) rules. `flowaudit explain RULE` for a rule's rationale.")
        }
        let accepted = report.findings.filter { !$0.isActive }
        if !accepted.isEmpty {
            lines.append("")
            lines.append("<details><summary>\(accepted.count) accepted (waived or baselined)</summary>")
            lines.append("")
            for finding in accepted {
                lines.append("- `\(finding.fingerprint)` (\(finding.acceptance?.kind.rawValue ?? "")): \(cell(finding.acceptance?.reason ?? ""))")
            }
            lines.append("")
            lines.append("</details>")
        }
        if !report.resolvedBaseline.isEmpty {
            lines.append("")
            lines.append("Resolved since the baseline: " + report.resolvedBaseline.map { "`\($0)`" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table cells cannot hold `|` or line breaks.
    static func cell(_ text: String) -> String {
        text.replacingAll("|", "\\|").replacingAll("\n", " ")
    }

    /// A cell that also holds no HTML: a model's text must not open a tag in a comment.
    static func textCell(_ text: String) -> String {
        cell(text).replacingAll("<", "&lt;")
    }
}
