import ArgumentParser
import FlowModel
import FlowYAML
import FlowRuntime

struct Flowaudit: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "flowaudit",
        abstract: "Audit data flows and subcontractor chains described in YAML against the GDPR.",
        version: version,
        subcommands: [Validate.self, Check.self, BaselineCommand.self, Rules.self, Explain.self, Test.self, Vendor.self, Impact.self, Ropa.self, Diff.self, Deployed.self, Import.self, Graph.self, Schema.self, Init.self]
    )
}

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 invalid input or usage.
enum ExitStatus {
    static let findings: Int32 = 1
    static let invalid: Int32 = 2
}

@main
enum Entry {
    static func main() {
        AllocatorTuning.apply()
        // The subcommand that was running, once parsing succeeded: its errors point to its help.
        var running: (any ParsableCommand.Type)?
        do {
            var command = try Flowaudit.parseAsRoot()
            running = type(of: command)
            try command.run()
        } catch let list as DiagnosticList {
            Output.printDiagnostics(list.diagnostics)
            Flowaudit.exit(withError: ExitCode(ExitStatus.invalid))
        } catch {
            // Usage errors are exit 2 like any other invalid input (argument-parser says 64).
            let code = Flowaudit.exitCode(for: error)
            if code == .validationFailure {
                if let running, running != Flowaudit.self, let validation = error as? ValidationError {
                    let name = running.configuration.commandName ?? "<command>"
                    Output.error("Error: \(validation.message)\n  See 'flowaudit \(name) --help' for more information.")
                } else {
                    Output.error(Flowaudit.fullMessage(for: error))
                }
                Flowaudit.exit(withError: ExitCode(ExitStatus.invalid))
            }
            Flowaudit.exit(withError: error)
        }
    }
}
