public import FlowYAML

/// How much of the machine reading a model may use: each file is cut into up to `pieces`
/// chunks of at least `minimumChunkBytes`, parsed and decoded in parallel.
public struct ReadParallelism: Sendable, Hashable {
    public var pieces: Int
    public var minimumChunkBytes: Int

    public init(pieces: Int, minimumChunkBytes: Int = YAMLChunkPlanner.defaultMinimumChunkBytes) {
        self.pieces = pieces
        self.minimumChunkBytes = minimumChunkBytes
    }

    /// Files parse whole (still several files at once).
    public static let wholeFiles = ReadParallelism(pieces: 1)

    /// Eight pieces a core: sections cost different amounts per byte, and with small pieces no
    /// core waits long for the last one (the idle tail was a tenth of a second with four).
    public static var automatic: ReadParallelism { ReadParallelism(pieces: 8 * Parallel.cores) }
}

/// Loads model files into a validated `Model`, or every error found (up to a cap).
///
/// Files are cut into chunks that parse and decode in parallel. Chunking only ever speeds
/// up a clean model: when any chunk has a problem, the model is read again file by file, so
/// diagnostics are exactly those of a whole read.
public struct ModelLoader: Sendable {
    public var catalogue: Catalogue
    public var limits: YAMLLimits
    public var parallelism: ReadParallelism
    /// Past this many errors the rest are summarised in one line: the first ones are what to fix.
    public static let maxDiagnostics = 200

    public init(catalogue: Catalogue, limits: YAMLLimits = .default, parallelism: ReadParallelism = .automatic) {
        self.catalogue = catalogue
        self.limits = limits
        self.parallelism = parallelism
    }

    /// Paths may be files or directories.
    public func load(paths: [String]) throws(DiagnosticList) -> Model {
        let files = try ModelFiles.expand(paths)
        let reader = YAMLReader(limits: limits)
        let sources = Parallel.map(files.count) { ModelFiles.source(files[$0], reader: reader) }
        return try load(sources: sources, files: files)
    }

    /// A model held in memory (standard input, a rule's examples, tests).
    public func load(text: String, file: String) throws(DiagnosticList) -> Model {
        try load(sources: [YAMLReader(limits: limits).source(bytes: Array(text.utf8), file: file)], files: [file])
    }

    /// A model from already-parsed documents (a rule example inside a policy file).
    public func load(documents: [YAMLDocument], files: [String]) throws(DiagnosticList) -> Model {
        try assemble(documents.map { [SectionDecoder.decode($0)] }, diagnostics: [], files: files)
    }

    /// A model written inside another file (a rule's example); spans point into that file.
    public func load(root: YAMLNode) throws(DiagnosticList) -> Model {
        try assemble([[SectionDecoder.decode(root: root)]], diagnostics: [], files: [root.span.file])
    }

    private func load(sources: [Result<YAMLSource, Diagnostic>], files paths: [String]) throws(DiagnosticList) -> Model {
        if parallelism.pieces > 1, let model = chunkedLoad(sources, files: paths) {
            return model
        }
        let reader = YAMLReader(limits: limits)
        let files = Parallel.map(sources.count) { index -> (parts: [ModelPart], problems: [Diagnostic]) in
            switch sources[index] {
            case .success(let source):
                let result = reader.read(source)
                return (result.documents.map(SectionDecoder.decode), result.diagnostics)
            case .failure(let problem):
                return ([], [problem])
            }
        }
        return try assemble(files.map(\.parts), diagnostics: files.flatMap(\.problems), files: paths)
    }

    /// The model when every file reads and decodes cleanly in chunks; nil to read whole.
    private func chunkedLoad(_ sources: [Result<YAMLSource, Diagnostic>], files: [String]) -> Model? {
        let reader = YAMLReader(limits: limits)
        var units: [(source: YAMLSource, chunk: YAMLChunk?)] = []
        var anyCut = false
        for result in sources {
            guard case .success(let source) = result else { return nil }
            let chunks = reader.chunks(
                of: source, pieces: parallelism.pieces, minimumChunkBytes: parallelism.minimumChunkBytes,
                sections: ModelAssembler.splittableSections, cutAtStart: EventSections.names)
            if chunks.count == 1 {
                units.append((source, nil))
            } else {
                anyCut = true
                units += chunks.map { (source, $0) }
            }
        }
        // Nothing cut: reading whole is the same work, and reports problems directly.
        guard anyCut else { return nil }
        let work = units
        let parts = Parallel.map(work.count) { index -> [ModelPart]? in
            let unit = work[index]
            guard let chunk = unit.chunk else {
                let result = reader.read(unit.source)
                return result.diagnostics.isEmpty ? result.documents.map(SectionDecoder.decode) : nil
            }
            if let parts = EventSections.decode(unit.source, chunk: chunk, reader: reader) { return parts }
            return reader.read(unit.source, chunk: chunk).map { [SectionDecoder.decode($0, keepingNodes: false)] }
        }
        guard parts.allSatisfy({ $0?.allSatisfy(\.diagnostics.isEmpty) == true }) else { return nil }
        let flat = (consume parts).map { $0 ?? [] }
        // A top-level key written in two chunks would be a duplicate key of a whole read.
        var keysPerFile: [String: Set<String>] = [:]
        for (unit, unitParts) in zip(units, flat) where unit.chunk != nil {
            for key in unitParts.flatMap(\.sectionKeys) {
                guard keysPerFile[unit.source.file, default: []].insert(key.name).inserted else { return nil }
            }
        }
        let model = try? assemble(flat, diagnostics: [], files: files)
        // The parts were copied into the model: freed on another core while the graph is built.
        Parallel.release(consume flat)
        return model
    }

    private func assemble(_ parts: [[ModelPart]], diagnostics: [Diagnostic], files: [String]) throws(DiagnosticList) -> Model {
        var assembler = ModelAssembler(catalogue: catalogue)
        assembler.model.files = files.map { $0 == ModelFiles.standardInput ? ModelFiles.standardInputName : $0 }
        assembler.decoder.append(contentsOf: diagnostics)
        assembler.add(Array(parts.joined()))
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

