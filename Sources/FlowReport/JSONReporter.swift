import FlowModel
import FlowPolicy

/// The JSON report other tools read: sorted keys, stable order, fingerprints without line numbers.
public enum JSONReporter {
    public static func render(_ report: AuditReport) -> String {
        var summary: [String: JSONValue] = [:]
        for severity in Severity.allCases { summary[severity.rawValue] = .integer(report.count(severity)) }
        summary["waived"] = .integer(report.waivedCount)
        summary["baselined"] = .integer(report.baselinedCount)
        var root: [String: JSONValue] = [
            "tool": .object(["name": .string(AuditReport.toolName), "version": .string(report.version)]),
            "asOf": .string(report.asOf.description),
            "summary": .object(summary),
            "findings": .array(report.findings.map(finding)),
        ]
        if !report.resolvedBaseline.isEmpty {
            root["resolvedBaseline"] = .array(report.resolvedBaseline.map(JSONValue.string))
        }
        return JSONValue.object(root).rendered() + "\n"
    }

    static func finding(_ finding: Finding) -> JSONValue {
        var object: [String: JSONValue] = [
            "rule": .string(finding.rule),
            "severity": .string(finding.severity.rawValue),
            "title": .string(finding.title),
            "message": .string(finding.message),
            "subject": .object([
                "kind": .string(finding.subject.kind), "id": .string(finding.subject.id),
                "name": .string(finding.subject.name), "key": .string(finding.subject.key),
            ]),
            "location": .object([
                "file": .string(finding.span.file), "line": .integer(finding.span.start.line),
                "column": .integer(finding.span.start.column),
            ]),
            "articles": .array(finding.articles.map(JSONValue.string)),
            "path": .array(finding.path.map(JSONValue.string)),
            "fingerprint": .string(finding.fingerprint),
            "waived": .bool(finding.isWaived),
            "baselined": .bool(finding.isBaselined),
        ]
        if let acceptance = finding.acceptance, acceptance.kind == .waiver {
            object["waiver"] = .object([
                "reason": .string(acceptance.reason),
                "approvedBy": acceptance.approvedBy.map(JSONValue.string) ?? .null,
                "expires": acceptance.expires.map { .string($0.description) } ?? .null,
            ])
        }
        return .object(object)
    }
}
