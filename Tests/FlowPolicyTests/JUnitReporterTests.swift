import Testing
import FlowYAML
import FlowSynth
@testable import FlowPolicy
@testable import FlowReport

@Suite struct JUnitReporterTests {
    /// One test case per rule; only findings at or above the threshold and neither waived nor
    /// baselined fail it, one line each; the others pass, listed in `system-out`; text is escaped.
    @Test func aTestCasePerRuleFailingAtTheThreshold() throws {
        let rules = Array(Builtin.rules.prefix(2))
        let (first, second) = (rules[0].id, rules[1].id)
        let high = ReportOrderTests.finding(.high, "m.yaml", 3, 1, rule: first, key: "b&c")
        let low = ReportOrderTests.finding(.low, "m.yaml", 9, 1, rule: first, key: "zeta")
        let waived = AuditReportTests.accepted(ReportOrderTests.finding(.critical, "m.yaml", 5, 1, rule: second, key: "a"), .waiver)
        let report = AuditReport(version: "0", asOf: .epoch, findings: [high, low, waived], rules: rules)
        let xml = JUnitReporter.render(report, failThreshold: .medium) { _ in [(.flow, 3), (.data, 1)] }
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"flowaudit\" tests=\"2\" failures=\"1\" errors=\"0\">"))
        #expect(xml.components(separatedBy: "<testcase ").count == 3)
        #expect(xml.components(separatedBy: "<failure ").count == 2)
        #expect(xml.contains("<failure type=\"high\" message=\"1 finding at or above medium: 1 high\">"))
        #expect(xml.contains("m.yaml:3:1: [high] m\n"))
        #expect(xml.contains("<system-out>checked 3 flows, 1 data set\n1 finding below --fail-on medium, reported without failing:\nm.yaml:9:1: [low] m</system-out>"))
        #expect(xml.contains("m.yaml:5:1: [critical] m — waiver: r</system-out>"))
        #expect(xml.contains("<property name=\"fail-on\" value=\"medium\"/>"))
        // Never failing: the same cases, none failing.
        let never = JUnitReporter.render(report, failThreshold: nil) { _ in [] }
        #expect(never.contains("failures=\"0\"") && !never.contains("<failure "))
        #expect(JUnitReporter.escape("a<b & \"c\"\nd\u{1}") == "a&lt;b &amp; &quot;c&quot;&#10;d?")
    }

    /// A large model still gives one test case per rule, its findings as lines: 1,000 organizations
    /// check over 10,000 flows, and the report must not grow with them.
    @Test func aLargeModelGivesATestCasePerRule() throws {
        let graph = try Builtin.graph(ModelGenerator(organizations: 1_000).files(1)[0])
        let findings = Evaluator.evaluate(rules: Builtin.rules, graph: graph)
        let report = AuditReport(version: "0", asOf: Builtin.asOf, findings: findings, rules: Builtin.rules)
        let xml = JUnitReporter.render(report, failThreshold: .info) { Evaluator.checkedCounts(rule: $0, graph: graph) }
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == Builtin.rules.count)
        #expect(xml.components(separatedBy: "\nm.yaml:").count - 1 == findings.count)
        #expect(xml.contains("checked 10000 flows"))
    }
}
