import ArgumentParser
import FlowModel
import FlowPolicy
import FlowReport
import FlowYAML
internal import Foundation
import FlowRuntime

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate the GDPR rules (and your own) against a model.",
        // One line per paragraph (continued with `\`): the parser wraps them to the terminal.
        discussion: """
        Exit status: 0 when no unwaived, unbaselined finding is at or above --fail-on, 1 when one \
        is, 2 when the model, a policy, the configuration or the command line is invalid.

        Settings come from flags, then FLOWAUDIT_* environment variables, then .flowaudit.yaml in \
        the working directory (or --config FILE); --show-config prints the result.

        Several reports in one run: --format text --format sarif --output - --output results.sarif \
        (formats and outputs pair up in order; a format without an output goes to standard output).

        Use - as PATH to read the model from standard input.
        """
    )

    @Argument(help: "Model files or directories, or - for standard input (default: paths from the configuration).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Pass over model files and folders matching this glob (`*` and `?`; repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("terraform-plan"),
            help: ArgumentHelp("`terraform show -json` output (of a plan or a state) to compare the model with (repeatable).", valueName: "plan.json"))
    var terraformPlans: [String] = []

    @OptionGroup var policy: PolicyOptions

    @Option(help: "Report format, repeatable: text, json, sarif, junit, github, codequality (GitLab), markdown or html.")
    var format: [ReportFormat] = []

    @Option(help: ArgumentHelp("Where the report of the same position in --format goes (- for standard output), repeatable.", valueName: "file"))
    var output: [String] = []

    @Flag(name: .customLong("sarif-include-suppressed"), help: "Keep waived and baselined findings in SARIF, marked as suppressed.")
    var sarifIncludeSuppressed = false

    @Option(name: .customLong("max-results"), help: ArgumentHelp("SARIF results kept at most, the most severe first (GitHub rejects over 25,000).", valueName: "n"))
    var maxResults = SARIFOptions.defaultMaxResults

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low (default), info or never.")
    var failOn: FailThreshold?

    @Option(name: .customLong("min-severity"), help: "Report only findings at or above this severity.")
    var minSeverity: SeverityOption?

    @Option(name: .customLong("rule"), help: ArgumentHelp("Run only these rules (globs allowed, repeatable).", valueName: "id"))
    var rules: [String] = []

    @Option(name: .customLong("skip-rule"), help: ArgumentHelp("Do not run these rules (globs allowed, repeatable).", valueName: "id"))
    var skipRules: [String] = []

    @Option(help: ArgumentHelp("Accept the findings recorded in this baseline file (see `flowaudit baseline`).", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge dates on this day (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var asOf: DateOption?

    @Option(help: ArgumentHelp("Configuration file (default: .flowaudit.yaml in the working directory).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("show-config"), help: "Print the effective configuration and where each value comes from, then exit.")
    var showConfig = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    @Flag(help: "Report every phase on standard error (on a terminal phases show once a run takes a second).")
    var progress = false

    @Flag(help: "Print nothing but errors: no progress, and no report on standard output (reports go to --output files).")
    var quiet = false

    func validate() throws {
        if output.count > max(format.count, 1) {
            throw ValidationError("more --output than --format: each --output pairs with the --format at its position")
        }
        if maxResults < 1 {
            throw ValidationError("--max-results must be at least 1")
        }
    }

    func run() throws {
        let configuration = try resolvedConfiguration()
        if showConfig {
            Output.write(configuration.rendered())
            return
        }
        guard !configuration.paths.isEmpty else {
            throw ValidationError("no model given: pass PATH arguments, or set 'paths' in \(CheckConfiguration.fileName)")
        }
        let progress = Progress(forced: progress, quiet: quiet)
        let catalogue = try Environment.catalogue()
        // The rules load on another core while the model is read (loaded first, on one core,
        // they left the other idle); a problem with them is still reported first. The model
        // stays on this thread: read on a worker, its memory sat in another allocator arena
        // than the graph's, and the peak grew by a sixth.
        let (parameters, directories) = (configuration.parameters, try Environment.policyDirectories(
            noBuiltin: configuration.noBuiltin, extra: configuration.policies))
        let pendingRules = Parallel.background {
            Result { try PolicyLoader(categories: catalogue.categories, parameterOverrides: parameters).load(directories: directories) }
        }
        progress.step("loading rules and reading the model")
        let loadedModel = Result { () throws(DiagnosticList) -> Model in try ModelLoader(catalogue: catalogue).load(paths: configuration.paths, excluding: configuration.exclude) }
        let selected = try RuleSelection.apply(try pendingRules.value.get(), select: configuration.rules, skip: configuration.skipRules)
        var model = try loadedModel.get()
        if !configuration.terraformPlans.isEmpty {
            model.deployment = try Deployment(model: model, plans: try TerraformPlans.read(configuration.terraformPlans, catalogue: catalogue))
        }
        progress.step("\(model.files.count) files: \(model.organizations.count) organizations, \(model.flows.count) flows; building the graph and running \(selected.count) rules")
        let date = asOf?.date ?? DateOption.today
        let audit = try Audit(model: model, rules: selected, asOf: date)
        progress.step("\(audit.findings.count) findings; writing the report")
        var findings = configuration.minSeverity.map { minimum in audit.findings.filter { $0.severity >= minimum } } ?? audit.findings
        var resolved: [String] = []
        let workingDirectory = FileManager.default.currentDirectoryPath
        if let path = configuration.baseline {
            (findings, resolved) = try Baseline.load(path: path, workingDirectory: workingDirectory)
                .apply(to: findings, workingDirectory: workingDirectory)
        }
        let report = AuditReport(version: Flowaudit.version, asOf: date, findings: findings, rules: selected, resolvedBaseline: resolved)
        let root = SourceRoot.find(workingDirectory: workingDirectory)
        let formats = format.isEmpty ? [ReportFormat.text] : format
        for (position, format) in formats.enumerated() {
            let destination = position < output.count ? output[position] : "-"
            let color = destination == "-" && format == .text && Terminal.wantsColor(disabled: noColor)
            let sarif = SARIFOptions(includeSuppressed: sarifIncludeSuppressed, maxResults: maxResults)
            let chunks = format.renderChunks(
                report, graph: audit.graph, root: root, color: color,
                failThreshold: configuration.failThreshold, sarif: sarif)
            if destination == "-" {
                if !quiet { Output.write(chunks: chunks) }
            } else {
                try OutputWriter.write(chunks: chunks, to: destination)
            }
        }
        // Annotations show ten of each kind; the job's summary page carries every finding.
        if formats.contains(.github), let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try OutputWriter.append(MarkdownReporter.render(report), to: summary)
        }
        progress.step("done")
        let failed = report.fails(at: configuration.failThreshold)
        // Ends here while the model, graph and findings are still alive: a national model is
        // millions of small allocations, and the process's end frees them all at once.
        withExtendedLifetime((model, audit, report)) {
            Flowaudit.exit(withError: failed ? ExitCode(ExitStatus.findings) : nil)
        }
    }

    /// Flags over FLOWAUDIT_* variables over the configuration file.
    private func resolvedConfiguration() throws -> CheckConfiguration {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let file = try ConfigurationLoader.fileLayer(explicit: config, workingDirectory: workingDirectory)
        let environment = try ConfigurationLoader.environmentLayer(ProcessInfo.processInfo.environment)
        var flags = ConfigurationLayer()
        func set(_ name: String) { flags.origins[name] = "flag" }
        if !paths.isEmpty { flags.paths = paths; set("paths") }
        if !exclude.isEmpty { flags.exclude = exclude; set("exclude") }
        if !terraformPlans.isEmpty { flags.terraformPlans = terraformPlans; set("terraform_plans") }
        if !policy.policies.isEmpty { flags.policies = policy.policies; set("policies") }
        if policy.noBuiltin { flags.noBuiltin = true; set("no_builtin") }
        if let failOn { flags.failOn = failOn.rawValue; set("fail_on") }
        if let minSeverity { flags.minSeverity = minSeverity.severity; set("min_severity") }
        if let baseline { flags.baseline = baseline; set("baseline") }
        if !rules.isEmpty { flags.rules = rules; set("rules") }
        if !skipRules.isEmpty { flags.skipRules = skipRules; set("skip_rules") }
        if !policy.parameters.isEmpty { flags.parameters = try policy.parameterOverrides(); set("parameters") }
        return CheckConfiguration(layers: [flags, environment, file])
    }
}

extension ReportFormat: ExpressibleByArgument {}

struct SeverityOption: ExpressibleByArgument {
    let severity: Severity

    init?(argument: String) {
        guard let severity = Severity(rawValue: argument) else { return nil }
        self.severity = severity
    }
}

enum Terminal {
    /// Colour only on a terminal, never with --no-color or NO_COLOR (https://no-color.org).
    static func wantsColor(disabled: Bool) -> Bool {
        guard !disabled, ProcessInfo.processInfo.environment["NO_COLOR"] == nil else { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
