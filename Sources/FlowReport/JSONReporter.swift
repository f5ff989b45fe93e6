import FlowModel
import FlowPolicy
import FlowRuntime

/// The JSON report other tools read: sorted keys, stable order, fingerprints without line numbers.
public enum JSONReporter {
    public static func render(_ report: AuditReport) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    /// The report as UTF-8 bytes (see `JSONValue.renderedDocumentBytes`).
    public static func renderBytes(_ report: AuditReport) -> [UInt8] {
        renderChunks(report).joined
    }

    /// The report's bytes in the pieces they are written in (see `JSONValue.renderedDocumentChunks`).
    package static func renderChunks(_ report: AuditReport) -> ReportChunks {
        var summary: [String: JSONValue] = [:]
        for severity in Severity.allCases { summary[severity.rawValue] = .integer(report.count(severity)) }
        summary["waived"] = .integer(report.waivedCount)
        summary["baselined"] = .integer(report.baselinedCount)
        var root: [String: JSONValue] = [
            "tool": .object(["name": .string(AuditReport.toolName), "version": .string(report.version)]),
            "asOf": .string(report.asOf.description),
            "summary": .object(summary),
            // Findings are written as bytes, a slice on each core into one buffer, at their depth
            // in the report (root, findings array, item), as the writer reaches them.
            "findings": .lazyItems(ItemSlices(Parallel.slices(report.findings.count, minimumSlice: 2000)) { range in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(range.count * 1024)
                for index in range {
                    JSONValue.writeIndentation(2, to: &bytes)
                    finding(report.findings[index], level: 2, into: &bytes)
                    JSONValue.endItem(isLast: index == report.findings.count - 1, to: &bytes)
                }
                return bytes
            }),
        ]
        // The changes that clear the findings, as the text report lists them first; written as
        // the findings are, a slice on each core, as the writer reaches them.
        let plan = FixPlan(report)
        root["fixes"] = .lazyItems(ItemSlices(Parallel.slices(plan.groups.count, minimumSlice: 2000)) { range in
            var bytes: [UInt8] = []
            for index in range {
                JSONValue.writeIndentation(2, to: &bytes)
                fix(plan.groups[index], findings: report.findings, level: 2, into: &bytes)
                JSONValue.endItem(isLast: index == plan.groups.count - 1, to: &bytes)
            }
            return bytes
        })
        // Each rule's title, articles and remediation once, by id: findings name their rule.
        root["rules"] = .object(Dictionary(report.rules.map { rule in
            (rule.id, JSONValue.object([
                "title": .string(rule.title), "severity": .string(rule.severity.rawValue),
                "articles": .array(rule.citations.map(JSONValue.string)), "remediation": .string(rule.remediation),
            ]))
        }) { first, _ in first })
        if !report.resolvedBaseline.isEmpty {
            root["resolvedBaseline"] = .array(report.resolvedBaseline.map(JSONValue.string))
        }
        return JSONValue.object(root).renderedDocumentChunks()
    }

    /// One finding as JSON at nesting level `level` of its document, members in sorted key order,
    /// written straight to bytes: a report holds tens of thousands of findings.
    static func finding(_ finding: Finding, level: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        Self.finding(finding, level: level, into: &bytes)
        return bytes
    }

    /// Writes one change of the fix plan after what `bytes` holds.
    static func fix(_ group: FixPlan.Group, findings: [Finding], level: Int, into bytes: inout [UInt8]) {
        var json = JSONWriter(level: level, capacity: 0)
        json.swapBytes(with: &bytes)
        defer { json.swapBytes(with: &bytes) }
        json.openObject()
        json.key("changes")
        json.strings(group.changes)
        json.key("clears")
        json.openObject()
        for severity in Severity.allCases where group.count(severity) > 0 {
            json.key(severity.rawValue)
            json.integer(group.count(severity))
        }
        json.closeObject()
        json.key("findings")
        json.strings(group.findings.map { findings[$0].fingerprint })
        json.key("target")
        json.openObject()
        json.member("id", group.target.id)
        json.member("key", group.target.key)
        json.member("kind", group.target.kind)
        json.member("name", group.target.name)
        json.closeObject()
        json.closeObject()
    }

    /// Writes the finding after what `bytes` holds.
    static func finding(_ finding: Finding, level: Int, into bytes: inout [UInt8]) {
        var json = JSONWriter(level: level, capacity: 0)
        json.swapBytes(with: &bytes)
        defer { json.swapBytes(with: &bytes) }
        json.openObject()
        json.key("articles")
        json.strings(finding.articles)
        json.key("baselined")
        json.bool(finding.isBaselined)
        json.member("fingerprint", finding.fingerprint)
        json.key("location")
        json.openObject()
        json.key("column")
        json.integer(finding.span.start.column)
        json.member("file", finding.span.file)
        json.key("line")
        json.integer(finding.span.start.line)
        json.closeObject()
        json.member("message", finding.message)
        json.key("path")
        json.strings(finding.path)
        json.member("rule", finding.rule)
        json.member("severity", finding.severity.rawValue)
        json.key("subject")
        json.openObject()
        json.member("id", finding.subject.id)
        json.member("key", finding.subject.key)
        json.member("kind", finding.subject.kind)
        json.member("name", finding.subject.name)
        json.closeObject()
        json.member("title", finding.title)
        json.key("waived")
        json.bool(finding.isWaived)
        if let acceptance = finding.acceptance, acceptance.kind == .waiver {
            json.key("waiver")
            json.openObject()
            json.key("approvedBy")
            if let approvedBy = acceptance.approvedBy { json.string(approvedBy) } else { json.null() }
            json.key("expires")
            if let expires = acceptance.expires { json.string(expires.description) } else { json.null() }
            json.member("reason", acceptance.reason)
            json.closeObject()
        }
        json.closeObject()
    }
}
