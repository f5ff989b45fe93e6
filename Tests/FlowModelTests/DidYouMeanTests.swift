import Testing
@testable import FlowModel

@Suite struct DidYouMeanTests {
    /// Prepared candidates (lowercased once, ASCII as bytes, letters compared first) suggest
    /// exactly what the plain search suggests: ties, case, non-ASCII and CR included.
    @Test func preparedCandidatesSuggestWhatThePlainSearchSuggests() {
        let systems = ["sys-1", "sys-12", "sys-21", "SYS-3", "store-1", "Göteborg", "goteborg", "a\r\nb", "ab", "org-17", "org-71"]
        let organizations = ["org-1", "org-7", "medhelp", "medicall", "Medhelp", "voice"]
        let words = ["sys-2", "sxs-12", "sys-3", "GÖTEBORG", "göteborh", "a\r\nc", "ac", "org-11", "org-77", "medhelp",
                     "MEDHELP", "mdhelp", "voicee", "x", "", "store-11", "totally-unrelated-id"]
        let prepared = [DidYouMean.Candidates(systems), DidYouMean.Candidates(organizations)]
        for word in words {
            #expect(DidYouMean.hint(word, from: prepared) == DidYouMean.hint(word, from: systems + organizations), "\(word)")
        }
        #expect(DidYouMean.hint("sxs-12", from: prepared) == "; did you mean 'sys-12'?")
    }

    /// The same word in several other cases: the suggestion does not depend on the order the
    /// candidates come in (the id index's order is drawn per process).
    @Test func suggestionsDoNotDependOnTheCandidatesOrder() {
        let variants = ["Medhelp", "medHelp", "MEDHELP", "medhelq"]
        for order in [variants, variants.reversed(), [variants[2], variants[0], variants[3], variants[1]]] {
            #expect(DidYouMean.suggest("medhelp", from: order) == "MEDHELP", "\(order)")
            #expect(DidYouMean.hint("medhelp", from: [DidYouMean.Candidates(order)]) == "; did you mean 'MEDHELP'?", "\(order)")
            #expect(DidYouMean.hint("medhelp", from: [DidYouMean.Candidates(Array(order.prefix(2))), DidYouMean.Candidates(Array(order.dropFirst(2)))])
                == "; did you mean 'MEDHELP'?", "\(order)")
        }
    }

    /// Only the diagnostics a report shows get a suggestion searched for; each of those has one.
    @Test func suggestionsForEveryShownUnknownIdOfAModelWithThousandsOfThem() {
        var text = Fixtures.base + "\nsystems:\n"
        for index in 0..<2000 { text += "  system-\(index): {operator: voice}\n" }
        text += "flows:\n"
        for index in 0..<1000 { text += "  - {from: medhelp, to: sistem-\(index), data: [calls]}\n" }
        let errors = Fixtures.errors(text)
        #expect(errors.count == ModelLoader.maxDiagnostics + 1)
        let unknown = errors.filter { $0.contains("refers to unknown id") }
        #expect(unknown.count == ModelLoader.maxDiagnostics)
        #expect(unknown.allSatisfy { $0.contains("did you mean 'system-") })
        #expect(errors.last?.hasSuffix("800 more errors not shown") == true)
    }
}
