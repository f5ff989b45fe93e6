import Foundation
import Testing

/// `flowaudit diff`: model paths and git revisions on either side, the formats, and the gate.
@Suite struct DiffCommandTests {
    static let asOf = "--as-of=2026-11-25"

    /// The 1177 model before MediCall and after it, as a pull-request comment.
    @Test func goldenMarkdownForThe1177Change() throws {
        let result = try CLI.run(["diff", "Examples/diff/1177-before", "Examples/1177", "--format", "markdown", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        try CLI.expectGolden(result.stdout, "1177.diff.md")
        #expect(result.stdout.contains("engages sub-processor MediCall Co. Ltd (medicall, TH)"))
    }

    @Test func failOnNewGatesOnTheChangeAlone() throws {
        let gated = try CLI.run(["diff", "Examples/diff/1177-before", "Examples/1177", "--fail-on-new", "critical", Self.asOf])
        #expect(gated.status == 1)
        // The same model on both sides: nothing new, whatever the findings.
        let same = try CLI.run(["diff", "Examples/1177", "Examples/1177", "--fail-on-new", "info", Self.asOf])
        #expect(same.status == 0)
        #expect(same.stdout.contains("no change to the data's journey"))
        let json = try CLI.run(["diff", "Examples/diff/1177-before", "Examples/1177", "--format", "json", Self.asOf])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["findings"] as? [[String: Any]])?.count == 8)
        #expect((document["subprocessors"] as? [[String: Any]])?.count == 1)
    }

    /// Runs git in `directory`, failing the test when git does.
    private static func git(_ arguments: [String], in directory: URL) throws {
        let result = try CLI.run(arguments, directory: directory, executable: URL(fileURLWithPath: "/usr/bin/git"))
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    /// Both sides read from a repository's history, with no checkout; the old side's commit day
    /// dates the agreements that expired since; the configuration's paths are the default.
    @Test func gitRevisionsOnEitherSide() throws {
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-diff-\(UUID().uuidString)")
        let models = repository.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/diff/1177-before"), to: models.appendingPathComponent("1177"))
        try Data("paths: [models]\n".utf8).write(to: repository.appendingPathComponent(".flowaudit.yaml"))
        try Data("name: not a model\n".utf8).write(to: repository.appendingPathComponent("notes.yaml"))
        try Self.git(["init", "-q"], in: repository)
        try Self.git(["add", "."], in: repository)
        try Self.git(["-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "before",
                      "--date", "2025-06-01T12:00:00Z"], in: repository)
        for name in ["organizations.yaml", "flows.yaml", "systems.yaml", "agreements.yaml", "activities.yaml"] {
            try FileManager.default.removeItem(at: models.appendingPathComponent("1177/\(name)"))
            try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/1177/\(name)"), to: models.appendingPathComponent("1177/\(name)"))
        }
        // The DPA with Voice Integrate runs out in 2028.
        let agreements = models.appendingPathComponent("1177/agreements.yaml")
        try Data((try String(contentsOf: agreements, encoding: .utf8) + "    expires: 2028-06-30\n").utf8).write(to: agreements)
        try Self.git(["add", "."], in: repository)
        try Self.git(["-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "after"], in: repository)

        let committed = try CLI.run(["diff", "git:HEAD~1", "git:HEAD", Self.asOf], directory: repository)
        #expect(committed.status == 0, "\(committed.stderr)")
        #expect(committed.stdout.contains("engages sub-processor MediCall Co. Ltd"))
        #expect(committed.stdout.contains("HEAD:models/1177/flows.yaml:16:5"))
        // The working tree as the new side, an explicit path on the old one: the same change.
        let working = try CLI.run(["diff", "git:HEAD~1:models", Self.asOf], directory: repository)
        #expect(working.status == 0 && working.stdout.contains("engages sub-processor MediCall Co. Ltd"))
        // Agreements that expired between the old commit (2025-06-01) and the day judged.
        let since = try CLI.run(["diff", "git:HEAD~1", "git:HEAD", "--as-of", "2029-01-01"], directory: repository)
        #expect(since.stdout.contains("agreement dpa dpa-medhelp-voice-integrate (medhelp, voice-integrate) expired on 2028-06-30"), "\(since.stdout)")

        let unknown = try CLI.run(["diff", "git:no-such-rev", "git:HEAD"], directory: repository)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no-such-rev"))
        let empty = try CLI.run(["diff", "git:HEAD:nowhere", "git:HEAD"], directory: repository)
        #expect(empty.status == 2 && empty.stderr.contains("no model files"))
    }
}
