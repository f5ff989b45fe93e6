import Foundation
import Testing

@Suite(.serialized) struct CheckCommandTests {
    static let asOf = "--as-of=2026-11-25"

    @Test func golden1177Text() throws {
        let result = try CLI.run(["check", "Examples/1177", Self.asOf])
        #expect(result.status == 1)
        try CLI.expectGolden(result.stdout, "1177.txt")
    }

    @Test func golden1177JSON() throws {
        let result = try CLI.run(["check", "Examples/1177", "--format", "json", Self.asOf])
        #expect(result.status == 1)
        try CLI.expectGolden(result.stdout, "1177.json")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Int]
        #expect(summary?["critical"] == 4)
        #expect((object?["findings"] as? [Any])?.count == 21)
    }

    @Test func goldenTelehealthWithWaivers() throws {
        let result = try CLI.run(["check", "Examples/telehealth-app", Self.asOf])
        #expect(result.status == 1)
        try CLI.expectGolden(result.stdout, "telehealth-app.txt")
        // The JSON of a waived finding carries its waiver (written by `JSONWriter`).
        let json = try CLI.run(["check", "Examples/telehealth-app", "--format", "json", Self.asOf])
        try CLI.expectGolden(json.stdout, "telehealth-app.json")
    }

    @Test func compliantClinicIsClean() throws {
        let result = try CLI.run(["check", "Examples/compliant-clinic", "--fail-on", "info", Self.asOf])
        #expect(result.status == 0)
        #expect(result.stdout == "0 critical, 0 high, 0 medium, 0 low, 0 info (37 rules, as of 2026-11-25)\n")
    }

    @Test func outputIsByteIdenticalAcrossRuns() throws {
        for format in ["text", "json"] {
            let first = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--format", format, Self.asOf])
            let second = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--format", format, Self.asOf])
            #expect(first.stdout == second.stdout)
            #expect(!first.stdout.isEmpty)
        }
    }

    @Test func failOnThresholds() throws {
        // 1177 has critical findings: everything but `never` fails.
        for threshold in ["critical", "high", "medium", "low", "info"] {
            #expect(try CLI.run(["check", "Examples/1177", "--fail-on", threshold, Self.asOf]).status == 1)
        }
        #expect(try CLI.run(["check", "Examples/1177", "--fail-on", "never", Self.asOf]).status == 0)
        // telehealth's worst active finding is high: critical does not fail it.
        #expect(try CLI.run(["check", "Examples/telehealth-app", "--fail-on", "critical", Self.asOf]).status == 0)
        #expect(try CLI.run(["check", "Examples/telehealth-app", "--fail-on", "high", Self.asOf]).status == 1)
    }

    @Test func asOfMovesExpiry() throws {
        // Before the DPA's expiry the agreement-expired finding disappears.
        let early = try CLI.run(["check", "Examples/telehealth-app", "--as-of", "2025-06-01", "--format", "json"])
        #expect(!early.stdout.contains("\"rule\": \"agreement-expired\""))
        let late = try CLI.run(["check", "Examples/telehealth-app", "--as-of", "2026-06-01", "--format", "json"])
        #expect(late.stdout.contains("\"rule\": \"agreement-expired\""))
    }

    @Test func parameterOverride() throws {
        let lowered = try CLI.run(["check", "Examples/telehealth-app", "--param", "large_scale_records=1000", "--format", "json", Self.asOf])
        #expect(lowered.stdout.contains("\"dpia-required@consultations\""))
        let unknown = try CLI.run(["check", "Examples/1177", "--param", "large_scale_record=1000", Self.asOf])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule declares parameter 'large_scale_record'; did you mean 'large_scale_records'?"))
    }

    @Test func userPolicyFolderAndNoBuiltin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
        id: no-thai-processing
        title: No processing in Thailand
        severity: info
        articles: ["44"]
        rationale: house rule
        remediation: move it
        for: organization
        when: {fact: country, equals: TH}
        message: "{name} is in Thailand"
        examples:
          trigger: [{organizations: {o: {name: O, country: TH}}}]
          clean: [{organizations: {o: {name: O, country: SE}}}]
        """.utf8).write(to: folder.appendingPathComponent("no-thai-processing.yaml"))
        let result = try CLI.run(["check", "Examples/1177", "--no-builtin", "--policy", folder.path, "--fail-on", "info", Self.asOf])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no-thai-processing [info]\n    MediCall Co. Ltd is in Thailand"))
        #expect(result.stdout.hasSuffix("0 critical, 0 high, 0 medium, 0 low, 1 info (1 rule, as of 2026-11-25)\n`flowaudit explain RULE` for the rationale\n"))
        let tested = try CLI.run(["test", folder.path])
        #expect(tested.status == 0)
        #expect(tested.stdout == "2 passed, 0 failed\n")
    }

    @Test func invalidPolicyGetsModelStyleDiagnostics() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-bad-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("""
        id: bad-rule
        title: Bad
        severity: hihg
        articles: []
        rationale: r
        remediation: r
        for: store
        when: {fact: acess, equals: public}
        message: "{name}"
        examples: {trigger: [{}], clean: [{}]}
        """.utf8).write(to: file)
        let result = try CLI.run(["check", "Examples/1177", "--policy", folder.path, Self.asOf])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):3:11: error: invalid severity 'hihg'; did you mean 'high'?"))
        #expect(result.stderr.contains("\(file.path):8:14: error: unknown fact 'acess' for store; did you mean 'access'?"))
    }

    @Test func rulesExplainAndTestBuiltins() throws {
        let rules = try CLI.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.split(separator: "\n").count == CLI.builtinRuleCount)
        #expect(rules.stdout.contains("public-storage-of-personal-data"))
        let explain = try CLI.run(["explain", "retention-undefined"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Why:"))
        #expect(explain.stdout.contains("stores: {nas: {operator: host, holds: [calls]}}"))
        let typo = try CLI.run(["explain", "retention-undefind"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'retention-undefined'?"))
        let test = try CLI.run(["test"])
        #expect(test.status == 0)
        #expect(test.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func runsFromAnyDirectory() throws {
        let result = try CLI.run(["check", CLI.repoRoot.appendingPathComponent("Examples/compliant-clinic").path, Self.asOf],
                                 directory: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
    }

    @Test func versionAndHelp() throws {
        #expect(try CLI.run(["--version"]).stdout == "0.1.0\n")
        for command in ["validate", "check", "rules", "explain", "test"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE"))
        }
        #expect(try CLI.run(["check", "--fail-on", "severe", "Examples/1177"]).status == 2)
    }
}
