import Foundation
import Testing

/// Issue 2's list of bad inputs: each alone exits 2 with the file (and line, where there is one),
/// quickly and within memory; never a crash or a hang.
@Suite(.serialized) struct ValidateCommandTests {
    static let organization = "organizations:\n  o: {name: O, country: SE}\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        /// `file:line` the first error must name; nil where the fault has no line.
        let line: Int?
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, line: Int?, _ message: String) {
            self.init(name, Array(text.utf8), line: line, message)
        }

        init(_ name: String, _ bytes: [UInt8], line: Int?, _ message: String) {
            self.name = name
            self.bytes = bytes
            self.line = line
            self.message = message
        }
    }

    static let cases: [Case] = {
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            laughs += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        var generator = SystemRandomNumberGenerator()
        var random = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        random[0] = 0xFF // never accidentally valid YAML
        return [
            Case("unclosed flow mapping", "organizations: {o: {name: O, country: SE}\n", line: 2, "did not find expected"),
            Case("duplicate key", "organizations:\n  o:\n    name: O\n    name: P\n    country: SE\n", line: 4, "duplicate key 'name'; first defined at"),
            Case("id defined twice", organization + "stores:\n  o: {operator: o}\n", line: 4, "id 'o' is defined twice"),
            Case("billion laughs", laughs, line: 6, "aliases expand to more than"),
            Case("100,000 nested brackets", String(repeating: "[", count: 100_000), line: 1, "nesting deeper than"),
            Case("invalid UTF-8", Array("organizations:\n  o: {name: ".utf8) + [0xFF, 0xFE] + Array("}\n".utf8), line: 2, "UTF-8"),
            Case("4 KiB of random bytes", random, line: 1, "error:"),
            Case("64 MiB scalar", Array("organizations:\n  o:\n    name: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 20),
                 line: 3, "over the limit"),
            Case("!!binary document", "!!binary aGVsbG8=\n", line: 1, "unsupported tag '!!binary'"),
            Case("misspelled field", "organizations:\n  o: {name: O, contry: SE}\n", line: 2, "did you mean 'country'?"),
            Case("misspelled section", "organisations: {}\n", line: 1, "did you mean 'organizations'?"),
            Case("flow to unknown id", organization + "data:\n  d: {controller: o, categories: [personal]}\nflows:\n  - {from: o, to: p, data: [d]}\n",
                 line: 6, "refers to unknown id 'p' in 'to'"),
            Case("country XX", "organizations:\n  o: {name: O, country: XX}\n", line: 2, "unknown country code 'XX'"),
            Case("encryption maybe", organization + "stores:\n  s: {operator: o, encryption_at_rest: maybe}\n", line: 4,
                 "invalid value 'maybe' for 'encryption_at_rest'"),
            Case("date 2024-13-45", organization + "agreements:\n  - {type: dpa, controller: o, processor: o, signed: 2024-13-45}\n",
                 line: 4, "invalid date '2024-13-45'"),
            Case("retention six years", organization + "stores:\n  s: {operator: o, retention: six years}\n", line: 4, "invalid retention 'six years'"),
            Case("list where a map is due", "organizations:\n  - o\n", line: 2, "must be a map, not a list"),
        ]
    }()

    @Test(arguments: cases)
    func badInputExitsTwoWithPlace(_ testCase: Case) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("model.yaml")
        try Data(testCase.bytes).write(to: file)
        let result = try CLI.run(["validate", file.path])
        #expect(result.status == 2, "\(testCase.name): \(result.stderr)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        if let line = testCase.line {
            #expect(first.hasPrefix("\(file.path):\(line):"), "\(testCase.name): \(first)")
        } else {
            #expect(first.hasPrefix(file.path), "\(testCase.name): \(first)")
        }
        #expect(result.stderr.contains(testCase.message), "\(testCase.name): \(result.stderr)")
        #expect(result.seconds < 2, "\(testCase.name) took \(result.seconds) s")
        #expect(CLI.peakChildMemory() < 1 << 30)
    }

    @Test func emptyFileIsAValidEmptyModel() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-empty-\(UUID().uuidString).yaml")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["validate", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "ok: 0 organizations, 0 data sets, 0 systems, 0 stores, 0 flows, 0 agreements, 0 waivers in 1 file\n")
    }

    @Test func validatesTheExamples() throws {
        let result = try CLI.run(["validate", "Examples/1177"])
        #expect(result.status == 0)
        #expect(result.stdout == "ok: 6 organizations, 2 data sets, 4 activities, 2 systems, 1 store, 5 flows, 1 agreement, 0 waivers in 6 files\n")
    }

    /// A repository root holds YAML that is no model (`.github/workflows`): hidden files and
    /// folders are passed over when a directory is read.
    @Test func aRepositoryRootSkipsHiddenFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workflows = root.appendingPathComponent(".github/workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        try Data("name: ci\non: [push]\n".utf8).write(to: workflows.appendingPathComponent("ci.yml"))
        try Data("name: hidden\n".utf8).write(to: root.appendingPathComponent(".pre-commit-config.yaml"))
        try Data("organizations:\n  a: {name: A, country: SE}\n".utf8).write(to: root.appendingPathComponent("model.yaml"))
        let result = try CLI.run(["validate", root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: 1 organization,") && result.stdout.hasSuffix("in 1 file\n"))
    }

    /// A category typo would have made health data not special: exit 2 and the key meant.
    @Test func aMisplacedCategoryIsAnError() throws {
        let model = "organizations: {o: {name: O, country: SE}}\ndata:\n  d: {controller: o, categories: [personal.health]}\n"
        let result = try CLI.run(["validate", "-"], stdin: model)
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:3:34: error: unknown data category 'personal.health'; did you mean 'special.health'?"), "\(result.stderr)")
    }

    @Test func missingPathIsAnError() throws {
        let result = try CLI.run(["validate", "no/such/dir"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("no/such/dir: error: no such file or directory"))
    }
}

/// Every command reads the model from `.flowaudit.yaml` when given no path, as `check` does (the
/// pre-commit hooks pass none).
@Suite struct ConfiguredPathsTests {
    @Test func validateAndTheViewsReadThePathsOfTheConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("model"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/compliant-clinic/model.yaml"), encoding: .utf8)
        try Data(model.utf8).write(to: directory.appendingPathComponent("model/model.yaml"))
        let unconfigured = try CLI.run(["validate"], directory: directory)
        #expect(unconfigured.status == 2)
        #expect(unconfigured.stderr.contains("no model given"))
        try Data("paths: [model]\n".utf8).write(to: directory.appendingPathComponent(".flowaudit.yaml"))
        let validated = try CLI.run(["validate"], directory: directory)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.hasPrefix("ok: "))
        let ropa = try CLI.run(["ropa", "--as-of", "2026-11-25"], directory: directory)
        #expect(ropa.status == 0, "\(ropa.stderr)")
        #expect(!ropa.stdout.isEmpty)
    }
}

/// `--exclude GLOB` and the configuration's `exclude` pass files and folders over.
@Suite struct ExcludeTests {
    @Test func excludedFilesAndFoldersAreNotRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-exclude-\(UUID().uuidString)")
        let generated = root.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("organizations:\n  a: {name: A, country: SE}\n".utf8).write(to: root.appendingPathComponent("model.yaml"))
        try Data("name: not a model\n".utf8).write(to: generated.appendingPathComponent("out.yaml"))
        try Data("name: not a model either\n".utf8).write(to: root.appendingPathComponent("compose.yml"))
        #expect(try CLI.run(["validate", root.path]).status == 2)
        let flagged = try CLI.run(["validate", root.path, "--exclude", "generated", "--exclude", "*.yml"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stdout.hasSuffix("in 1 file\n"))
        try Data("paths: [.]\nexclude: [generated, compose.yml]\n".utf8).write(to: root.appendingPathComponent(".flowaudit.yaml"))
        let configured = try CLI.run(["check", "--fail-on", "never", "--as-of", "2026-11-25"], directory: root)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(try CLI.run(["validate"], directory: root).status == 0)
    }
}

/// Help text reads as paragraphs: the parser wraps each one to 80 columns, so no paragraph may
/// carry hard line breaks of its own (they left short lines between full ones).
@Suite struct HelpTextTests {
    @Test(arguments: ["validate", "check", "baseline", "rules", "explain", "test", "vendor", "impact", "ropa", "diff", "graph", "schema", "init"])
    func paragraphsAreWrappedOnlyByTheParser(_ command: String) throws {
        let result = try CLI.run([command, "--help"])
        #expect(result.status == 0)
        let overview = result.stdout.components(separatedBy: "\nUSAGE:")[0]
        let lines = overview.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (position, line) in lines.enumerated() {
            #expect(line.count <= 80, "\(command): \(line)")
            // A short line followed by more of the same paragraph is a hard break.
            if position + 1 < lines.count, !lines[position + 1].isEmpty, !line.isEmpty, line.count < 50 {
                Issue.record("\(command) --help breaks a paragraph after '\(line)'")
            }
        }
    }
}

/// The examples folder holds several models: the CI examples sit where a repository keeps them
/// (hidden folders, never read as models), and two versions of one model are named as such.
@Suite struct ExamplesFolderTests {
    @Test func theExamplesValidateAndTwoVersionsOfAModelAreNamed() throws {
        let models = try CLI.run(["validate", "Examples", "--exclude", "diff"])
        #expect(models.status == 0, "\(models.stderr)")
        let both = try CLI.run(["validate", "Examples"])
        #expect(both.status == 2)
        #expect(!both.stderr.contains("Examples/ci/"))
        #expect(both.stderr.contains("(Examples/1177 and Examples/diff/1177-before may be two models, or two versions of one: give one of them at a time)"),
                "\(both.stderr.prefix(600))")
    }
}
