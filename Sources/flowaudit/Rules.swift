import ArgumentParser
import FlowModel
import FlowPolicy

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules: id, severity, title and articles.")

    @OptionGroup var policy: PolicyOptions

    func run() throws {
        let rules = try policy.rules()
        let width = rules.map(\.id.count).max() ?? 0
        for rule in rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let articles = rule.articles.isEmpty ? "" : "  (Art. " + rule.articles.joined(separator: ", ") + ")"
            Output.print("\(id)  \(severity)  \(rule.title)\(articles)")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a rule's rationale, remediation and an example.")

    @Argument(help: "Rule id.")
    var id: String

    @OptionGroup var policy: PolicyOptions

    func run() throws {
        let rules = try policy.rules()
        guard let rule = rules.first(where: { $0.id == id }) else {
            let hint = DidYouMean.hint(id, from: rules.map(\.id))
            throw ValidationError("no rule '\(id)'\(hint) (`flowaudit rules` lists them)")
        }
        Output.write(RuleExplainer.explain(rule))
    }
}

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples of every rule in a policy folder (as conftest verify does).",
        discussion: "Exit status 0 when every example behaves as declared, 1 when one does not, 2 for invalid policies."
    )

    @Argument(help: "Policy folders to test (default: the built-in pack).")
    var directories: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a rule parameter (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    func run() throws {
        var options = try PolicyOptions.parse(parameters.flatMap { ["--param", $0] })
        options.noBuiltin = !directories.isEmpty
        options.policies = directories
        let results = ExampleRunner.run(rules: try options.rules(), catalogue: try Environment.catalogue())
        for result in results where !result.passed {
            let kind = result.example.mustTrigger ? "trigger" : "clean"
            Output.print("FAIL \(result.rule) (\(kind) example at \(result.example.span)): \(result.problem ?? "")")
        }
        let failed = results.filter { !$0.passed }.count
        Output.print("\(results.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(ExitStatus.findings) }
    }
}
