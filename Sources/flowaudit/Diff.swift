import ArgumentParser
import FlowModel
import FlowPolicy
import FlowReport
import FlowYAML

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a change to the model does: new sub-processors, transfers, countries, and findings.",
        discussion: """
        Each side is a model file or directory, or git:REV[:PATH] (read from the repository with git, \
        no checkout; PATH defaults to the paths of .flowaudit.yaml). Both sides are judged on the same \
        day; agreements that expired since an old git revision was committed are listed too.

        Exit status: 0, or 1 when --fail-on-new is given and a new finding is at or above it; 2 for \
        invalid input.
        """)

    @Argument(help: ArgumentHelp("The model before the change: a path or git:REV[:PATH].", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The model after it (default: the paths of .flowaudit.yaml).", valueName: "new"))
    var new: String?

    @Option(help: "text, markdown (for a pull-request comment) or json.")
    var format: DocumentFormat = .text

    @Option(name: .customLong("fail-on-new"), help: ArgumentHelp("Exit 1 when a new finding is at or above this severity.", valueName: "severity"))
    var failOnNew: SeverityOption?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge both sides on this day (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var asOf: DateOption?

    @OptionGroup var policy: PolicyOptions

    func run() throws {
        let date = asOf?.date ?? DateOption.today
        let rules = try PolicyLoader(categories: try Environment.catalogue().categories, parameterOverrides: try policy.parameterOverrides())
            .load(directories: try policy.directories())
        let (before, since) = try Self.side(old)
        let (after, _) = try Self.side(new)
        let diff = ModelDiff(
            old: try Audit(model: before, rules: rules, asOf: date), new: try Audit(model: after, rules: rules, asOf: date),
            expiredSince: since)
        let heading = ModelDiffRenderer.Heading(old: old, new: new ?? "working tree", asOf: date.description)
        switch format {
        case .text: Output.write(ModelDiffRenderer.text(diff, heading: heading))
        case .markdown: Output.write(ModelDiffRenderer.markdown(diff, heading: heading))
        case .json: Output.write(ModelDiffRenderer.json(diff, heading: heading))
        }
        if let failOnNew, !diff.newFindings(atLeast: failOnNew.severity).isEmpty {
            throw ExitCode(ExitStatus.findings)
        }
    }

    /// A side's model, and for a git revision the day it was committed.
    private static func side(_ side: String?) throws -> (Model, since: CivilDate?) {
        guard let side else { return (try Environment.loadModel(paths: []), nil) }
        let (configured, exclude) = try Environment.configuredPaths()
        guard let revision = GitRevision(side: side, defaultPaths: configured) else {
            return (try Environment.loadModel(paths: [side]), nil)
        }
        let model = try ModelLoader(catalogue: try Environment.catalogue()).load(files: try revision.files(exclude: exclude))
        return (model, try revision.commitDate())
    }
}
