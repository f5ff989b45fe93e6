import Foundation
import Testing
import FlowModel
@testable import FlowPolicy

@Suite struct BuiltinRuleTests {
    static let expectedIds = [
        "access-log-review-missing", "access-logging-missing", "agreement-expired", "authentication-without-second-factor",
        "breach-not-communicated-to-subjects", "breach-notified-late", "deletion-not-supported", "deployed-encryption-weaker",
        "deployed-fact-unknown", "deployed-location-differs", "deployed-resource-missing", "deployed-retention-longer",
        "deployed-store-public", "dpa-missing-article28-clauses",
        "dpia-required", "dpo-required", "eu-representative-missing", "expired-waiver", "joint-controllers-without-arrangement",
        "missing-legal-basis", "missing-purpose", "processor-own-purposes", "processor-without-dpa", "public-storage-of-personal-data",
        "retention-undefined", "retention-unlimited", "special-category-without-article9-condition", "subprocessor-without-contract",
        "third-country-transfer-without-safeguard", "transfer-impact-assessment-missing", "transfer-safeguard-ineffective",
        "unauthorized-subprocessor", "undeclared-security-measure", "undeclared-store", "unencrypted-at-rest", "unencrypted-in-transit",
        "unused-waiver",
    ]

    @Test func packHasEveryRuleOfTheInterface() {
        #expect(Builtin.rules.map(\.id) == Self.expectedIds)
    }

    @Test func everyRuleIsOneFileNamedAfterItsId() {
        for rule in Builtin.rules {
            #expect(rule.file.hasSuffix("/gdpr/\(rule.id).yaml"), "\(rule.id) is in \(rule.file)")
        }
    }

    @Test func everyRuleHasExamplesBothWays() {
        for rule in Builtin.rules {
            let hasTrigger = rule.examples.contains { $0.mustTrigger }
            #expect(hasTrigger, "\(rule.id) has no trigger example")
            let hasClean = rule.examples.contains { !$0.mustTrigger }
            #expect(hasClean, "\(rule.id) has no clean example")
        }
    }

    @Test(arguments: expectedIds)
    func examplesBehaveAsDeclared(_ id: String) throws {
        let rule = try #require(Builtin.rules.first { $0.id == id })
        let results = ExampleRunner.run(rules: Builtin.rules, catalogue: Builtin.catalogue).filter { $0.rule == id }
        #expect(results.count == rule.examples.count)
        for result in results {
            #expect(result.passed, "\(id) example at \(result.example.span): \(result.problem ?? "")")
        }
    }

    @Test func severitiesAndArticlesMatchTheInterface() throws {
        func rule(_ id: String) throws -> Rule { try #require(Builtin.rules.first { $0.id == id }) }
        #expect(try rule("public-storage-of-personal-data").severity == .high)
        #expect(try rule("public-storage-of-personal-data").escalations.first?.severity == .critical)
        #expect(try rule("unencrypted-at-rest").citations == ["GDPR Art. 32(1)(a)"])
        #expect(try rule("third-country-transfer-without-safeguard").articles == ["44", "45", "46"])
        #expect(try rule("undeclared-security-measure").kinds == [.store, .system, .flow])
        #expect(try rule("dpia-required").kinds == [.data, .activity])
        #expect(try rule("deletion-not-supported").escalations.first?.severity == .low)
        #expect(try rule("transfer-impact-assessment-missing").severity == .medium)
        #expect(try rule("dpia-required").parameters["large_scale_records"] == .number(100_000))
        #expect(try rule("unused-waiver").severity == .low)
    }
}

/// The README's rule table lists every built-in rule with its severity.
@Suite struct ReadmeRuleTableTests {
    @Test func everyRuleHasARow() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for rule in Builtin.rules {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| \(rule.id) |") }
            #expect(row != nil, "README.md has no row for \(rule.id)")
            #expect(row?.contains("| \(rule.severity.rawValue)") == true, "\(rule.id): \(row ?? "")")
        }
    }
}

/// docs/rule-language.md lists every fact of every kind of subject.
@Suite struct RuleLanguageDocsTests {
    @Test func everyFactIsListedUnderItsKind() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rule-language.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        // Each kind's bullet runs from `- **kind**` to the next bullet.
        let bullets = text.components(separatedBy: "\n- **").dropFirst().map { "- **" + $0 }
        for kind in SubjectKind.allCases {
            let bullet = try #require(bullets.first { $0.hasPrefix("- **\(kind.rawValue)**") }, "no bullet for \(kind)")
            let words = Set(bullet.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            for fact in FactTable.facts(for: kind).keys where fact != "id" && fact != "name" {
                #expect(words.contains(fact), "docs/rule-language.md does not list \(kind.rawValue).\(fact)")
            }
        }
    }
}
