import FlowModel
import FlowPolicy

/// The human-readable report: findings grouped by severity, each with its place, rule, message,
/// articles, the path the data took and what to do; waived ones last; a summary line.
public enum TextReporter {
    public struct Style: Sendable {
        public var color: Bool
        public init(color: Bool) { self.color = color }
    }

    public static func render(_ report: AuditReport, style: Style = Style(color: false)) -> String {
        var lines = fixes(FixPlan(report))
        for severity in Severity.allCases {
            let group = report.findings.filter { $0.isActive && $0.severity == severity }
            guard !group.isEmpty else { continue }
            lines.append(paint("\(severity.rawValue.uppercased()) (\(group.count))", severity, style))
            for finding in group { lines += describe(finding) }
            lines.append("")
        }
        let waived = report.findings.filter(\.isWaived)
        if !waived.isEmpty {
            lines.append("WAIVED (\(waived.count))")
            for finding in waived { lines += describe(finding) }
            lines.append("")
        }
        // Baselined findings are known and accepted: one line each keeps CI logs readable.
        let baselined = report.findings.filter(\.isBaselined)
        if !baselined.isEmpty {
            lines.append("BASELINED (\(baselined.count))")
            lines += baselined.map { "  \($0.span): \($0.rule) [\($0.severity.rawValue)] \($0.subject.key)" }
            lines.append("")
        }
        if !report.resolvedBaseline.isEmpty {
            lines.append("RESOLVED SINCE THE BASELINE (\(report.resolvedBaseline.count))")
            lines += report.resolvedBaseline.map { "  \($0)" }
            lines.append("")
        }
        lines.append(summary(report))
        if report.findings.contains(where: \.isActive) {
            lines.append("`flowaudit explain RULE` for the rationale")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What to change first: each group's target, what it clears and its changes.
    static func fixes(_ plan: FixPlan) -> [String] {
        guard !plan.groups.isEmpty else { return [] }
        var lines = ["WHAT TO CHANGE: \(plan.headline)"]
        for (position, group) in plan.groups.enumerated() {
            let number = "  \(position + 1). "
            lines.append(number + group.label + " — clears " + group.clears)
            lines += wrapped(group.changes.joined(separator: "; "), first: String(repeating: " ", count: number.count), rest: nil)
        }
        lines.append("")
        return lines
    }

    /// The remediation as `fix:` lines wrapped at `width`, continued under the first word.
    static func fixLines(_ remediation: String, width: Int = 100) -> [String] {
        wrapped(remediation, first: "    fix:", rest: "         ", width: width)
    }

    /// `text` in lines of at most `width` (a longer word stands alone): the first begins with
    /// `first` and a space, the rest with `rest` (default: as many spaces as `first`).
    static func wrapped(_ text: String, first: String, rest: String?, width: Int = 100) -> [String] {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return [] }
        let indent = rest ?? String(repeating: " ", count: first.count)
        var lines: [String] = []
        var current = first
        var empty = true
        for word in words {
            if !empty, current.count + word.count + 1 > width {
                lines.append(current)
                current = indent
                empty = true
            }
            let separator = current.isEmpty || current.hasSuffix(" ") ? "" : " "
            current += separator + word
            empty = false
        }
        lines.append(current)
        return lines
    }

    static func describe(_ finding: Finding) -> [String] {
        var lines = ["  \(finding.span): \(finding.rule) [\(finding.severity.rawValue)]", "    \(finding.message)"]
        if !finding.articles.isEmpty { lines.append("    " + finding.articles.joined(separator: ", ")) }
        if finding.path.count > 1 { lines.append("    path: " + finding.path.joined(separator: " → ")) }
        lines += fixLines(finding.remediation)
        if let acceptance = finding.acceptance {
            switch acceptance.kind {
            case .waiver:
                let until = acceptance.expires.map { " until \($0)" } ?? ""
                lines.append("    waived by \(acceptance.approvedBy ?? "?")\(until): \(acceptance.reason)")
            case .baseline:
                lines.append("    in the baseline")
            }
        }
        return lines
    }

    public static func summary(_ report: AuditReport) -> String {
        let counts = Severity.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        var extras: [String] = []
        if report.waivedCount > 0 { extras.append("\(report.waivedCount) waived") }
        if report.baselinedCount > 0 { extras.append("\(report.baselinedCount) baselined") }
        let accepted = extras.isEmpty ? "" : "; " + extras.joined(separator: ", ")
        let rules = report.rules.count == 1 ? "1 rule" : "\(report.rules.count) rules"
        return "\(counts)\(accepted) (\(rules), as of \(report.asOf))"
    }

    private static func paint(_ text: String, _ severity: Severity, _ style: Style) -> String {
        guard style.color else { return text }
        let code = switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        case .info: "37"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
