import ArgumentParser
import FlowModel
import FlowReport
import FlowYAML
internal import Foundation

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema of the model format, for editors (YAML language server), or its field reference.",
        discussion: "Save it and point a model at it: # yaml-language-server: $schema=flowaudit-schema.json")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(help: "json (a JSON Schema) or markdown (the field reference of docs/model-format.md).")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: Output.write(ModelSchema.render(categoryRoots: try Environment.catalogue().categories.roots.sorted()))
        case .markdown: Output.write(ModelReference.markdown())
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter model that validates.")

    @Argument(help: "The folder to create the model in (created if missing).")
    var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let model = folder.appendingPathComponent(StarterModel.fileName)
        let schema = folder.appendingPathComponent("flowaudit-schema.json")
        for file in [model, schema] where FileManager.default.fileExists(atPath: file.path) {
            throw ValidationError("\(file.path) exists; flowaudit init never overwrites a file")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create \(directory): \(error.localizedDescription)")
        }
        try OutputWriter.write(StarterModel.text(today: DateOption.today), to: model.path)
        try OutputWriter.write(ModelSchema.render(categoryRoots: try Environment.catalogue().categories.roots.sorted()), to: schema.path)
        Output.print("wrote \(model.path) and \(schema.path); next: flowaudit check \(directory)")
    }
}
