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
