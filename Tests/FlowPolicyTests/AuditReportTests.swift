import Foundation
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
        let model = try Builtin.model(MapOrderTests.model(processors: ["p1", "p2"]))
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        let findings = Evaluator.evaluate(rules: Builtin.rules, graph: graph)
        #expect(!findings.isEmpty)
        let report = AuditReport(version: "0", asOf: Builtin.asOf, findings: findings, rules: Builtin.rules)
        let text = format.render(report, graph: graph, root: SourceRoot(path: "/", workingDirectory: "/"), color: false, failThreshold: .high)
        #expect(format.renderBytes(report, graph: graph, root: SourceRoot(path: "/", workingDirectory: "/"), color: false, failThreshold: .high) == Array(text.utf8))
    }
}

@Suite struct ChunkedReportTests {
    /// A national report's findings are written slice by slice and go out uncopied; the
    /// document is whole, valid JSON in report order.
    @Test func largeReportsGoOutInChunks() throws {
        let findings = (0..<5000).map { ReportOrderTests.finding(.high, "m.yaml", $0 + 1, 1, rule: "r", key: "s\($0)") }
        let report = AuditReport(version: "0", asOf: .epoch, findings: findings, rules: [])
        let chunks = JSONReporter.renderChunks(report).written
        #expect(chunks.count > 3)
        let bytes = Array(chunks.joined())
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let written = try #require(parsed["findings"] as? [[String: Any]])
        #expect(written.count == 5000)
        #expect(written.map { $0["fingerprint"] as? String } == report.findings.map(\.fingerprint))
        #expect(bytes.last == UInt8(ascii: "\n"))
        let sarif = SARIFReporter.renderChunks(report, root: SourceRoot(path: "/", workingDirectory: "/")).written
        #expect(sarif.count > 3)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(Array(sarif.joined()))) as? [String: Any])
        #expect(((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count == 5000)
    }
}

@Suite struct OutputWriterTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func chunksAreWrittenInOrderAndReplaceAnOldReport() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("results.json").path
        let pieces = [Array("a".utf8), [], Array("bc\n".utf8)]
        try OutputWriter.write(chunks: JSONValue.lazyItems(ItemSlices([0..<1, 1..<2, 2..<3]) { pieces[$0.lowerBound] }).renderedDocumentChunks(), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[\nabc\n]\n")
        // A second run over the same file (CI writing its SARIF again) replaces it.
        try OutputWriter.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["results.json"])
    }

    @Test func aMissingDirectoryIsAnError() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing/results.json").path
        #expect(throws: DiagnosticList.self) { try OutputWriter.write("x", to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
