import Testing
@testable import FlowModel

/// A data category is a built-in key or one the model declares below one: a typo is an error,
/// never data silently taken as not special.
@Suite struct CategoryDeclarationTests {
    static func model(_ categories: String, declared: String = "") -> String {
        """
        organizations:
          clinic: {name: Clinic AB, country: SE}
        data:
          notes: {controller: clinic, categories: [\(categories)]}
        \(declared)
        """
    }

    @Test func unknownKeysAreErrorsWithTheKeyOnAnotherBranch() {
        #expect(Fixtures.errors(Self.model("personal.health")) == [
            "m.yaml:4:43: error: unknown data category 'personal.health'; did you mean 'special.health'? (built-in keys, or keys the model declares below them in 'categories:')",
        ])
        #expect(Fixtures.errors(Self.model("special.helth")).first?.contains("did you mean 'special.health'?") == true)
        #expect(Fixtures.errors(Self.model("special.health.mental")).first?.contains("unknown data category 'special.health.mental'") == true)
    }

    @Test func declaredKeysBelowBuiltInOnesAreKnown() throws {
        let model = try Fixtures.load(Self.model("special.health.mental, special.health.mental.crisis", declared: """
            categories:
              special.health.mental.crisis: Crisis line calls
              special.health.mental: Mental health
            """))
        #expect(model.categories.contains("special.health.mental.crisis"))
        #expect(model.categories.descriptions["special.health.mental"] == "Mental health")
        #expect(model.categories.roots == Fixtures.catalogue.categories.roots)
    }

    @Test func declarationsAreChecked() {
        let errors = Fixtures.errors(Self.model("personal.contact", declared: """
            categories:
              special.health: Health again
              personal.helth.x: Below a typo
              wellbeing.sleep: A new root
              Personal.Loud: Capitals
            ---
            categories:
              personal.voice.call: Calls
            ---
            categories:
              personal.voice.call: Calls again
            """))
        #expect(errors == [
            "m.yaml:6:3: error: category 'special.health' is built in: declare only keys below built-in ones",
            "m.yaml:7:3: error: category 'personal.helth.x' is below 'personal.helth', which is neither built in nor declared; did you mean 'special.health'?",
            "m.yaml:8:3: error: category 'wellbeing.sleep' is below 'wellbeing', which is neither built in nor declared",
            "m.yaml:9:3: error: category 'Personal.Loud' must be lower-case words joined by '.' below a built-in key (such as 'special.health.mental')",
            "m.yaml:15:3: error: category 'personal.voice.call' is declared twice; first at m.yaml:12:3",
        ])
    }
}
