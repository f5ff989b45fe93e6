import Foundation
import Testing
import FlowSynth
@testable import FlowModel

@Suite struct ModelGeneratorTests {
    @Test func generatedModelsAreValidAndSized() throws {
        let files = ModelGenerator(organizations: 100).files(3)
        #expect(files.count == 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, text) in files.enumerated() {
            try Data(text.utf8).write(to: directory.appendingPathComponent("gen-\(index).yaml"))
        }
        let model = try ModelLoader(catalogue: Fixtures.catalogue).load(paths: [directory.path])
        #expect(model.files.count == 3)
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

