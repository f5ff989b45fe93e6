public import FlowYAML

/// Loads model files into a validated `Model`, or every error found (up to a cap).
public struct ModelLoader: Sendable {
    public var catalogue: Catalogue
    public var limits: YAMLLimits
    /// Past this many errors the rest are summarised in one line: the first ones are what to fix.
    public static let maxDiagnostics = 200

    public init(catalogue: Catalogue, limits: YAMLLimits = .default) {
        self.catalogue = catalogue
        self.limits = limits
    }

    /// Paths may be files or directories.
    public func load(paths: [String]) throws(DiagnosticList) -> Model {
        let files = try ModelFiles.expand(paths)
        let results = ModelFiles.read(files, limits: limits)
        return try assemble(results, files: files)
    }

    /// A model held in memory (standard input, a rule's examples, tests).
    public func load(text: String, file: String) throws(DiagnosticList) -> Model {
        try assemble([YAMLReader(limits: limits).read(text: text, file: file)], files: [file])
    }

    /// A model from already-parsed documents (a rule example inside a policy file).
    public func load(documents: [YAMLDocument], files: [String]) throws(DiagnosticList) -> Model {
        try assemble([YAMLReadResult(documents: documents, diagnostics: [])], files: files)
    }

    /// A model written inside another file (a rule's example); spans point into that file.
    public func load(root: YAMLNode) throws(DiagnosticList) -> Model {
        var assembler = ModelAssembler(catalogue: catalogue)
        assembler.model.files = [root.span.file]
        assembler.add(root: root)
        assembler.resolve()
        guard assembler.decoder.diagnostics.isEmpty else { throw DiagnosticList(assembler.decoder.diagnostics.sorted()) }
        return assembler.model
    }

    /// Files already read (the benchmark times reading and assembling apart).
    public func load(results: [YAMLReadResult], files: [String]) throws(DiagnosticList) -> Model {
        try assemble(results, files: files)
    }

    private func assemble(_ results: [YAMLReadResult], files: [String]) throws(DiagnosticList) -> Model {
        var assembler = ModelAssembler(catalogue: catalogue)
        assembler.model.files = files.map { $0 == ModelFiles.standardInput ? ModelFiles.standardInputName : $0 }
        for result in results {
            assembler.decoder.append(contentsOf: result.diagnostics)
            for document in result.documents {
                assembler.add(document)
            }
        }
        assembler.resolve()
        let diagnostics = assembler.decoder.diagnostics
        guard diagnostics.isEmpty else {
            var sorted = diagnostics.sorted()
            if sorted.count > Self.maxDiagnostics {
                let dropped = sorted.count - Self.maxDiagnostics
                sorted = Array(sorted.prefix(Self.maxDiagnostics))
                sorted.append(Diagnostic("\(dropped) more errors not shown", file: sorted.last?.file ?? "", position: nil))
            }
            throw DiagnosticList(sorted)
        }
        return assembler.model
    }
}
