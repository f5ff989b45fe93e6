import ArgumentParser
import FlowModel
import FlowYAML

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that model files are well-formed and every reference resolves.",
        discussion: "Prints a one-line summary and exits 0, or prints every error as path:line:col and exits 2."
    )

    @Argument(help: "Model files or directories (read recursively for *.yaml and *.yml; default: paths from the configuration).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Pass over model files and folders matching this glob (`*` and `?`; repeatable).", valueName: "glob"))
    var exclude: [String] = []

    func run() throws {
        let model = try Environment.loadModel(paths: paths, excluding: exclude)
        Output.print(Summary.line(for: model))
        // Exits with the model alive: freeing it is work the process does not need (see Check).
        withExtendedLifetime(model) { Flowaudit.exit(withError: nil) }
    }
}
