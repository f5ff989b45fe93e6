import Foundation
import FoundationXML
import Testing

@Suite(.serialized) struct FormatTests {
    static let asOf = "--as-of=2026-11-25"
    static let examples = ["1177", "compliant-clinic"]
    static let formats = ["json", "sarif", "junit", "github", "codequality", "markdown", "text"]

    @Test(arguments: examples, formats)
    func golden(_ example: String, _ format: String) throws {
        let result = try CLI.run(["check", "Examples/\(example)", "--format", format, "--fail-on", "never", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        let suffix = ["sarif": "sarif", "junit": "xml", "github": "github.txt", "codequality": "codequality.json", "markdown": "md", "json": "json", "text": "txt"][format] ?? format
        try CLI.expectGolden(result.stdout, "\(example).\(suffix)")
    }

    @Test(arguments: examples)
    func sarifValidatesAgainstTheOASISSchema(_ example: String) throws {
        let schemaPath = try CLI.sharedSchema("sarif-schema-2.1.0.json")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("out.sarif")
        // Waive one finding through a baseline so suppressions are validated too.
        let baseline = directory.appendingPathComponent("baseline.json")
        _ = try CLI.run(["baseline", "Examples/\(example)", "--output", baseline.path, Self.asOf])
        let result = try CLI.run(["check", "Examples/\(example)", "Examples/telehealth-app", "--baseline", baseline.path,
                                  "--format", "sarif", "--output", sarif.path, "--fail-on", "never", "--sarif-include-suppressed",
                                  Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        let validation = try CLI.runTool("/usr/bin/env", ["python3", "-c", """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
        jsonschema.validate(log, schema)
        results = log["runs"][0]["results"]
        assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
        assert all(r["partialFingerprints"]["flowaudit/v1"] for r in results)
        print(len(results), sum(1 for r in results if r.get("suppressions")))
        """, schemaPath, sarif.path])
        #expect(validation.status == 0, "schema validation failed: \(validation.stderr)")
        let counts = validation.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 2)
        if example == "1177" { #expect(counts == [35, 22]) } // 21 + 14 telehealth; 21 baselined + 1 waived
    }

    /// Valid against Jenkins' junit-10.xsd; one test case per rule; failing exactly where the run
    /// fails, with every finding at or above `--fail-on` as a line of its rule's failure.
    @Test(arguments: ["never", "critical", "high", "low"])
    func junitIsValidAndFailsWhereTheRunFails(_ failOn: String) throws {
        let xsd = try CLI.sharedSchema("junit-jenkins-10.xsd")
        let xmllint = try #require(["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "xmllint is missing (Debian: libxml2-utils)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = directory.appendingPathComponent("report.xml"), json = directory.appendingPathComponent("report.json")
        let result = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--fail-on", failOn, Self.asOf,
                                  "--format", "junit", "--output", junit.path, "--format", "json", "--output", json.path])
        let validation = try CLI.runTool(xmllint, ["--noout", "--schema", xsd, junit.path])
        #expect(validation.status == 0, "\(validation.stderr)")

        let document = try XMLDocument(contentsOf: junit)
        let root = try #require(document.rootElement())
        let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.count == CLI.builtinRuleCount)
        let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
        #expect(root.attribute(forName: "failures")?.stringValue == "\(failing.count)")
        #expect(result.status == (failing.isEmpty ? 0 : 1), "exit \(result.status) with \(failing.count) failing")

        // Every active finding at or above the threshold is a line of its rule's failure, no other.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let ranks = ["critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0]
        let threshold = ranks[failOn] ?? 99
        var expected: [String: Int] = [:]
        for finding in findings where finding["waived"] as? Bool != true && finding["baselined"] as? Bool != true && ranks[finding["severity"] as? String ?? ""] ?? -1 >= threshold {
            expected[finding["rule"] as? String ?? "", default: 0] += 1
        }
        #expect(!expected.isEmpty || failOn == "never")
        for testCase in cases {
            let name = testCase.attribute(forName: "name")?.stringValue ?? ""
            let text = testCase.elements(forName: "failure").first?.stringValue ?? ""
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("Examples/") }
            #expect(lines.count == expected[name, default: 0], "\(name)")
        }
    }

