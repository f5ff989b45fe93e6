import FlowModel
import FlowPolicy

/// JUnit XML for CI dashboards: a test suite per rule, a test case per subject it checked;
/// a finding is a `failure`, a waived or baselined one `skipped`.
public enum JUnitReporter {
    public static func render(_ report: AuditReport, checked: [String: [Finding.Subject]]) -> String {
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, skipped: 0)
        for rule in report.rules {
            let findings = byRule[rule.id] ?? []
            let findingByKey = Dictionary(findings.map { ($0.subject.key, $0) }, uniquingKeysWith: { first, _ in first })
            var subjects = checked[rule.id] ?? []
            // A finding's subject is always a test case, even if it was not listed as checked.
            let listed = Set(subjects.map(\.key))
            subjects += findings.map(\.subject).filter { !listed.contains($0.key) }
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            for subject in subjects {
                var attributes = "classname=\"\(escape(rule.id))\" name=\"\(escape(subject.kind)) \(escape(subject.key))\""
                guard let finding = findingByKey[subject.key] else {
                    cases.append("    <testcase \(attributes)/>")
                    continue
                }
                attributes += " file=\"\(escape(finding.span.file))\" line=\"\(finding.span.start.line)\""
                if let acceptance = finding.acceptance {
                    skipped += 1
                    cases.append("    <testcase \(attributes)>\n      <skipped message=\"\(escape(acceptance.kind.rawValue + ": " + acceptance.reason))\"/>\n    </testcase>")
                } else {
                    failures += 1
                    var body = "\(finding.span): \(finding.message)"
                    if !finding.articles.isEmpty { body += "\n" + finding.articles.joined(separator: ", ") }
                    if finding.path.count > 1 { body += "\npath: " + finding.path.joined(separator: " → ") }
                    cases.append("""
                        <testcase \(attributes)>
                          <failure type="\(finding.severity.rawValue)" message="\(escape(finding.message))">\(escape(body))</failure>
                        </testcase>
                    """)
                }
            }
            totals.tests += subjects.count
            totals.failures += failures
            totals.skipped += skipped
            let header = "  <testsuite name=\"\(escape(rule.id))\" tests=\"\(subjects.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
            suites.append(cases.isEmpty ? header + "/>" : header + ">\n" + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="flowaudit" tests="\(totals.tests)" failures="\(totals.failures)" errors="0" skipped="\(totals.skipped)">
        \(suites.joined(separator: "\n"))
        </testsuites>

        """
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case _ where scalar.value < 0x20 && scalar != "\t": result += "?" // not allowed in XML 1.0
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
