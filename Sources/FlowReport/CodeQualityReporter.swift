import FlowPolicy

/// GitLab's Code Quality report (a subset of Code Climate's issue format), for
/// `artifacts: reports: codequality`: GitLab shows each finding in the merge request's widget and
/// beside the changed line, on every tier. Waived and baselined findings are left out, as in SARIF.
public enum CodeQualityReporter {
    public static func render(_ report: AuditReport, root: SourceRoot) -> String {
        let issues = report.findings.filter(\.isActive).map { finding -> JSONValue in
            var lines: [String: JSONValue] = ["begin": .integer(finding.span.start.line)]
            if finding.span.lastLine > finding.span.start.line { lines["end"] = .integer(finding.span.lastLine) }
            var description = finding.message
            if finding.path.count > 1 { description += " (path: " + finding.path.joined(separator: " → ") + ")" }
            return .object([
                "type": .string("issue"),
                "check_name": .string(finding.rule),
                "description": .string(description),
                "categories": .array([.string("Security")]),
                // GitLab tells new findings from old by this: the stable `rule@subject`, never a line.
                "fingerprint": .string(finding.fingerprint),
                "severity": .string(severity(finding.severity)),
                "location": .object([
                    "path": .string(root.relativePath(finding.span.file) ?? root.absolutePath(finding.span.file)),
                    "lines": .object(lines),
                ]),
            ])
        }
        return JSONValue.array(issues).renderedDocument()
    }

    /// GitLab's five levels, one for each of ours, in the same order.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "blocker"
        case .high: "critical"
        case .medium: "major"
        case .low: "minor"
        case .info: "info"
        }
    }
}
