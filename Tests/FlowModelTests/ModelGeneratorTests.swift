import Testing
import FlowSynth
@testable import FlowModel

@Suite struct ModelGeneratorTests {
    @Test func generatedModelsAreValidAndSized() throws {
        let files = ModelGenerator(organizations: 100).files(3)
        #expect(files.count == 3)
        let loader = ModelLoader(catalogue: Fixtures.catalogue)
        let model = try loader.load(results: files.enumerated().map { index, text in
            YAMLReaderShim.read(text, file: "gen-\(index).yaml")
        }, files: ["gen-0.yaml", "gen-1.yaml", "gen-2.yaml"])
        #expect(model.organizations.count == 100)
        #expect(model.data.count == 10)
        #expect(model.systems.count == 100)
        #expect(model.stores.count == 300)
        #expect(model.flows.count > 950 && model.flows.count <= 1000)
        #expect(model.agreements.count > 100 && model.agreements.count < 160)
    }

    @Test func generationIsDeterministic() {
        #expect(ModelGenerator(organizations: 50).files() == ModelGenerator(organizations: 50).files())
        #expect(ModelGenerator(organizations: 50, seed: 1).files() != ModelGenerator(organizations: 50, seed: 2).files())
    }
}

import FlowYAML

enum YAMLReaderShim {
    static func read(_ text: String, file: String) -> YAMLReadResult { YAMLReader().read(text: text, file: file) }
}
