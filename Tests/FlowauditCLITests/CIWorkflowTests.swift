import Foundation
import Testing

/// A scratch folder with a policy of one rule per severity, each firing on an organization
/// named after it, and models that make exactly one of them fire.
private struct Matrix {
    let directory: URL
    let policies: URL
    static let severities = ["critical", "high", "medium", "low", "info"]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-matrix-\(UUID().uuidString)")
        policies = directory.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        for severity in Self.severities {
            try Data("""
            id: \(severity)-rule
            title: \(severity)
            severity: \(severity)
            articles: []
            rationale: r
            remediation: r
            for: organization
            when: {fact: id, equals: \(severity)-org}
            message: "{name}"
            examples:
              trigger: [{organizations: {\(severity)-org: {name: X, country: SE}}}]
              clean: [{organizations: {other: {name: X, country: SE}}}]
            """.utf8).write(to: policies.appendingPathComponent("\(severity)-rule.yaml"))
        }
    }

    /// A model whose only finding has this severity, waived when asked.
    func model(_ severity: String, waived: Bool) throws -> URL {
        let file = directory.appendingPathComponent("\(severity)-\(waived ? "waived" : "plain").yaml")
        var text = "organizations:\n  \(severity)-org: {name: Org, country: SE}\n"
        if waived {
            text += "waivers:\n  - {rule: \(severity)-rule, subject: \(severity)-org, reason: accepted, approved_by: dpo, expires: 2030-01-01}\n"
        }
        try Data(text.utf8).write(to: file)
        return file
    }
}

@Suite(.serialized) struct CIWorkflowTests {
    static let asOf = "--as-of=2026-11-25"

    @Test func exitCodeMatrix() throws {
        let matrix = try Matrix()
        defer { try? FileManager.default.removeItem(at: matrix.directory) }
        let thresholds = Matrix.severities + ["never"]
        for (rank, severity) in Matrix.severities.enumerated() {
            for state in ["active", "waived", "baselined"] {
                let model = try matrix.model(severity, waived: state == "waived")
                var extra: [String] = []
                if state == "baselined" {
                    let baseline = matrix.directory.appendingPathComponent("\(severity).baseline.json")
                    let recorded = try CLI.run(["baseline", model.path, "--no-builtin", "--policy", matrix.policies.path,
                                                "--output", baseline.path, Self.asOf])
                    #expect(recorded.status == 0)
                    extra = ["--baseline", baseline.path]
                }
                for (thresholdRank, threshold) in thresholds.enumerated() {
                    let result = try CLI.run(["check", model.path, "--no-builtin", "--policy", matrix.policies.path,
                                              "--fail-on", threshold, Self.asOf] + extra)
                    // Severities are listed most severe first: a finding fails the run when its
                    // rank is at or above the threshold's, unless waived or baselined.
                    let expected: Int32 = state == "active" && threshold != "never" && rank <= thresholdRank ? 1 : 0
                    #expect(result.status == expected, "\(severity) \(state) --fail-on \(threshold): \(result.stderr)")
                }
            }
        }
    }

    @Test func baselineSurvivesReorderingTheYAML() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = CLI.repoRoot.appendingPathComponent("Examples/1177")
        let model = directory.appendingPathComponent("model")
        try FileManager.default.copyItem(at: source, to: model)
        let baseline = directory.appendingPathComponent("baseline.json")
        let recorded = try CLI.run(["baseline", "model", "--output", baseline.path, Self.asOf], directory: directory)
        #expect(recorded.stdout == "recorded 21 findings in \(baseline.path)\n")
        #expect(try CLI.run(["check", "model", "--baseline", baseline.path, Self.asOf], directory: directory).status == 0)

        // Reverse the order of the flows and move the stores section above the systems.
        let flows = model.appendingPathComponent("flows.yaml")
        let items = try String(contentsOf: flows, encoding: .utf8).components(separatedBy: "\n  - ")
        try Data(([items[0]] + items.dropFirst().reversed()).joined(separator: "\n  - ").utf8).write(to: flows)
        let systems = model.appendingPathComponent("systems.yaml")
        let parts = try String(contentsOf: systems, encoding: .utf8).components(separatedBy: "\nstores:\n")
        try Data(("stores:\n" + parts[1] + "\n" + parts[0]).utf8).write(to: systems)
        #expect(try CLI.run(["validate", "model"], directory: directory).status == 0)

