import Testing
import FlowYAML
@testable import FlowPolicy
@testable import FlowReport

@Suite struct JUnitReporterTests {
    /// Every checked subject is a test case, in order; a finding whose subject was not among
    /// them comes after, once per finding; accepted findings are skipped; names are escaped.
    @Test func checkedSubjectsThenFindingsOutsideThem() throws {
        let rule = try #require(Builtin.rules.first)
        let failing = ReportOrderTests.finding(.high, "m.yaml", 3, 1, rule: rule.id, key: "b&c")
        let unlisted = ReportOrderTests.finding(.low, "m.yaml", 9, 1, rule: rule.id, key: "zeta")
        let waived = AuditReportTests.accepted(ReportOrderTests.finding(.medium, "m.yaml", 5, 1, rule: rule.id, key: "a"), .waiver)
        let report = AuditReport(version: "0", asOf: .epoch, findings: [failing, unlisted, waived], rules: [rule])
        let checked = ["a", "b&c", "d"].map { Finding.Subject(kind: "flow", id: $0, name: $0, key: $0) }
        let xml = JUnitReporter.render(report) { _ in checked }
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"flowaudit\" tests=\"4\" failures=\"2\""))
        #expect(xml.contains("tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\">\n"))
        #expect(xml.hasSuffix("  </testsuite>\n</testsuites>\n"))
        let cases = xml.split(separator: "\n").filter { $0.hasPrefix("    <testcase ") }
        #expect(cases.map { $0.split(separator: "\"")[3] } == ["flow a", "flow b&amp;c", "flow d", "flow zeta"])
        #expect(xml.contains("<skipped message=\"waiver: r\"/>"))
        #expect(xml.components(separatedBy: "<failure ").count == 3)
        #expect(Array(xml.utf8) == Array(JUnitReporter.renderChunks(report) { _ in checked }.joined()))
    }
}
