import Testing
import FlowYAML
@testable import FlowPolicy

@Suite struct ReportOrderTests {
    static func finding(_ severity: Severity, _ file: String, _ line: Int, _ column: Int, rule: String, key: String) -> Finding {
        let span = SourceSpan(
            file: file, start: SourcePosition(line: line, column: column), end: SourcePosition(line: line + 1, column: 1))
        return Finding(
            rule: rule, title: rule, severity: severity, message: "m",
            subject: Finding.Subject(kind: "flow", id: key, name: key, key: key), span: span,
            articles: [], remediation: "",
            path: [], fix: Finding.Fix(target: Finding.Subject(kind: "flow", id: key, name: key, key: "flow:\(key)"), change: rule),
            acceptance: nil)
    }

    /// The integer-keyed sort must order exactly like the comparison the reports document,
    /// on one core (500 findings) and in two halves merged (10,000).
    @Test(arguments: [500, 10_000])
    func sortedForReportMatchesReportOrder(_ count: Int) {
        var findings: [Finding] = []
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let files = ["b.yaml", "a.yaml", "models/c.yaml"]
        for _ in 0..<count {
            findings.append(Self.finding(
                Severity.allCases[next(Severity.allCases.count)], files[next(files.count)], 1 + next(5), 1 + next(3),
                rule: "rule-\(next(3))", key: "subject-\(next(4))"))
        }
        let expected = findings.sorted(by: Finding.reportOrder)
        let sorted = Finding.sortedForReport(findings)
        #expect(sorted.map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(sorted.map(\.span) == expected.map(\.span))
        #expect(Finding.sortedForReport([]).isEmpty)
    }

    /// Sorted in halves and merged, ties keep their first order, as one stable sort keeps them.
    @Test(arguments: [10, 5000, 9999])
    func halvesMergeAsOneStableSort(_ count: Int) {
        let keys = (0..<count).map { ($0 * 7919) % 13 }
        let sorted = Finding.sortedIndices(count) { keys[$0] < keys[$1] }
        #expect(sorted == (0..<count).sorted { (keys[$0], $0) < (keys[$1], $1) })
    }

    /// Sorting applies its order by swaps along cycles; that must equal picking by index.
    @Test(arguments: [0, 1, 2, 7, 300])
    func permutingBySwapsEqualsPickingByIndex(_ count: Int) {
        let findings = (0..<count).map { Self.finding(.high, "f.yaml", $0 + 1, 1, rule: "r", key: "s\($0)") }
        var seed: UInt64 = UInt64(count) + 3
        var order = Array(0..<count)
        for index in order.indices.reversed() where index > 0 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            order.swapAt(index, Int((seed >> 33) % UInt64(index + 1)))
        }
        var permuted = findings
        Finding.permute(&permuted, by: order)
        #expect(permuted.map(\.subject.key) == order.map { findings[$0].subject.key })
        var unchanged = findings
        Finding.permute(&unchanged, by: Array(0..<count))
        #expect(unchanged.map(\.subject.key) == findings.map(\.subject.key))
    }
}