        let reordered = try CLI.run(["check", "model", "--baseline", baseline.path, Self.asOf], directory: directory)
        #expect(reordered.status == 0, "\(reordered.stdout)")
        #expect(reordered.stdout.hasSuffix("0 critical, 0 high, 0 medium, 0 low, 0 info; 21 baselined (37 rules, as of 2026-11-25)\n"))

        // A new finding fails the run; a fixed one is reported as resolved.
        var text = try String(contentsOf: systems, encoding: .utf8)
        text = text.replacingOccurrences(of: "    encryption_at_rest: none\n", with: "    encryption_at_rest: customer-managed\n")
        text = text.replacingOccurrences(of: "    location: SE\n", with: "    location: SE\n    retention: unlimited\n")
        try Data(text.utf8).write(to: systems)
        let changed = try CLI.run(["check", "model", "--baseline", baseline.path, Self.asOf], directory: directory)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("retention-unlimited [high]"))
        #expect(changed.stdout.contains("RESOLVED SINCE THE BASELINE (2)\n  retention-undefined@voicenas (model/systems.yaml)\n  unencrypted-at-rest@voicenas (model/systems.yaml)"))
    }

    @Test func baselineErrorsAreLocated() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-bad-baseline-\(UUID().uuidString).json")
        try Data("{\"findings\": [{\"rule\": \"x\", \"subjekt\": \"y\", \"file\": \"z\"}]}".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["check", "Examples/1177", "--baseline", file.path, Self.asOf])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):1:29: error: unknown field 'subjekt' in baseline entry; did you mean 'subject'?"))
    }

    @Test func configurationFileEnvironmentAndFlags() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/1177"), to: directory.appendingPathComponent("model"))
        try Data("""
        paths: [model]
        fail_on: critical
        skip_rules: [third-country-*, public-storage-*]
        parameters: {large_scale_records: 5000000}
        """.utf8).write(to: directory.appendingPathComponent(".flowaudit.yaml"))
        // The file alone: no critical finding is left, so the run passes.
        let fromFile = try CLI.run(["check", Self.asOf], directory: directory)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(!fromFile.stdout.contains("dpia-required"))
        // The environment overrides the file; a flag overrides both.
        let fromEnvironment = try CLI.run(["check", Self.asOf], directory: directory, environment: ["FLOWAUDIT_FAIL_ON": "high"])
        #expect(fromEnvironment.status == 1)
        let fromFlag = try CLI.run(["check", "--fail-on", "never", Self.asOf], directory: directory, environment: ["FLOWAUDIT_FAIL_ON": "high"])
        #expect(fromFlag.status == 0)
        let shown = try CLI.run(["check", "--show-config", "--fail-on", "never"], directory: directory, environment: ["FLOWAUDIT_BASELINE": "b.json"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("paths: [\"model\"]"))
        #expect(shown.stdout.contains("# .flowaudit.yaml:1:8"))
        #expect(shown.stdout.contains("fail_on: never"))
        #expect(shown.stdout.contains("# flag"))
        #expect(shown.stdout.contains("# FLOWAUDIT_BASELINE"))
        #expect(shown.stdout.contains("parameters: {large_scale_records: \"5000000\"}"))

        try Data("paths: [model]\nfail_on: hihg\nskip_rule: [x]\n".utf8).write(to: directory.appendingPathComponent(".flowaudit.yaml"))
        let broken = try CLI.run(["check", Self.asOf], directory: directory)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains(".flowaudit.yaml:2:10: error: invalid value 'hihg' for 'fail_on'; did you mean 'high'?"))
        #expect(broken.stderr.contains(".flowaudit.yaml:3:1: error: unknown field 'skip_rule' in the configuration; did you mean 'skip_rules'?"))
    }

    @Test func repositoryShipsCIIntegration() throws {
        let workflow = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/ci/.github/workflows/flowaudit.yml"), encoding: .utf8)
        #expect(workflow.contains("--format sarif"))
        #expect(workflow.contains("upload-sarif"))
        // What the configuration says is not said again, and upload-sarif can read the workflow.
        #expect(!workflow.contains("models/") && !workflow.contains("--fail-on"))
        #expect(workflow.contains("actions: read"))
        #expect(workflow.contains("actions/cache"))
        #expect(workflow.contains("steps.audit.outcome"))
        let gitlab = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/ci/.gitlab-ci.yml"), encoding: .utf8)
        #expect(!gitlab.contains("models/") && !gitlab.contains("--fail-on"))
        let release = try String(contentsOf: CLI.repoRoot.appendingPathComponent(".github/workflows/release.yml"), encoding: .utf8)
        #expect(release.contains(".ci/package"))
        let package = try String(contentsOf: CLI.repoRoot.appendingPathComponent(".ci/package"), encoding: .utf8)
        #expect(package.contains("--static-swift-stdlib") && package.contains("share/flowaudit"))
        let hooks = try String(contentsOf: CLI.repoRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hooks.contains("id: flowaudit-check"))
        // The hooks read the model from the configuration, as every command does.
        #expect(!hooks.contains("models/"))
    }
}

