import Foundation
import Testing

/// `check --terraform-plan`, `deployed` and `import terraform` on the example plan, and what a
/// bad plan or a bad binding gets.
@Suite struct TerraformCommandTests {
    static let asOf = "--as-of=2026-11-25"
    static let model = "Examples/terraform/model.yaml"
    static let plan = "Examples/terraform/plan.json"

    @Test func checkComparesTheModelWithThePlan() throws {
        let result = try CLI.run(["check", Self.model, "--terraform-plan", Self.plan, "--format", "json", Self.asOf])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["fingerprint"] as? String }) == [
            "deployed-location-differs@recordings-bucket", "deployed-encryption-weaker@recordings-bucket",
            "deployed-retention-longer@recordings-bucket", "undeclared-store@aws_db_instance.legacy",
            // Deployed in the US, the store is offshore: the graph's transfer rules see it.
            "third-country-transfer-without-safeguard@recordings-bucket",
        ])
        let undeclared = try #require(findings.first { $0["rule"] as? String == "undeclared-store" })
        #expect((undeclared["message"] as? String)?.hasSuffix("(Examples/terraform/plan.json#/planned_values/root_module/resources/0)") == true)
        #expect((undeclared["location"] as? [String: Any])?["file"] as? String == "Examples/terraform/plan.json")
        // Without the plan, the model alone is clean.
        #expect(try CLI.run(["check", Self.model, Self.asOf]).status == 0)
    }

    @Test func thePlanComesFromTheConfigurationToo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["model.yaml", "plan.json"] {
            try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Examples/terraform/\(file)"), to: directory.appendingPathComponent(file))
        }
        try Data("paths: [model.yaml]\nterraform_plans: [plan.json]\n".utf8).write(to: directory.appendingPathComponent(".flowaudit.yaml"))
        let result = try CLI.run(["check", "--format", "json", Self.asOf], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("undeclared-store@aws_db_instance.legacy"))
        #expect(try CLI.run(["check", "--show-config"], directory: directory).stdout.contains("terraform_plans: [\"plan.json\"]  # .flowaudit.yaml:2:18"))
    }

    @Test func deployedListsWhatThePlanSays() throws {
        let text = try CLI.run(["deployed", Self.plan, Self.model])
        #expect(text.status == 0)
        #expect(text.stdout == """
            Examples/terraform/plan.json: 2 resources holding data at rest (plan)
              aws_db_instance.legacy
                country: US (us-east-1)
                encryption at rest: none; access: public; retention: unknown
                store: none (undeclared)
                unknown until apply or unmapped: retention
              module.audio.aws_s3_bucket.recordings
                country: US (us-east-1)
                encryption at rest: provider-managed; access: authenticated; retention: unlimited
                store: recordings-bucket

            """)
        let json = try CLI.run(["deployed", Self.plan, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let resources = try #require(document["resources"] as? [[String: Any]])
        #expect(resources.map { $0["address"] as? String } == ["aws_db_instance.legacy", "module.audio.aws_s3_bucket.recordings"])
        #expect(resources[1]["pointer"] as? String == "/planned_values/root_module/child_modules/0/resources/0")
    }

    /// The README shows the real output of `deployed` and the first lines of `check`.
    @Test func readmeShowsRealOutput() throws {
        let readme = try String(contentsOf: CLI.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let deployed = try CLI.run(["deployed", Self.plan, Self.model])
        #expect(readme.contains("$ flowaudit deployed Examples/terraform/plan.json Examples/terraform/model.yaml\n" + deployed.stdout + "```"))
        let check = try CLI.run(["check", Self.model, "--terraform-plan", Self.plan, Self.asOf])
        let head = check.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(10).joined(separator: "\n")
        #expect(readme.contains("--as-of 2026-11-25\n" + head + "\n...\n"))
    }

    /// A rule about what is deployed shows the plan of its example beside the model.
    @Test func explainShowsTheExamplesPlan() throws {
        let result = try CLI.run(["explain", "deployed-store-public"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  deployed as (terraform_plan, "))
        #expect(result.stdout.contains("values: {bucket: voice, region: eu-north-1, acl: public-read}"))
    }

    @Test func importDraftsStoresThatValidate() throws {
        let draft = try CLI.run(["import", "terraform", Self.plan, "--operator", "host"])
        #expect(draft.status == 0)
        #expect(draft.stdout.contains("  recordings:\n    name: module.audio.aws_s3_bucket.recordings\n    operator: host\n    location: US\n"))
        #expect(draft.stdout.contains("    deployed_as: [\"module.audio.aws_s3_bucket.recordings\"]"))
        let model = "organizations:\n  host: {name: Host AB, country: SE}\n" + draft.stdout
        #expect(try CLI.run(["validate", "-"], stdin: model).status == 0)
    }

    @Test func badPlansExitTwoWithTheFileAndWhatIsWrong() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-badplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, [UInt8], String)] = [
            ("truncated.json", Array(#"{"format_version": "1.2", "planned_values": {"root_mod"#.utf8), "is not JSON"),
            ("future.json", Array(#"{"format_version": "2.0", "planned_values": {}}"#.utf8), "format_version 2.0 is not supported"),
            ("utf16.json", Array(#"{"format_version": "1.2"}"#.utf16).flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] },
             "is UTF-16 without a byte order mark"),
            ("shape.json", Array(#"{"format_version": "1.2", "outputs": {}}"#.utf8), "neither planned_values nor values"),
        ]
        for (name, bytes, message) in cases {
            let path = directory.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let result = try CLI.run(["check", Self.model, "--terraform-plan", path, Self.asOf])
            #expect(result.status == 2, "\(name)")
            #expect(result.stderr.contains(path) && result.stderr.contains(message), "\(name): \(result.stderr)")
        }
        let missing = try CLI.run(["deployed", directory.appendingPathComponent("absent.json").path])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read the Terraform plan"))
    }

    /// A resource is one store: claimed by two, or tagged for a store the model lacks, it is a
    /// model error.
    @Test func aConflictingBindingIsAnError() throws {
        let model = """
            organizations: {host: {name: Host AB, country: SE}}
            stores:
              recordings: {operator: host, deployed_as: ["module.audio.aws_s3_bucket.recordings"]}
              archive: {operator: host, deployed_as: ["module.audio.aws_s3_bucket.recordings[*]"]}
            """
        let both = try CLI.run(["check", "-", "--terraform-plan", Self.plan, Self.asOf], stdin: model)
        #expect(both.status == 2)
        #expect(both.stderr.contains("module.audio.aws_s3_bucket.recordings is deployed as store 'recordings' and store 'archive'; a resource is one store"), "\(both.stderr)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-tag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tagged = try String(contentsOf: CLI.repoRoot.appendingPathComponent(Self.plan), encoding: .utf8)
            .replacingOccurrences(of: #""engine": "postgres""#, with: #""engine": "postgres", "tags": {"flowaudit-store": "recordings-bucke"}"#)
        let plan = directory.appendingPathComponent("plan.json").path
        try Data(tagged.utf8).write(to: URL(fileURLWithPath: plan))
        let typo = try CLI.run(["check", Self.model, "--terraform-plan", plan, Self.asOf])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("aws_db_instance.legacy is tagged flowaudit-store: recordings-bucke, but the model has no store 'recordings-bucke'; did you mean 'recordings-bucket'?"), "\(typo.stderr)")
    }
}
