public import FlowYAML
import FlowRuntime

/// How much of the machine reading a model may use: each file is cut into up to `pieces`
/// chunks of at least `minimumChunkBytes`, parsed and decoded in parallel.
public struct ReadParallelism: Sendable, Hashable {
    public var pieces: Int
    public var minimumChunkBytes: Int

    /// `minimumChunkBytes` nil: the planner's default.
    public init(pieces: Int, minimumChunkBytes: Int? = nil) {
        self.pieces = pieces
        self.minimumChunkBytes = minimumChunkBytes ?? YAMLChunkPlanner.defaultMinimumChunkBytes
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

    /// Paths may be files or directories; `excluding` globs pass files and folders over (see
    /// `ModelFiles.expand`).
    public func load(paths: [String], excluding exclude: [String] = []) throws(DiagnosticList) -> Model {
        let files = try ModelFiles.expand(paths, exclude: exclude)
        let reader = YAMLReader(limits: limits)
        let sources = Parallel.map(files.count) { ModelFiles.source(files[$0], reader: reader) }
        return try load(sources: sources, files: files)
    }

    /// A model from files held in memory (a git revision's), named as given.
    package func load(files: [(name: String, bytes: [UInt8])]) throws(DiagnosticList) -> Model {
        let reader = YAMLReader(limits: limits)
        return try load(sources: files.map { reader.source(bytes: $0.bytes, file: $0.name) }, files: files.map(\.name))
    }

    /// A model held in memory (standard input, a rule's examples, tests).
    public func load(text: String, file: String) throws(DiagnosticList) -> Model {
        try load(sources: [YAMLReader(limits: limits).source(bytes: Array(text.utf8), file: file)], files: [file])
    }

    /// A model from already-parsed documents (a rule example inside a policy file).
    package func load(documents: [YAMLDocument], files: [String]) throws(DiagnosticList) -> Model {
        try assemble(documents.map { [SectionDecoder.decode($0)] }, diagnostics: [], files: files)
    }

    /// A model written inside another file (a rule's example); spans point into that file.
    package func load(root: YAMLNode) throws(DiagnosticList) -> Model {
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
        var readable: [YAMLSource] = []
        for result in sources {
            guard case .success(let source) = result else { return nil }
            readable.append(source)
        }
        // No file big enough to cut (two pieces of the minimum): no cores to set to work.
        let smallest = 2 * self.parallelism.minimumChunkBytes
        guard readable.contains(where: { $0.byteCount >= smallest }) else { return nil }
        let reader = YAMLReader(limits: limits)
        let queue = ChunkQueue()
        let (parallelism, sources) = (parallelism, readable)
        // One core scans the files and hands over each chunk as it finds it; the others read
        // them, and so does the scanning core once the scan is done.
        Parallel.alongside {
            Self.plan(sources, parallelism: parallelism, reader: reader, into: queue)
        } consume: {
            while let (position, unit) = queue.take() {
                queue.finish(position, with: Self.read(unit, reader: reader))
            }
        }
        guard let results = queue.takeResults(), results.allSatisfy({ $0.output?.allSatisfy(\.diagnostics.isEmpty) == true })
        else { return nil }
        // Whole files were added after the chunks: back in file order, chunks kept in order.
        // (Each step hands the parts on, so that only `flat` holds them in the end.)
        let ordered = (consume results).enumerated()
            .sorted { ($0.element.unit.file, $0.offset) < ($1.element.unit.file, $1.offset) }.map(\.element)
        guard Self.sectionsAgree(ordered.map { ($0.unit, $0.output ?? []) }) else { return nil }
        let flat = (consume ordered).map { $0.output ?? [] }
        return try? assemble(consume flat, diagnostics: [], files: files)
    }

    /// A piece to read: a chunk of a file, or a whole file (`chunk` nil).
    struct Unit: Sendable {
        let file: Int
        let source: YAMLSource
        let chunk: YAMLChunk?
    }

    typealias ChunkQueue = WorkQueue<Unit, [ModelPart]>

    /// Whether the chunks, in file order, parse as a whole read would: a top-level key written
    /// in two chunks would be a duplicate key, and a chunk continues a section only where the
    /// chunks before it end in that section's key, on the line the planner saw it (a quoted text
    /// can run onto a line that looks like a section key).
    private static func sectionsAgree(_ units: [(unit: Unit, parts: [ModelPart])]) -> Bool {
        var keysPerFile: [Int: Set<String>] = [:]
        var lastKey: (file: Int, name: String, line: Int)?
        for (unit, parts) in units {
            guard let chunk = unit.chunk else { continue }
            if let section = chunk.continuedSection {
                guard let lastKey, lastKey.file == unit.file, lastKey.name == section, lastKey.line == chunk.sectionLine
                else { return false }
            }
            for key in parts.flatMap(\.sectionKeys) {
                guard keysPerFile[unit.file, default: []].insert(key.name).inserted else { return false }
                lastKey = (unit.file, key.name, key.span.start.line)
            }
        }
        return true
    }

    /// Adds every chunk of every file to `queue` as it is found, then the files that are not
    /// cut; abandons the queue when no file is cut (reading whole is the same work, and reports
    /// problems directly) or a scan gives up after handing out chunks.
    private static func plan(_ sources: [YAMLSource], parallelism: ReadParallelism, reader: YAMLReader, into queue: ChunkQueue) {
        var whole: [Int] = []
        for (file, source) in sources.enumerated() {
            var emitted = false
            let cut = reader.chunks(
                of: source, pieces: parallelism.pieces, minimumChunkBytes: parallelism.minimumChunkBytes,
                sections: ModelSections.splittable, cutAtStart: ModelSections.splittable
            ) { chunk in
                queue.add(Unit(file: file, source: source, chunk: chunk))
                emitted = true
            }
            if !cut {
                guard !emitted else { return queue.abandon() }
                whole.append(file)
            }
        }
        guard whole.count < sources.count else { return queue.abandon() }
        for file in whole { queue.add(Unit(file: file, source: sources[file], chunk: nil)) }
        queue.close()
    }

    /// The parts of one unit; nil when it has a problem (the model is then read whole).
    private static func read(_ unit: Unit, reader: YAMLReader) -> [ModelPart]? {
        guard let chunk = unit.chunk else {
            let result = reader.read(unit.source)
            return result.diagnostics.isEmpty ? result.documents.map(SectionDecoder.decode) : nil
        }
        if let section = chunk.continuedSection.flatMap(ModelSections.named),
           let parts = section.decodeEvents(unit.source, chunk, reader) { return parts }
        return reader.read(unit.source, chunk: chunk).map { [SectionDecoder.decode($0, keepingNodes: false)] }
    }

    private func assemble(_ parts: consuming [[ModelPart]], diagnostics: [Diagnostic], files: [String]) throws(DiagnosticList) -> Model {
        var assembler = ModelAssembler(catalogue: catalogue)
        assembler.model.files = files.map { $0 == ModelFiles.standardInput ? ModelFiles.standardInputName : $0 }
        assembler.decoder.append(contentsOf: diagnostics)
        // Handed over whole (the lists must not be shared for their entities to be moved).
        let joined = Array((consume parts).joined())
        assembler.add(consume joined)
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