/// GitHub shows ten annotations of each kind per step: more would be dropped silently.
@Suite struct GitHubAnnotationTests {
    static let asOf = "--as-of=2026-11-25"

    @Test func tenOfEachKindThenTheTotalsAndEveryFindingInTheStepSummary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-github-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stores = (0..<12).map { "  nas-\($0): {operator: clinic, encryption_at_rest: none, access: public, retention: P1Y, holds: [notes]}" }
        let model = """
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller}
        data:
          notes: {controller: clinic, categories: [special.health], records: 10}
        stores:
        \(stores.joined(separator: "\n"))
        """
        try Data(model.utf8).write(to: directory.appendingPathComponent("model.yaml"))
        let summary = directory.appendingPathComponent("summary.md")
        try Data("# earlier step\n".utf8).write(to: summary)
        let result = try CLI.run(["check", directory.appendingPathComponent("model.yaml").path, "--format", "github", Self.asOf],
                                 environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(lines.contains { $0.contains("more findings not annotated") || $0.contains("more finding not annotated") })
        let written = try String(contentsOf: summary, encoding: .utf8)
        #expect(written.hasPrefix("# earlier step\n"))
        for store in 0..<12 { #expect(written.contains("nas-\(store)"), "nas-\(store)") }
    }
}

/// A baseline's files are relative to the baseline's own folder: it works from any working
/// directory, as CI and a developer's shell differ.
@Suite struct BaselineFolderTests {
    @Test func aBaselineWorksFromAnyWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("baseline.json").path
        #expect(try CLI.run(["baseline", "Examples/1177", "--output", baseline, "--as-of=2026-11-25"]).status == 0)
        let examples = CLI.repoRoot.appendingPathComponent("Examples")
        let fromExamples = try CLI.run(["check", "1177", "--baseline", baseline, "--as-of=2026-11-25"], directory: examples)
        #expect(fromExamples.status == 0, "\(fromExamples.stdout)")
        #expect(fromExamples.stdout.hasSuffix("0 critical, 0 high, 0 medium, 0 low, 0 info; 21 baselined (37 rules, as of 2026-11-25)\n"))
        #expect(!fromExamples.stdout.contains("RESOLVED"))
    }

    /// Format 1 held files relative to the working directory: such a baseline still reads so.
    @Test func aFormatOneBaselineStillWorksFromWhereItWasMade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("old.json")
        let entry = #"{"rule": "unencrypted-at-rest", "subject": "voicenas", "file": "Examples/1177/systems.yaml"}"#
        try Data(#"{"tool": "flowaudit", "version": 1, "findings": [\#(entry)]}"#.utf8).write(to: baseline)
        let result = try CLI.run(["check", "Examples/1177", "--baseline", baseline.path, "--as-of=2026-11-25"])
        #expect(result.stdout.contains("1 baselined"), "\(result.stdout)")
    }
}

