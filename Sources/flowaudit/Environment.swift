import ArgumentParser
import FlowModel
import FlowReport
internal import Foundation
import FlowYAML

/// What every command needs: the built-in policies directory, the catalogue, the model.
enum Environment {
    static func policiesDirectory() throws -> String {
        guard let directory = PolicyLocator.builtinDirectory() else {
            throw DiagnosticList([Diagnostic(
                "cannot find the built-in Policies/ directory; set \(PolicyLocator.environmentVariable)",
                file: "flowaudit", position: nil)])
        }
        return directory
    }

    /// The rule folders to load: the built-in GDPR pack unless left out, then the user's.
    static func policyDirectories(noBuiltin: Bool, extra: [String]) throws -> [String] {
        (noBuiltin ? [] : [try policiesDirectory() + "/gdpr"]) + extra
    }

    static func catalogue() throws -> Catalogue {
        try CatalogueLoader.load(policiesDirectory: policiesDirectory())
    }

    /// The model paths given, else the `paths` of `FLOWAUDIT_PATHS` or `.flowaudit.yaml`, as
    /// `check` reads them, with the `exclude` globs of both and of `excluding`: every command
    /// reads the same model in a repository.
    static func modelPaths(_ given: [String], excluding: [String] = []) throws -> (paths: [String], exclude: [String]) {
        let (configured, exclude) = try configuredPaths()
        if !given.isEmpty { return (given, excluding + exclude) }
        guard !configured.isEmpty else {
            throw ValidationError("no model given: pass PATH arguments, or set 'paths' in \(CheckConfiguration.fileName)")
        }
        return (configured, excluding + exclude)
    }

    /// The `paths` and `exclude` of `FLOWAUDIT_*` and `.flowaudit.yaml`.
    static func configuredPaths() throws -> (paths: [String], exclude: [String]) {
        let configuration = CheckConfiguration(layers: [
            try ConfigurationLoader.environmentLayer(ProcessInfo.processInfo.environment),
            try ConfigurationLoader.fileLayer(explicit: nil, workingDirectory: FileManager.default.currentDirectoryPath),
        ])
        return (configuration.paths, configuration.exclude)
    }

    /// The model of `given` paths, or of the configuration's (see `modelPaths`).
    static func loadModel(paths given: [String], excluding: [String] = []) throws -> Model {
        let (paths, exclude) = try modelPaths(given, excluding: excluding)
        return try ModelLoader(catalogue: try catalogue()).load(paths: paths, excluding: exclude)
    }
}

enum Summary {
    static func line(for model: Model) -> String {
        let parts = model.counts.map { kind, count in kind.counted(count) }
        let files = model.files.count
        return "ok: \(parts.joined(separator: ", ")) in \(files) file\(files == 1 ? "" : "s")"
    }
}
