import FlowModel
import FlowPolicy

/// GitHub Actions workflow commands, so findings annotate the pull request. GitHub shows at most
/// ten annotations of each kind (error, warning, notice) per step and drops the rest, so the
/// most severe ten of each are written, then a line with the totals; the whole list belongs in
/// the job's step summary (`MarkdownReporter`, written where `GITHUB_STEP_SUMMARY` points).
public enum GitHubReporter {
    /// Annotations of one kind GitHub shows for a step.
    public static let annotationsPerKind = 10

    /// Files are named relative to `root`, as GitHub resolves them against the repository's.
    public static func render(_ report: AuditReport, root: SourceRoot) -> String {
        var lines: [String] = []
        var written: [String: Int] = [:]
        var left = 0
        // Report order is most severe first.
        for finding in report.findings where finding.isActive {
            let command = switch finding.severity {
            case .critical, .high: "error"
            case .medium: "warning"
            case .low, .info: "notice"
            }
            guard written[command, default: 0] < annotationsPerKind else {
                left += 1
                continue
            }
            written[command, default: 0] += 1
            var message = "[\(finding.severity.rawValue)] \(finding.message)"
            if !finding.articles.isEmpty { message += "\n" + finding.articles.joined(separator: ", ") }
            if finding.path.count > 1 { message += "\npath: " + finding.path.joined(separator: " → ") }
            let properties = [
                "file=\(property(root.relativePath(finding.span.file) ?? root.absolutePath(finding.span.file)))",
                "line=\(finding.span.start.line)",
                "col=\(finding.span.start.column)",
                "endLine=\(finding.span.lastLine)",
                "title=\(property(finding.rule))",
            ]
            lines.append("::\(command) \(properties.joined(separator: ","))::\(data(message))")
        }
        if left > 0 {
            let noun = left == 1 ? "finding" : "findings"
            lines.append("flowaudit: \(left) more \(noun) not annotated (GitHub shows \(annotationsPerKind) of each kind per step); every finding is in the step summary")
        }
        lines.append("flowaudit: " + TextReporter.summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escaping of the message part of a workflow command.
    static func data(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    /// Escaping of a property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
