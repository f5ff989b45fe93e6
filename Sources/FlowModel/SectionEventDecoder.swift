import FlowYAML

/// Decodes a chunk that continues a section straight from its parse events, with no nodes
/// built: flows and stores alone are nine tenths of a national model's bytes, and building nodes
/// for them cost as much as decoding them. The section's shape is walked here; each entity is
/// read by the same `FieldReader` as the node path. Anything the node path would report stops
/// the walk (a false return), and the chunk is then read into nodes, which reports it.
final class SectionEventDecoder<Entity: ModelEntity>: YAMLEventVisitor {
    private enum Step {
        case start, sectionKey, sectionValue, entries, entryValue, key, value, listItems, sectionEnd, done
    }

    private let file: String
    private let section: String
    private let layout: ModelSection.Layout
    // Read and written by one parse on one thread: run-time exclusivity checks on every event
    // cost more than the rest of taking a value.
    @exclusivity(unchecked) private var step = Step.start
    @exclusivity(unchecked) private(set) var part = ModelPart()
    /// Where the key of the section after this one starts, when the chunk has one.
    @exclusivity(unchecked) private(set) var nextSection: SourcePosition?
    /// A keyed section's current id and the span of its key.
    @exclusivity(unchecked) private var id = ""
    @exclusivity(unchecked) private var key: SourceSpan?
    /// Where the entity and the list being read start.
    @exclusivity(unchecked) private var entityStart = SourcePosition(line: 1, column: 1)
    @exclusivity(unchecked) private var listStart = SourcePosition(line: 1, column: 1)
    /// The entity being read, at an address of its own, and how far: kept apart (not a
    /// `FieldReader<Entity>`), so that this unspecialised code reaches the reading through plain
    /// values.
    private let entity = UnsafeMutablePointer<Entity>.allocate(capacity: 1)
    @exclusivity(unchecked) private var reading = false
    @exclusivity(unchecked) private var state: FieldReadState

    /// Bytes an entry takes at least: room for more entries than a chunk can hold costs only
    /// address space, and regrowing arrays of thousands of entities copies them.
    private static var minimumBytesPerEntry: Int { 80 }

    private init(file: String, section: String, layout: ModelSection.Layout, expectedBytes: Int) {
        self.file = file
        self.section = section
        self.layout = layout
        state = FieldReadState(Entity.fields.makeErased())
        part.reserve(Entity.kind, expectedBytes / Self.minimumBytesPerEntry)
    }

    deinit {
        if reading { entity.deinitialize(count: 1) }
        entity.deallocate()
    }

    /// The parts of a chunk that continues the section (a second one when the chunk runs on into
    /// the next sections, which are read into nodes); nil when the chunk must be read into nodes.
    static func decode(
        _ source: YAMLSource, chunk: YAMLChunk, reader: YAMLReader, section: String, layout: ModelSection.Layout
    ) -> [ModelPart]? {
        guard chunk.continuedSection == section else { return nil }
        let decoder = SectionEventDecoder(
            file: SourceSpan.unsharedFile(source.file), section: section, layout: layout, expectedBytes: chunk.bytes.count)
        let finished = reader.visit(source, chunk: chunk, with: decoder)
        if finished, decoder.step == .done { return [decoder.part] }
        // Stopped at the next section's key: the entities before it are whole, and the rest of
        // the chunk reads as a chunk of its own (instead of all of it again).
        guard !finished, decoder.step == .sectionEnd, let next = decoder.nextSection,
              let rest = reader.rest(of: chunk, fromLine: next.line, in: source),
              let document = reader.read(source, chunk: rest)
        else { return nil }
        return [decoder.part, SectionDecoder.decode(document, keepingNodes: false)]
    }

    private func span(_ start: SourcePosition, _ end: SourcePosition) -> SourceSpan {
        SourceSpan(file: file, start: start, end: end)
    }

    func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool {
        switch (step, kind) {
        case (.start, .mapping):
            step = .sectionKey
        case (.sectionValue, .sequence) where layout == .list, (.sectionValue, .mapping) where layout == .keyed:
            step = .entries
        case (.entries, .mapping) where layout == .list, (.entryValue, .mapping):
            entityStart = start
            let blank = Entity(id: id, origin: EntityOrigin(span: key ?? span(start, start), node: nil))
            if reading { entity.pointee = blank } else { entity.initialize(to: blank) }
            reading = true
            state.reset()
            step = .key
        case (.value, .sequence):
            guard state.beginList() else { return false }
            listStart = start
            step = .listItems
        default:
            return false
        }
        return true
    }

    func close(end: SourcePosition) -> Bool {
        switch step {
        case .listItems:
            state.endList(into: entity, span: span(listStart, end))
            step = .key
        case .key:
            guard state.problems(of: entity, context: "").isEmpty else { return false }
            if layout == .list { entity.pointee.origin = EntityOrigin(span: span(entityStart, end), node: nil) }
            reading = false
            Entity.add(entity.move(), to: &part)
            step = .entries
        case .entries:
            step = .sectionEnd
        case .sectionEnd:
            step = .done
        default:
            return false
        }
        return true
    }

    func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, start: SourcePosition, end: SourcePosition) -> Bool {
        let scalar = YAMLScalar(bytes: text, style: style)
        switch step {
        case .sectionKey:
            guard scalar.string == section else { return false }
            step = .sectionValue
        case .entries where layout == .keyed:
            // An id: its map follows. Null, or `<<` (a merge key to a whole read), is left to the
            // node reader.
            guard !scalar.isNull, !scalar.isMergeKey else { return false }
            id = scalar.string
            key = span(start, end)
            step = .entryValue
        case .key:
            guard case .field = state.key(text) else { return false }
            step = .value
        case .value:
            step = .key
            return state.scalar(scalar, into: entity) == .read
        case .listItems:
            return state.item(scalar, into: entity) { span(start, end) }
        case .sectionEnd:
            // The next section: left to the node reader (see `decode`).
            if start.column == 1 { nextSection = start }
            return false
        default:
            return false
        }
        return true
    }
}
