import Testing
import FlowYAML
import FlowModel
import FlowGraph
@testable import FlowPolicy

private let model = """
organizations:
  clinic: {name: Clinic AB, country: SE, role: controller, dpo: dpo@clinic.example}
  cloud: {name: Cloud AB, country: SE}
  offshore: {name: Offshore Ltd, country: TH}
data:
  records: {controller: clinic, categories: [special.health], records: 5000}
  stats: {controller: clinic, categories: [non-personal]}
systems:
  ehr: {operator: cloud}
stores:
  archive: {operator: offshore, encryption_at_rest: none, access: internal, retention: P10Y}
flows:
  - {id: to-ehr, from: clinic, to: ehr, data: [records], encrypted_in_transit: true}
  - {id: to-archive, from: ehr, to: archive, data: [records], encrypted_in_transit: false}
"""

/// A rule with the given body; `message`, `articles`, `examples` and the id replace the defaults.
private func rule(
    _ body: String, id: String = "test-rule", articles: String = "[]", message: String = "\"{id}\"",
    examples: String = "{trigger: [{}], clean: [{}]}", overrides: [String: String] = [:]
) throws -> Rule {
    try #require(try Builtin.compile("""
    id: \(id)
    title: Test
    severity: medium
    articles: \(articles)
    rationale: r
    remediation: r
    message: \(message)
    examples: \(examples)
    \(body)
    """, overrides: overrides))
}

private func subjects(_ body: String) throws -> [String] {
    try Builtin.findings(model, rules: [try rule(body)]).map(\.subject.key).sorted()
}

private func compileErrors(_ body: String) -> [String] {
    do {
        _ = try rule(body)
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

@Suite struct RuleLanguageTests {
    @Test func predicatesAndCombinators() throws {
        #expect(try subjects("for: store\nwhen: {fact: encryption_at_rest, equals: none}") == ["archive"])
        #expect(try subjects("for: flow\nwhen: {not: {fact: encrypted_in_transit, equals: true}}") == ["to-archive"])
        #expect(try subjects("for: flow\nwhen: {any: [{fact: id, equals: to-ehr}, {fact: id, matches: '^to-a'}]}") == ["to-archive", "to-ehr"])
        #expect(try subjects("for: store\nwhen: {fact: retention_days, greater_than: 3000}") == ["archive"])
        #expect(try subjects("for: store\nwhen: {fact: retention_days, less_than: 3000}") == [])
        #expect(try subjects("for: organization\nwhen: {fact: country, in: [TH, IN]}") == ["offshore"])
        #expect(try subjects("for: organization\nwhen: {fact: dpo, absent: true}") == ["cloud", "offshore"])
    }

    @Test func categoriesMatchHierarchically() throws {
        #expect(try subjects("for: data\nwhen: {fact: categories, covers: special}") == ["records"])
        #expect(try subjects("for: data\nwhen: {fact: categories, covers: special.health}") == ["records"])
        #expect(try subjects("for: data\nwhen: {fact: categories, covers: special.genetic}") == [])
        #expect(try subjects("for: data\nwhen: {fact: categories, covers: personal}") == [])
    }

    @Test func referencesAreFollowedWithDots() throws {
        #expect(try subjects("for: store\nwhen: {fact: operator.country, equals: TH}") == ["archive"])
        #expect(try subjects("for: system\nwhen: {fact: operator.eea, equals: true}") == ["ehr"])
    }

    @Test func quantifiersOverReferences() throws {
        #expect(try subjects("for: store\nwhen: {some: {in: holds, where: {fact: records, greater_than: 1000}}}") == ["archive"])
        #expect(try subjects("for: store\nwhen: {none: {in: holds, where: {fact: personal, equals: true}}}") == [])
        #expect(try subjects("for: organization\nwhen: {every: {in: controlled_data, where: {fact: personal, equals: true}}}") == ["cloud", "offshore"])
    }

    @Test func nodeRecordsSumThePersonalDataAndSaturate() throws {
        let text = """
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller}
        data:
          a: {controller: clinic, categories: [special.health], records: 9223372036854775000}
          b: {controller: clinic, categories: [personal.contact], records: 9223372036854775000}
          c: {controller: clinic, categories: [personal.contact]}
          stats: {controller: clinic, categories: [non-personal], records: 7}
        stores:
          huge: {operator: clinic, encryption_at_rest: customer-managed, access: internal, retention: P1Y}
          small: {operator: clinic, encryption_at_rest: customer-managed, access: internal, retention: P1Y}
          unknown: {operator: clinic, encryption_at_rest: customer-managed, access: internal, retention: P1Y}
          statistics: {operator: clinic, encryption_at_rest: customer-managed, access: internal, retention: P1Y}
        flows:
          - {id: f1, from: clinic, to: huge, data: [a, b]}
          - {id: f2, from: clinic, to: small, data: [a, stats]}
          - {id: f3, from: clinic, to: unknown, data: [c]}
          - {id: f4, from: clinic, to: statistics, data: [stats]}
        """
        func stores(_ when: String) throws -> [String] {
            try Builtin.findings(text, rules: [try rule("for: store\nwhen: \(when)")]).map(\.subject.key).sorted()
        }
        // Two sums past Int.max saturate instead of stopping the check; non-personal data and
        // data sets without `records` add nothing; no count at all is absent, not zero.
        #expect(try stores("{fact: records, at_least: 9223372036854775807}") == ["huge"])
        #expect(try stores("{fact: records, equals: 9223372036854775000}") == ["small"])
        #expect(try stores("{fact: records, present: false}") == ["statistics", "unknown"])
        #expect(try stores("{fact: personal, equals: false}") == ["statistics"])
    }

    @Test func literalComparisonsAgreeWithTheGeneralComparison() throws {
        // Comparisons with a literal are compiled by the literal's type; each must give what
        // `compare` gives, for every kind of fact value on the left.
        let graph = try Builtin.graph(model)
        let context = EvaluationContext(graph: graph, rule: try rule("for: flow\nwhen: {fact: personal, equals: true}"), waiverMatched: [])
        let clinic = try #require(graph.model.organizations.firstIndex { $0.id == "clinic" })
        let values: [FactValue] = [
            .absent, .bool(true), .bool(false), .number(3), .number(5), .string("clinic"), .string("cloud"),
            .ref(.organization, clinic), .date(Builtin.asOf), .date(.epoch), .strings(["clinic"]),
        ]
        let comparisons: [Comparison] = [.equals, .greaterThan, .lessThan, .atLeast, .atMost]
        var compared = 0
        for lhs in values {
            let accessor = Accessor(path: "x", type: .string, get: { _, _ in lhs })
            for comparison in comparisons {
                for literal in values {
                    let compiled = Condition.compare(accessor, comparison, .literal(literal)).check(context, 0)
                    let general = Condition.compare(lhs, comparison, literal, context)
                    #expect(compiled == general, "\(lhs) \(comparison) \(literal)")
                    if general { compared += 1 }
                }
            }
        }
        // Not a vacuous agreement: some of the pairs hold.
        #expect(compared >= 10)
    }

    @Test func parametersHaveDefaultsAndOverrides() throws {
        let body = "for: data\nparameters: {threshold: 1000}\nwhen: {fact: records, at_least: {param: threshold}}"
        #expect(try subjects(body) == ["records"])
        let raised = try rule(body, overrides: ["threshold": "10000"])
        #expect(try Builtin.findings(model, rules: [raised]).isEmpty)
    }

    @Test func reachesFollowsFlowsWithConditionsOnEdgesAndNodes() throws {
        // Health data from the clinic reaches a node outside the EEA, two hops away.
        #expect(try subjects("""
        for: organization
        when:
          reaches:
            to: {fact: eea, equals: false}
        """) == ["clinic"])
        // ... but not along encrypted flows only.
        #expect(try subjects("""
        for: organization
        when:
          reaches:
            along: {fact: encrypted_in_transit, equals: true}
            to: {fact: eea, equals: false}
        """) == [])
        // ... nor within one hop.
        #expect(try subjects("""
        for: organization
        when:
          reaches:
            max_hops: 1
            to: {fact: eea, equals: false}
        """) == [])
        // Upstream from the store: a node with a DPO is passed.
        #expect(try subjects("""
        for: store
        when:
          reaches:
            direction: upstream
            to: {fact: dpo, present: true}
        """) == ["archive"])
    }

    @Test func escalationPicksTheFirstMatchingSeverity() throws {
        let escalating = try rule("""
        for: store
        when: {fact: personal, equals: true}
        escalate:
          - when: {fact: categories, covers: criminal}
            severity: critical
          - when: {fact: categories, covers: special}
            severity: high
        """)
        #expect(try Builtin.findings(model, rules: [escalating]).map(\.severity) == [.high])
    }

    @Test func messagesRenderFacts() throws {
        let withMessage = try rule(
            "for: store\nwhen: {fact: personal, equals: true}", articles: "[\"32\"]",
            message: "\"{name} run by {operator} in {location} holds {categories} ({records} records)\"")
        let finding = try #require(try Builtin.findings(model, rules: [withMessage]).first)
        #expect(finding.message == "archive run by Offshore Ltd in TH holds special.health (5000 records)")
        #expect(finding.path == ["clinic", "ehr", "archive"])
        #expect(finding.articles == ["GDPR Art. 32"])
        #expect(finding.fingerprint == "test-rule@archive")
    }
}

@Suite struct RuleDiagnosticsTests {
    @Test func unknownFactHasDidYouMean() {
        let errors = compileErrors("for: store\nwhen: {fact: encrypton_at_rest, equals: none}")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("rule.yaml:10:14: error: unknown fact 'encrypton_at_rest' for store; did you mean 'encryption_at_rest'?") == true)
    }

    @Test func typeErrorsAreCaughtAtCompileTime() {
        #expect(compileErrors("for: store\nwhen: {fact: access, greater_than: 3}").first?.contains("compares numbers or dates, but 'access' is text") == true)
        #expect(compileErrors("for: store\nwhen: {fact: access, covers: special}").first?.contains("'covers' matches data categories") == true)
        #expect(compileErrors("for: data\nwhen: {fact: records, equals: many}").first?.contains("'many' is not a number") == true)
        #expect(compileErrors("for: data\nwhen: {fact: categories, covers: specail}").first?.contains("unknown data category 'specail'; did you mean 'special'?") == true)
    }

    @Test func structuralErrors() {
        #expect(compileErrors("for: store\nwhen: {fact: access}").first?.contains("needs exactly one operator") == true)
        #expect(compileErrors("for: store\nwhen: {fact: access, equals: public, absent: true}").first?.contains("needs exactly one operator") == true)
        #expect(compileErrors("for: shop\nwhen: {fact: id, equals: x}").first?.contains("unknown subject kind 'shop'") == true)
        #expect(compileErrors("for: store\nwhen: {all: {fact: id, equals: x}}").first?.contains("'all' must be a list") == true)
        #expect(compileErrors("for: store\nwhen: {fact: operator.country.name, equals: x}").first?.contains("only a single reference can be followed") == true)
        #expect(compileErrors("for: data\nwhen: {fact: records, at_least: {param: nope}}").first?.contains("unknown parameter 'nope'") == true)
        #expect(compileErrors("for: store\nwhen: {fact: id, matches: '('}").first?.contains("invalid regular expression") == true)
    }

    @Test func exampleRunnerReportsALyingExample() throws {
        let lying = try rule("for: store\nwhen: {fact: access, equals: public}", id: "lying-rule", examples: """

          trigger:
            - organizations: {o: {name: O, country: SE}}
              stores: {s: {operator: o, access: internal}}
          clean:
            - organizations: {o: {name: O, country: SE}}
              stores: {s: {operator: o, access: public}}
        """)
        let results = ExampleRunner.run(rules: [lying], catalogue: Builtin.catalogue)
        #expect(results.map(\.problem) == ["expected a finding, got none", "expected no finding, got: lying-rule@s"])
    }

    @Test func invalidExampleModelIsReportedWithItsPlace() throws {
        let broken = try #require(try Builtin.compile("""
        id: broken-rule
        title: Broken
        severity: low
        articles: []
        rationale: r
        remediation: r
        for: store
        when: {fact: access, equals: public}
        message: "{id}"
        examples:
          trigger:
            - organizations: {o: {name: O, contry: SE}}
          clean: [{}]
        """))
        let problem = ExampleRunner.run(rules: [broken], catalogue: Builtin.catalogue).first?.problem ?? ""
        #expect(problem.contains("rule.yaml:12:36: error: unknown field 'contry'"))
    }
}
