import ArgumentParser
import FlowModel
import FlowPolicy
import FlowReport
internal import Foundation

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record the current findings so that `check --baseline FILE` fails only on new ones.",
        discussion: "Entries are rule, subject and file, never line numbers: moving YAML around keeps the baseline valid."
    )

    @Argument(help: "Model files or directories.")
    var paths: [String]

    @OptionGroup var policy: PolicyOptions

    @Option(help: ArgumentHelp("The baseline file to write.", valueName: "file"))
    var output: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge dates on this day (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var asOf: DateOption?

    func run() throws {
        let audit = try Audit.run(
            catalogue: try Environment.catalogue(), modelPaths: paths, policyDirectories: try policy.directories(),
            asOf: asOf?.date ?? DateOption.today, parameterOverrides: try policy.parameterOverrides())
        let baseline = Baseline(findings: audit.findings, workingDirectory: FileManager.default.currentDirectoryPath, path: output)
        try OutputWriter.write(baseline.rendered(), to: output)
        Output.print("recorded \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") in \(output)")
    }
}
