import FlowModel
import FlowPolicy

/// JUnit XML for CI test dashboards (Jenkins, GitLab), valid against Jenkins' `junit-10.xsd`:
/// one test case per rule, failing when the rule has a finding at or above `--fail-on`, with
/// every such finding as a line of its failure. Findings below the threshold, waived or baselined
/// pass and are listed in `system-out`, so the report fails exactly when the run does.
public enum JUnitReporter {
    /// `checked` gives how many subjects of each kind a rule inspected; `failThreshold` nil never fails.
    public static func render(
        _ report: AuditReport, failThreshold: Severity?, checked: (Rule) -> [(kind: SubjectKind, count: Int)]
    ) -> String {
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        var cases: [String] = []
        var failing = 0
        for rule in report.rules {
            let (xml, failed) = testCase(rule, findings: byRule[rule.id] ?? [], failThreshold: failThreshold, checked: checked(rule))
            cases.append(xml)
            if failed { failing += 1 }
        }
        let counts = "tests=\"\(cases.count)\" failures=\"\(failing)\" errors=\"0\""
        let properties = [
            ("flowaudit.version", report.version),
            ("as-of", report.asOf.description),
            ("fail-on", failThreshold?.rawValue ?? "never"),
        ].map { "      <property name=\"\($0.0)\" value=\"\(escape($0.1))\"/>" }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="\(AuditReport.toolName)" \(counts)>
              <testsuite name="\(AuditReport.toolName)" \(counts) skipped="0">
                <properties>
            \(properties.joined(separator: "\n"))
                </properties>
            \(cases.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }

    private static func testCase(
        _ rule: Rule, findings: [Finding], failThreshold: Severity?, checked: [(kind: SubjectKind, count: Int)]
    ) -> (xml: String, failed: Bool) {
        var failing: [Finding] = [], below: [Finding] = [], accepted: [Finding] = []
        for finding in findings {
            if finding.acceptance != nil {
                accepted.append(finding)
            } else if let failThreshold, finding.severity >= failThreshold {
                failing.append(finding)
            } else {
                below.append(finding)
            }
        }
        var xml = "    <testcase classname=\"\(AuditReport.toolName)\" name=\"\(escape(rule.id))\""
        var out = ["checked " + checked.map { $0.kind.counted($0.count) }.joined(separator: ", ")]
        if !below.isEmpty, let failThreshold {
            out.append("\(count(below.count)) below --fail-on \(failThreshold.rawValue), reported without failing:")
            out += below.map(line)
        } else if !below.isEmpty {
            out.append("\(count(below.count)), reported without failing (--fail-on never):")
            out += below.map(line)
        }
        for finding in accepted {
            guard let acceptance = finding.acceptance else { continue }
            out.append(line(finding) + " — \(acceptance.kind.rawValue): \(acceptance.reason)")
        }
        xml += ">\n"
        if !failing.isEmpty {
            let severities = Severity.allCases.compactMap { severity -> String? in
                let number = failing.count { $0.severity == severity }
                return number == 0 ? nil : "\(number) \(severity.rawValue)"
            }
            let threshold = failThreshold?.rawValue ?? ""
            let message = "\(count(failing.count)) at or above \(threshold): \(severities.joined(separator: ", "))"
            let worst = failing.map(\.severity).max() ?? rule.severity
            var body = [rule.title + (rule.citations.isEmpty ? "" : " (" + rule.citations.joined(separator: ", ") + ")")]
            body += failing.map(line)
            body.append("Remediation: " + rule.remediation.trimmingTrailingWhitespace)
            xml += "      <failure type=\"\(worst.rawValue)\" message=\"\(escape(message))\">"
            xml += body.map(escapeText).joined(separator: "\n") + "</failure>\n"
        }
        xml += "      <system-out>" + out.map(escapeText).joined(separator: "\n") + "</system-out>\n"
        xml += "    </testcase>"
        return (xml, !failing.isEmpty)
    }

    /// One finding on one line: where, how severe, what, and the path its data took.
    private static func line(_ finding: Finding) -> String {
        var text = "\(finding.span): [\(finding.severity.rawValue)] \(finding.message)"
        if finding.path.count > 1 { text += " (path: " + finding.path.joined(separator: " → ") + ")" }
        return text
    }

    private static func count(_ number: Int) -> String { "\(number) finding\(number == 1 ? "" : "s")" }

    /// Text for an attribute value: line breaks kept as character references.
    static func escape(_ text: String) -> String {
        escapeText(text).replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// Text for element content; control characters XML 1.0 does not allow become `?`.
    static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<")
            || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    /// Without the line break a YAML block scalar ends with.
    fileprivate var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
