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
            // Each finding is written where it is built, at its depth in the report (root,
            // findings array, item): freeing 20,000 finding trees at the end took 0.1 s on one core.
            "findings": .array(Parallel.mapSlices(report.findings.count, minimumSlice: 2000) { range in
                report.findings[range].map { JSONValue.rendered(finding($0).rendered(indent: 2)) }
            }.flatMap { $0 }),
        ]
        if !report.resolvedBaseline.isEmpty {
            root["resolvedBaseline"] = .array(report.resolvedBaseline.map(JSONValue.string))
        }
        return JSONValue.object(root).renderedDocument()
    }

    /// Members in sorted key order, written out: a report holds tens of thousands of findings.
    static func finding(_ finding: Finding) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember("articles", .array(finding.articles.map(JSONValue.string))),
            JSONMember("baselined", .bool(finding.isBaselined)),
            JSONMember("fingerprint", .string(finding.fingerprint)),
            JSONMember("location", .sorted([
                JSONMember("column", .integer(finding.span.start.column)),
                JSONMember("file", .string(finding.span.file)),
                JSONMember("line", .integer(finding.span.start.line)),
            ])),
            JSONMember("message", .string(finding.message)),
            JSONMember("path", .array(finding.path.map(JSONValue.string))),
            JSONMember("rule", .string(finding.rule)),
            JSONMember("severity", .string(finding.severity.rawValue)),
            JSONMember("subject", .sorted([
                JSONMember("id", .string(finding.subject.id)), JSONMember("key", .string(finding.subject.key)),
                JSONMember("kind", .string(finding.subject.kind)), JSONMember("name", .string(finding.subject.name)),
            ])),
            JSONMember("title", .string(finding.title)),
            JSONMember("waived", .bool(finding.isWaived)),
        ]
        if let acceptance = finding.acceptance, acceptance.kind == .waiver {
            members.append(JSONMember("waiver", .sorted([
                JSONMember("approvedBy", acceptance.approvedBy.map(JSONValue.string) ?? .null),
                JSONMember("expires", acceptance.expires.map { .string($0.description) } ?? .null),
                JSONMember("reason", .string(acceptance.reason)),
            ])))
        }
        return .sorted(members)
    }
}
