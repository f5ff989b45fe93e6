import ArgumentParser
import FlowModel
import FlowPolicy
import FlowReport
import FlowYAML

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the GDPR rules (and your own) against a model.",
        discussion: """
        Exit status: 0 when no unwaived finding is at or above --fail-on, 1 when one is,
        2 when the model, a policy or the command line is invalid.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Model files or directories (read recursively for *.yaml and *.yml).")
    var paths: [String]

    @OptionGroup var policy: PolicyOptions

    @Option(help: "Report format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low, info or never.")
    var failOn: FailThreshold = .low

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge dates on this day (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var asOf: DateOption?

    func run() throws {
        let asOf = asOf?.date ?? DateOption.today
        let audit = try Audit.run(
            catalogue: try Environment.catalogue(), modelPaths: paths,
            policyDirectories: try policy.directories(), asOf: asOf,
            parameterOverrides: try policy.parameterOverrides())
        let report = AuditReport(version: Flowaudit.version, asOf: asOf, findings: audit.findings, rules: audit.rules)
        switch format {
        case .text: Output.write(TextReporter.render(report))
        case .json: Output.write(JSONReporter.render(report))
        }
        if report.fails(at: failOn.severity) { throw ExitCode(ExitStatus.findings) }
    }
}
