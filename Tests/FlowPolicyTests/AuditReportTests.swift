import Testing
import FlowModel
import FlowGraph
import FlowYAML
@testable import FlowPolicy
@testable import FlowReport

@Suite struct AuditReportTests {
    static func accepted(_ finding: Finding, _ kind: Finding.Acceptance.Kind) -> Finding {
        var accepted = finding
        accepted.acceptance = Finding.Acceptance(kind: kind, reason: "r", approvedBy: nil, expires: nil, span: nil)
        return accepted
    }

    /// Counts are taken once at construction; they must equal counting the findings one by one.
    @Test func countsEqualCountingEachFinding() {
        var findings: [Finding] = []
        for (index, severity) in [Severity.critical, .high, .high, .medium, .low, .info, .info, .info].enumerated() {
            let finding = ReportOrderTests.finding(severity, "m.yaml", index + 1, 1, rule: "r", key: "s\(index)")
            findings.append(finding)
            if index % 3 == 0 { findings.append(Self.accepted(finding, .waiver)) }
            if index % 4 == 1 { findings.append(Self.accepted(finding, .baseline)) }
        }
        let report = AuditReport(version: "0", asOf: .epoch, findings: findings, rules: [])
        for severity in Severity.allCases {
            #expect(report.count(severity) == findings.filter { $0.isActive && $0.severity == severity }.count)
        }
        #expect(report.count(.info) == 3)
        #expect(report.waivedCount == 3)
        #expect(report.baselinedCount == 2)
    }

    /// Only active findings fail a run; accepted ones at any severity never do.
    @Test func failsOnlyOnActiveFindingsAtOrAboveTheThreshold() {
        let medium = ReportOrderTests.finding(.medium, "m.yaml", 1, 1, rule: "r", key: "a")
        let waivedCritical = Self.accepted(ReportOrderTests.finding(.critical, "m.yaml", 2, 1, rule: "r", key: "b"), .waiver)
        let report = AuditReport(version: "0", asOf: .epoch, findings: [medium, waivedCritical], rules: [])
        #expect(report.fails(at: .low))
        #expect(report.fails(at: .medium))
        #expect(!report.fails(at: .high))
        #expect(!report.fails(at: .critical))
        #expect(!report.fails(at: nil))
        #expect(!AuditReport(version: "0", asOf: .epoch, findings: [], rules: []).fails(at: .info))
    }
}

@Suite struct ReportBytesTests {
    /// Reports written as bytes are exactly the text reports' bytes, in every format.
    @Test(arguments: ReportFormat.allCases.filter { $0 != .html })
    func bytesEqualTheText(_ format: ReportFormat) throws {
        let model = try Builtin.model(FlowEdgeTests.text)
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        let findings = Evaluator.evaluate(rules: Builtin.rules, graph: graph)
        #expect(!findings.isEmpty)
        let report = AuditReport(version: "0", asOf: Builtin.asOf, findings: findings, rules: Builtin.rules)
        let text = format.render(report, graph: graph, workingDirectory: "/", color: false)
        #expect(format.renderBytes(report, graph: graph, workingDirectory: "/", color: false) == Array(text.utf8))
    }
}
