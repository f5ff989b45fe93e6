import FlowPolicy
public import FlowGraph

/// Every report format `check` can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case junit
    case github
    /// GitLab Code Quality (Code Climate JSON).
    case codequality
    case markdown
    case html

    private func htmlReport(_ report: AuditReport, graph: FlowGraph) -> String {
        guard graph.nodeCount <= HTMLReporter.maxDiagramNodes else {
            return HTMLReporter.render(report, diagram: .omitted(nodes: graph.nodeCount))
        }
        let source = DiagramRenderer(graph: graph, findings: report.findings).render(.dot)
        return HTMLReporter.render(report, diagram: HTMLReporter.Diagram(svg: Graphviz.svg(fromDot: source), source: source))
    }

    /// The report as UTF-8 bytes, for writing out: JSON and SARIF, tens of megabytes at national
    /// scale, never become a `String` (a copy and a UTF-8 check of every byte).
    public func renderBytes(
        _ report: AuditReport, graph: FlowGraph, root: SourceRoot, color: Bool, failThreshold: Severity?,
        sarif: SARIFOptions = SARIFOptions()
    ) -> [UInt8] {
        renderChunks(report, graph: graph, root: root, color: color, failThreshold: failThreshold, sarif: sarif).joined
    }

    /// `renderBytes` in the pieces it is written in, to write out one after another: the
    /// findings of a national JSON or SARIF report, or the test cases of a JUnit one, are not
    /// copied into one buffer first.
    /// `failThreshold` is `--fail-on` (nil for never): a JUnit report fails exactly where the run does.
    package func renderChunks(
        _ report: AuditReport, graph: FlowGraph, root: SourceRoot, color: Bool, failThreshold: Severity?,
        sarif: SARIFOptions = SARIFOptions()
    ) -> ReportChunks {
        switch self {
        case .json: JSONReporter.renderChunks(report)
        case .sarif: SARIFReporter.renderChunks(report, root: root, options: sarif)
        default: ReportChunks(bytes: Array(render(report, graph: graph, root: root, color: color, failThreshold: failThreshold).utf8))
        }
    }

    public func render(_ report: AuditReport, graph: FlowGraph, root: SourceRoot, color: Bool, failThreshold: Severity?) -> String {
        switch self {
        case .text: TextReporter.render(report, style: TextReporter.Style(color: color))
        case .json: JSONReporter.render(report)
        case .sarif: SARIFReporter.render(report, root: root)
        case .junit: JUnitReporter.render(report, failThreshold: failThreshold) { Evaluator.checkedCounts(rule: $0, graph: graph) }
        case .github: GitHubReporter.render(report, root: root)
        case .codequality: CodeQualityReporter.render(report, root: root)
        case .markdown: MarkdownReporter.render(report)
        case .html:
            htmlReport(report, graph: graph)
        }
    }
}