    @Test func severalOutputsInOneRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("results.sarif").path
        let junit = directory.appendingPathComponent("junit.xml").path
        let result = try CLI.run(["check", "Examples/1177", "--format", "text", "--format", "sarif", "--format", "junit",
                                  "--output", "-", "--output", sarif, "--output", junit, Self.asOf])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("WHAT TO CHANGE: 10 changes clear all 21 findings\n"))
        #expect(result.stdout.contains("\n\nCRITICAL (4)\n"))
        #expect(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\": \"2.1.0\""))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).hasPrefix("<?xml"))
        // No temporary file is left beside the reports.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["junit.xml", "results.sarif"])
        let tooMany = try CLI.run(["check", "Examples/1177", "--output", "a", "--output", "b"])
        #expect(tooMany.status == 2)
        let unwritable = try CLI.run(["check", "Examples/1177", "--format", "sarif", "--output", "/nonexistent/dir/x.sarif", Self.asOf])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("/nonexistent/dir/x.sarif: error: cannot write the report"))
    }

    /// Every finding of the text report says what to do, and the report where the reasons are.
    @Test func theTextReportCarriesEachFix() throws {
        let result = try CLI.run(["check", "Examples/1177", Self.asOf])
        let findings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  Examples/") }.count
        #expect(findings == 21)
        #expect(result.stdout.components(separatedBy: "\n    fix: ").count - 1 == findings)
        #expect(result.stdout.hasSuffix("`flowaudit explain RULE` for the rationale\n"))
        let markdown = try CLI.run(["check", "Examples/1177", "--format", "markdown", Self.asOf])
        #expect(markdown.stdout.contains("| severity | rule | subject | where | finding | fix |"))
    }

    @Test func ruleSelectionAndMinSeverity() throws {
        let only = try CLI.run(["check", "Examples/1177", "--rule", "unencrypted-*", "--format", "json", Self.asOf])
        #expect(only.stdout.contains("unencrypted-at-rest@voicenas"))
        #expect(!only.stdout.contains("dpia-required"))
        let skipped = try CLI.run(["check", "Examples/1177", "--skip-rule", "third-country-*", "--format", "json", Self.asOf])
        #expect(!skipped.stdout.contains("third-country-transfer-without-safeguard"))
        let minimum = try CLI.run(["check", "Examples/1177", "--min-severity", "critical", Self.asOf])
        #expect(minimum.stdout.hasSuffix("4 critical, 0 high, 0 medium, 0 low, 0 info (37 rules, as of 2026-11-25)\n`flowaudit explain RULE` for the rationale\n"))
        let typo = try CLI.run(["check", "Examples/1177", "--rule", "unencrypted-at-rst", Self.asOf])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("--rule 'unencrypted-at-rst' names no rule; did you mean 'unencrypted-at-rest'?"))
    }

    @Test func progressGoesToStandardErrorOnlyWhenAsked() throws {
        let quiet = try CLI.run(["check", "Examples/1177", Self.asOf])
        #expect(quiet.stderr.isEmpty)
        let loud = try CLI.run(["check", "Examples/1177", "--progress", "--format", "json", Self.asOf])
        #expect(loud.stderr.contains("s] 6 files: 6 organizations, 5 flows; building the graph and running 37 rules"))
        #expect(loud.stderr.contains("s] done"))
        #expect(loud.stdout.hasPrefix("{"))
        let silent = try CLI.run(["check", "Examples/1177", "--quiet", Self.asOf])
        #expect(silent.status == 1)
        #expect(silent.stdout.isEmpty && silent.stderr.isEmpty)
        #expect(try CLI.run(["check", "no/such/model", "--quiet", Self.asOf]).stderr.contains("no such file or directory"))
    }

    /// On a terminal a run of a few files ends before a second: it shows no phases.
    @Test func aShortRunOnATerminalShowsNoProgress() throws {
        let binary = CLI.binary.path
        let command = "\(binary) check Examples/1177 --format json --output /dev/null --as-of 2026-11-25 2>&1 >/dev/null"
        let result = try CLI.runTool("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(!result.stdout.contains("s] "), "\(result.stdout)")
    }

    @Test func standardInput() throws {
        let model = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/compliant-clinic/model.yaml"), encoding: .utf8)
        let result = try CLI.run(["check", "-", Self.asOf], stdin: model)
        #expect(result.status == 0)
        let broken = try CLI.run(["check", "-", Self.asOf], stdin: "organizations:\n  o: {name: O, country: XX}\n")
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("<stdin>:2:25: error: unknown country code 'XX'"))
    }

    @Test func colourOnlyOnATerminal() throws {
        let piped = try CLI.run(["check", "Examples/1177", Self.asOf], environment: ["NO_COLOR": ""])
        #expect(!piped.stdout.contains("\u{1B}["))
        // `script` gives the binary a terminal; NO_COLOR and --no-color turn colour off there too.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = "\(CLI.binary.path) check Examples/1177 --as-of 2026-11-25"
        let tty = try CLI.runTool("/usr/bin/script", ["-qec", command, "/dev/null"], unsetColor: true)
        #expect(tty.stdout.contains("\u{1B}[1;31mCRITICAL (4)"))
        let noColor = try CLI.runTool("/usr/bin/script", ["-qec", command + " --no-color", "/dev/null"], unsetColor: true)
        #expect(!noColor.stdout.contains("\u{1B}[1;31m"))
        let environment = try CLI.runTool("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(!environment.stdout.contains("\u{1B}[1;31m"))
    }
}

/// What GitHub code scanning reads of a SARIF log, field by field.
@Suite struct SARIFForGitHubTests {
    static func log() throws -> [String: Any] {
        let result = try CLI.run(["check", "Examples/1177", "--format", "sarif", "--as-of", "2026-11-25"])
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func runCarriesItsCategoryAndItsBase() throws {
        let run = try #require((try Self.log()["runs"] as? [[String: Any]])?.first)
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "flowaudit/")
        #expect((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] != nil)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(!rules.isEmpty)
        for rule in rules {
            let tags = (rule["properties"] as? [String: Any])?["tags"] as? [String] ?? []
            #expect(tags.contains("security"), "\(rule["id"] ?? "")")
        }
    }

    /// GitHub matches alerts across commits by `primaryLocationLineHash`: derived from the stable
    /// fingerprint, never from the line, so moving the YAML keeps each alert.
    @Test func lineHashesComeFromTheFingerprint() throws {
        let run = try #require((try Self.log()["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        var hashes: [String: String] = [:]
        for result in results {
            let prints = try #require(result["partialFingerprints"] as? [String: String])
            let hash = try #require(prints["primaryLocationLineHash"])
            #expect(hash.range(of: "^[0-9a-f]{16}:1$", options: .regularExpression) != nil, "\(hash)")
            let fingerprint = try #require(prints["flowaudit/v1"])
            #expect(hashes.updateValue(hash, forKey: fingerprint) == nil)
        }
        #expect(Set(hashes.values).count == hashes.count)
        // The same fingerprints give the same hashes in another run.
        let again = try #require(((try Self.log()["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        for result in again {
            let prints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(hashes[prints["flowaudit/v1"] ?? ""] == prints["primaryLocationLineHash"])
        }
    }
}