/// The example pipelines' audit commands, run as written in a repository like the one they
/// document: models named by .flowaudit.yaml, reports where the pipeline picks them up.
@Suite struct CIExampleTests {
    /// The shell command of the audit step, and the report files the pipeline reads, from the YAML.
    static func audit(_ example: String) throws -> (command: String, reports: [String]) {
        let script = """
        import sys, yaml
        document = yaml.safe_load(open(sys.argv[1]))
        if "jobs" in document:
            steps = document["jobs"]["audit"]["steps"]
            command = next(step["run"] for step in steps if step.get("id") == "audit")
            reports = [step["with"]["sarif_file"] for step in steps if "upload-sarif" in step.get("uses", "")]
        else:
            job = document["flowaudit"]
            command = " ".join(job["script"])
            reports = list(job["artifacts"]["reports"].values()) + job["artifacts"]["paths"]
        print(" ".join(command.replace(chr(92), " ").split()))
        for report in reports:
            print(report)
        """
        let result = try CLI.runTool("/usr/bin/env", ["python3", "-c", script,
                                                       CLI.repoRoot.appendingPathComponent("Examples/ci/\(example)").path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        return (try #require(lines.first), Array(lines.dropFirst()))
    }

    /// A folder laid out as a repository the examples document: `model` under `models/1177`, and
    /// `.flowaudit.yaml` with `configuration`. Removed by the caller.
    static func workspace(model: String, configuration: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("models"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent(model), to: directory.appendingPathComponent("models/1177"))
        try Data(configuration.utf8).write(to: directory.appendingPathComponent(".flowaudit.yaml"))
        return directory
    }

    /// A step's shell command, run as the pipeline runs it, with the built flowaudit on the path.
    static func runStep(_ command: String, in directory: URL) throws -> CLI.Result {
        let binaries = CLI.binary.deletingLastPathComponent().path
        return try CLI.run(["-c", "PATH=\"\(binaries):$PATH\" " + command], directory: directory, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// README's "Use in CI" shows the steps as the example files have them, character for character.
    @Test(arguments: [("### GitHub Actions", ".github/workflows/flowaudit.yml"), ("### GitLab CI", ".gitlab-ci.yml"), ("## Review a change", ".github/workflows/flowaudit.yml")])
    func readmeShowsTheStepsAsTheyAre(_ heading: String, _ example: String) throws {
        let readme = try String(contentsOf: CLI.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let file = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/ci/\(example)"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: heading + "\n").dropFirst().first?.components(separatedBy: "\n#").first)
        let blocks = section.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(!blocks.isEmpty)
        for block in blocks { #expect(file.contains(block), "\(block)") }
    }

    @Test(arguments: [".github/workflows/flowaudit.yml", ".gitlab-ci.yml"])
    func theAuditStepWritesWhatThePipelineReads(_ example: String) throws {
        let (command, reports) = try Self.audit(example)
        #expect(command.hasPrefix("flowaudit check"), "\(command)")
        #expect(!reports.isEmpty)
        let directory = try Self.workspace(model: "Examples/1177", configuration: "paths: [models]\nfail_on: high\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.runStep(command + " --as-of 2026-11-25", in: directory)
        // The 1177 model has high findings: the step fails, after writing every report.
        #expect(result.status == 1, "\(result.stderr)")
        for report in reports {
            let data = try Data(contentsOf: directory.appendingPathComponent(report))
            #expect(data.count > 1000, "\(report)")
            if report.hasSuffix(".json") || report.hasSuffix(".sarif") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(report)")
            }
        }
        #expect(result.stdout.contains("models/1177/flows.yaml"))
    }

    /// The workflow's review step, run as written on a pull request whose base lacks MediCall:
    /// the comment it posts names the new sub-processor.
    @Test func theReviewStepWritesTheComment() throws {
        let script = """
        import sys, yaml
        steps = yaml.safe_load(open(sys.argv[1]))["jobs"]["audit"]["steps"]
        print(next(step["run"] for step in steps if step.get("id") == "review"))
        """
        let extracted = try CLI.runTool("/usr/bin/env", ["python3", "-c", script,
                                                          CLI.repoRoot.appendingPathComponent("Examples/ci/.github/workflows/flowaudit.yml").path])
        let command = extracted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "${{ github.base_ref }}", with: "main")
        #expect(command.hasPrefix("flowaudit diff"), "\(command)")
        let repository = try Self.workspace(model: "Examples/diff/1177-before", configuration: "paths: [models]\n")
        defer { try? FileManager.default.removeItem(at: repository) }
        let git = URL(fileURLWithPath: "/usr/bin/git")
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "base"],
                          ["update-ref", "refs/remotes/origin/main", "HEAD"]] {
            #expect(try CLI.run(arguments, directory: repository, executable: git).status == 0)
        }
        try FileManager.default.removeItem(at: repository.appendingPathComponent("models/1177"))
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/1177"), to: repository.appendingPathComponent("models/1177"))
        let result = try Self.runStep(command, in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let comment = try String(contentsOf: repository.appendingPathComponent("flowaudit-diff.md"), encoding: .utf8)
        #expect(comment.hasPrefix("## flowaudit: what this change does to the data map"))
        #expect(comment.contains("engages sub-processor MediCall Co. Ltd (medicall, TH)"))
    }
}
