import FlowModel
import FlowPolicy

/// JUnit XML for CI dashboards: a test suite per rule, a test case per subject it checked;
/// a finding is a `failure`, a waived or baselined one `skipped`.
public enum JUnitReporter {
    /// `checked` gives the subjects a rule inspected; rules are rendered one per core.
    public static func render(_ report: AuditReport, checked: @Sendable (Rule) -> [Finding.Subject]) -> String {
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        let suites = Parallel.map(report.rules.count) { position in
            suite(report.rules[position], findings: byRule[report.rules[position].id] ?? [], checked: checked(report.rules[position]))
        }
        let totals = suites.reduce((tests: 0, failures: 0, skipped: 0)) {
            ($0.tests + $1.tests, $0.failures + $1.failures, $0.skipped + $1.skipped)
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="flowaudit" tests="\(totals.tests)" failures="\(totals.failures)" errors="0" skipped="\(totals.skipped)">
        \(suites.map(\.xml).joined(separator: "\n"))
        </testsuites>

        """
    }

    private static func suite(_ rule: Rule, findings: [Finding], checked: [Finding.Subject]) -> (xml: String, tests: Int, failures: Int, skipped: Int) {
        let findingByKey = Dictionary(findings.map { ($0.subject.key, $0) }, uniquingKeysWith: { first, _ in first })
        var subjects = checked
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
        let header = "  <testsuite name=\"\(escape(rule.id))\" tests=\"\(subjects.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
        let xml = cases.isEmpty ? header + "/>" : header + ">\n" + cases.joined(separator: "\n") + "\n  </testsuite>"
        return (xml, subjects.count, failures, skipped)
    }

    static func escape(_ text: String) -> String {
        // Ids and names rarely need escaping: they are returned as they are.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<")
            || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) else { return text }
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