/// GitHub opens an alert for every SARIF result, `suppressions` or not, and rejects uploads of
/// more than 25,000 results.
@Suite struct SARIFResultSelectionTests {
    static func results(_ arguments: [String], directory: URL = CLI.repoRoot) throws -> (results: [[String: Any]], run: [String: Any]) {
        let result = try CLI.run(["check"] + arguments + ["--format", "sarif", "--as-of", "2026-11-25"], directory: directory)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return (try #require(run["results"] as? [[String: Any]]), run)
    }

    @Test func baselinedFindingsAreLeftOutUnlessAskedFor() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("baseline.json").path
        let model = CLI.repoRoot.appendingPathComponent("Examples/1177").path
        #expect(try CLI.run(["baseline", model, "--output", baseline, "--as-of", "2026-11-25"]).status == 0)
        #expect(try Self.results([model, "--baseline", baseline]).results.isEmpty)
        let kept = try Self.results([model, "--baseline", baseline, "--sarif-include-suppressed"]).results
        #expect(kept.count == 21)
        #expect(kept.allSatisfy { $0["suppressions"] != nil && $0["baselineState"] as? String == "unchanged" })
    }

    @Test func maxResultsKeepsTheMostSevereAndSaysHowManyAreLeftOut() throws {
        let (results, run) = try Self.results(["Examples/1177", "--max-results", "3"])
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["level"] as? String == "error" })
        let notifications = ((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"]) as? [[String: Any]]
        let text = (notifications?.first?["message"] as? [String: Any])?["text"] as? String ?? ""
        #expect(text.hasPrefix("18 of 21 results left out"), "\(text)")
        #expect(try CLI.run(["check", "Examples/1177", "--format", "sarif", "--max-results", "0"]).status == 2)
    }

    /// GitHub resolves SARIF URIs and annotation files against the repository's root: run from
    /// a subfolder, paths are still the repository's; a file outside it is an absolute URI.
    @Test func pathsAreRelativeToTheRepositoryRoot() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-repo-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-outside-\(UUID().uuidString)")
        defer { for folder in [top, outside] { try? FileManager.default.removeItem(at: folder) } }
        for folder in [top.appendingPathComponent(".git"), top.appendingPathComponent("models"), outside] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let example = CLI.repoRoot.appendingPathComponent("Examples/1177")
        try FileManager.default.copyItem(at: example, to: top.appendingPathComponent("models/1177"))
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/telehealth-app"), to: outside.appendingPathComponent("telehealth-app"))
        let models = top.appendingPathComponent("models")
        let (results, _) = try Self.results(["1177", outside.appendingPathComponent("telehealth-app").path, "--fail-on", "never"], directory: models)
        var inside = 0, absolute = 0
        for result in results {
            let artifact = try #require((((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])?["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            if uri.hasPrefix("models/1177/") {
                #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
                inside += 1
            } else {
                #expect(uri.hasPrefix("file:///") && uri.contains("telehealth-app/") && artifact["uriBaseId"] == nil, "\(uri)")
                absolute += 1
            }
        }
        #expect(inside == 21 && absolute > 0)
        let github = try CLI.run(["check", "1177", "--format", "github", "--as-of", "2026-11-25"], directory: models)
        #expect(github.stdout.contains("::error file=models/1177/flows.yaml,line=16"), "\(github.stdout.prefix(300))")
        let quality = try CLI.run(["check", "1177", "--format", "codequality", "--as-of", "2026-11-25"], directory: models)
        #expect(quality.stdout.contains("\"path\": \"models/1177/flows.yaml\""))
    }

    /// GitLab's Code Quality report: the fields GitLab requires on every issue, one of its five
    /// severities per ours, unique fingerprints, and no waived or baselined finding.
    @Test func codeQualityIsWhatGitLabReads() throws {
        let result = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--format", "codequality", "--as-of", "2026-11-25"])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 34) // 21 + 14 telehealth, less its waived one
        let levels = ["critical": "blocker", "high": "critical", "medium": "major", "low": "minor", "info": "info"]
        var fingerprints = Set<String>()
        let json = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--format", "json", "--as-of", "2026-11-25"])
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let severityOf = Dictionary(findings.map { ($0["fingerprint"] as? String ?? "", $0["severity"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        for issue in issues {
            let fingerprint = try #require(issue["fingerprint"] as? String)
            #expect(fingerprints.insert(fingerprint).inserted)
            #expect(!(issue["description"] as? String ?? "").isEmpty && !(issue["check_name"] as? String ?? "").isEmpty)
            #expect(issue["severity"] as? String == levels[severityOf[fingerprint] ?? ""], "\(fingerprint)")
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("Examples/") == true)
            #expect(((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(!fingerprints.contains("retention-undefined@tickets-db")) // waived
    }

    /// GitHub shows an alert on a pull request only when all its lines are in the diff: a region
    /// ends on its entity's last line, never on the next entry's first.
    @Test func regionsEndOnTheirEntitysLastLine() throws {
        let examples = ["Examples/1177", "Examples/telehealth-app", "Examples/compliant-clinic"]
        let (results, _) = try Self.results(examples + ["--fail-on", "never"])
        #expect(results.count > 20)
        var waiverEnd: Int?
        for result in results {
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try #require(physical["region"] as? [String: Any])
            let start = try #require(region["startLine"] as? Int), end = try #require(region["endLine"] as? Int)
            let lines = try String(contentsOf: CLI.repoRoot.appendingPathComponent(uri), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(start <= end && end <= lines.count, "\(uri) \(start)-\(end)")
            // The next entry of a list starts with `- ` at the entity's own indentation or less.
            let indent = lines[start - 1].prefix { $0 == " " }.count
            for line in lines[start..<end] {
                let entry = line.drop { $0 == " " }
                #expect(!(entry.hasPrefix("- ") && line.count - entry.count <= indent), "\(uri) \(start)-\(end) runs onto: \(line)")
            }
            if result["ruleId"] as? String == "unused-waiver", uri.hasSuffix("telehealth-app/agreements.yaml") { waiverEnd = end }
        }
        #expect(waiverEnd == 39)
    }
}

/// GitHub shows a result's severity from its rule descriptor's `security-severity` only: each
/// finding's descriptor must score what the finding is (over 9.0 Critical, 7.0-8.9 High,
/// 4.0-6.9 Medium, under 4.0 Low).
@Suite struct SARIFSeverityTests {
    @Test func everyResultsDescriptorScoresItsOwnSeverity() throws {
        let result = try CLI.run(["check", "Examples/1177", "Examples/telehealth-app", "--format", "sarif", "--as-of", "2026-11-25"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        var critical = 0
        for result in results {
            let severity = try #require((result["properties"] as? [String: Any])?["severity"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            let descriptor = rules[index]
            #expect(descriptor["id"] as? String == result["ruleId"] as? String)
            let score = Double(((descriptor["properties"] as? [String: Any])?["security-severity"] as? String) ?? "") ?? -1
            let band: ClosedRange<Double> = switch severity {
            case "critical": 9.0...10.0
            case "high": 7.0...8.9
            case "medium": 4.0...6.9
            default: 0.0...3.9
            }
            #expect(band.contains(score), "\(result["ruleId"] ?? "") \(severity) scores \(score)")
            if severity == "critical" { critical += 1 }
        }
        #expect(critical == 4)
    }
}
