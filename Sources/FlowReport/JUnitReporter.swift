import FlowModel
import FlowPolicy
import FlowRuntime

/// JUnit XML for CI dashboards: a test suite per rule, a test case per subject it checked;
/// a finding is a `failure`, a waived or baselined one `skipped`.
public enum JUnitReporter {
    /// `checked` gives the subjects a rule inspected.
    public static func render(_ report: AuditReport, checked: @Sendable (Rule) -> [Finding.Subject]) -> String {
        String(decoding: renderChunks(report, checked: checked).joined(), as: UTF8.self)
    }

    /// The document in the pieces it is written in: its head, a suite per rule (written on any
    /// core straight to bytes), its end: a national model's report lists millions of checked
    /// subjects, too many to build as strings and join.
    public static func renderChunks(_ report: AuditReport, checked: @Sendable (Rule) -> [Finding.Subject]) -> [[UInt8]] {
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        let suites = Parallel.map(report.rules.count) { position in
            suite(report.rules[position], findings: byRule[report.rules[position].id] ?? [], checked: checked(report.rules[position]))
        }
        let totals = suites.reduce((tests: 0, failures: 0, skipped: 0)) {
            ($0.tests + $1.tests, $0.failures + $1.failures, $0.skipped + $1.skipped)
        }
        var chunks: [[UInt8]] = [Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="flowaudit" tests="\(totals.tests)" failures="\(totals.failures)" errors="0" skipped="\(totals.skipped)">

            """.utf8)]
        chunks.reserveCapacity(2 * suites.count + 2)
        for (position, suite) in suites.enumerated() {
            if position > 0 { chunks.append(Array("\n".utf8)) }
            chunks.append(suite.xml)
        }
        chunks.append(Array("\n</testsuites>\n".utf8))
        return chunks
    }

    private static func suite(_ rule: Rule, findings: [Finding], checked: [Finding.Subject]) -> (xml: [UInt8], tests: Int, failures: Int, skipped: Int) {
        let findingByKey = Dictionary(findings.map { ($0.subject.key, $0) }, uniquingKeysWith: { first, _ in first })
        var cases: [UInt8] = []
        cases.reserveCapacity(checked.count * 64)
        var failures = 0
        var skipped = 0
        var tests = 0
        func add(_ subject: Finding.Subject, _ finding: Finding?) {
            if tests > 0 { cases.append(UInt8(ascii: "\n")) }
            tests += 1
            write("    <testcase classname=\"", to: &cases)
            writeEscaped(rule.id, to: &cases)
            write("\" name=\"", to: &cases)
            writeEscaped(subject.kind, to: &cases)
            write(" ", to: &cases)
            writeEscaped(subject.key, to: &cases)
            write("\"", to: &cases)
            guard let finding else {
                write("/>", to: &cases)
                return
            }
            write(" file=\"", to: &cases)
            writeEscaped(finding.span.file, to: &cases)
            write("\" line=\"\(finding.span.start.line)\"", to: &cases)
            if let acceptance = finding.acceptance {
                skipped += 1
                write(">\n      <skipped message=\"", to: &cases)
                writeEscaped(acceptance.kind.rawValue + ": " + acceptance.reason, to: &cases)
                write("\"/>\n    </testcase>", to: &cases)
            } else {
                failures += 1
                var body = "\(finding.span): \(finding.message)"
                if !finding.articles.isEmpty { body += "\n" + finding.articles.joined(separator: ", ") }
                if finding.path.count > 1 { body += "\npath: " + finding.path.joined(separator: " → ") }
                write(">\n      <failure type=\"\(finding.severity.rawValue)\" message=\"", to: &cases)
                writeEscaped(finding.message, to: &cases)
                write("\">", to: &cases)
                writeEscaped(body, to: &cases)
                write("</failure>\n    </testcase>", to: &cases)
            }
        }
        // The finding keys met among the checked subjects: a set of every checked key (millions
        // at national scale) was hashed only to find the few findings not among them.
        var met = Set<String>()
        for subject in checked {
            let finding = findingByKey.isEmpty ? nil : findingByKey[subject.key]
            if finding != nil { met.insert(subject.key) }
            add(subject, finding)
        }
        // A finding's subject is always a test case, even if it was not listed as checked.
        for finding in findings where !met.contains(finding.subject.key) {
            add(finding.subject, findingByKey[finding.subject.key])
        }
        var xml: [UInt8] = []
        xml.reserveCapacity(cases.count + 128)
        write("  <testsuite name=\"", to: &xml)
        writeEscaped(rule.id, to: &xml)
        write("\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\"", to: &xml)
        if tests == 0 {
            write("/>", to: &xml)
        } else {
            write(">\n", to: &xml)
            xml += cases
            write("\n  </testsuite>", to: &xml)
        }
        return (xml, tests, failures, skipped)
    }

    private static func write(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `escape(text)`, appended: most ids and names need no escaping and go in as they are.
    private static func writeEscaped(_ text: String, to bytes: inout [UInt8]) {
        if needsEscaping(text) { write(escape(text), to: &bytes) } else { write(text, to: &bytes) }
    }

    private static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<")
            || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") })
    }

    static func escape(_ text: String) -> String {
        // Ids and names rarely need escaping: they are returned as they are.
        guard needsEscaping(text) else { return text }
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
