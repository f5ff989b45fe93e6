import FlowYAML

/// Decodes a chunk that continues a section straight from its parse events, with no nodes
/// built: flows and stores alone are nine tenths of a national model's bytes, and building nodes
/// for them cost as much as decoding them. The section's shape is walked here; each entity is
/// read by the same `FieldReader` as the node path. Anything the node path would report stops
/// the walk (a false return), and the chunk is then read into nodes, which reports it.
final class SectionEventDecoder<Entity: ModelEntity>: YAMLEventVisitor {
    private enum State {
        case start, sectionKey, sectionValue, entries, entryValue, key, value, listItems, sectionEnd, done
    }

    private let file: String
    private let section: String
    private let layout: ModelSection.Layout
    // Read and written by one parse on one thread: run-time exclusivity checks on every event
    // cost more than the rest of taking a value.
    @exclusivity(unchecked) private var state = State.start
    @exclusivity(unchecked) private(set) var part = ModelPart()
    /// Where the key of the section after this one starts, when the chunk has one.
    @exclusivity(unchecked) private(set) var nextSection: SourcePosition?
    /// A keyed section's current id and the span of its key.
    @exclusivity(unchecked) private var id = ""
    @exclusivity(unchecked) private var key: SourceSpan?
    /// Where the entity and the list being read start.
    @exclusivity(unchecked) private var entityStart = SourcePosition(line: 1, column: 1)
    @exclusivity(unchecked) private var listStart = SourcePosition(line: 1, column: 1)
    @exclusivity(unchecked) private var reader: FieldReader<Entity>
    private let table = Entity.fields

    /// Bytes an entry takes at least: room for more entries than a chunk can hold costs only
    /// address space, and regrowing arrays of thousands of entities copied them.
    private static var minimumBytesPerEntry: Int { 80 }

    private init(file: String, section: String, layout: ModelSection.Layout, expectedBytes: Int) {
        self.file = file
        self.section = section
        self.layout = layout
        reader = FieldReader(Entity(id: "", origin: EntityOrigin(span: SourceSpan(file: file, start: entityStart, end: entityStart), node: nil)))
        part.reserve(Entity.kind, expectedBytes / Self.minimumBytesPerEntry)
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
        if finished, decoder.state == .done { return [decoder.part] }
        // Stopped at the next section's key: the entities before it are whole, and the rest of
        // the chunk reads as a chunk of its own (instead of all of it again).
        guard !finished, decoder.state == .sectionEnd, let next = decoder.nextSection,
              let rest = reader.rest(of: chunk, fromLine: next.line, in: source),
              let document = reader.read(source, chunk: rest)
        else { return nil }
        return [decoder.part, SectionDecoder.decode(document, keepingNodes: false)]
    }

    private func span(_ start: SourcePosition, _ end: SourcePosition) -> SourceSpan {
        SourceSpan(file: file, start: start, end: end)
    }

    func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool {
        switch (state, kind) {
        case (.start, .mapping):
            state = .sectionKey
        case (.sectionValue, .sequence) where layout == .list, (.sectionValue, .mapping) where layout == .keyed:
            state = .entries
        case (.entries, .mapping) where layout == .list, (.entryValue, .mapping):
            entityStart = start
            reader = FieldReader(Entity(id: id, origin: EntityOrigin(span: key ?? span(start, start), node: nil)), table: table)
            state = .key
        case (.value, .sequence):
            guard reader.beginList() else { return false }
            listStart = start
            state = .listItems
        default:
            return false
        }
        return true
    }

    func close(end: SourcePosition) -> Bool {
        switch state {
        case .listItems:
            reader.endList(span: span(listStart, end))
            state = .key
        case .key:
            guard reader.problems(context: "").isEmpty else { return false }
            var entity = reader.value
            if layout == .list { entity.origin = EntityOrigin(span: span(entityStart, end), node: nil) }
            Entity.add(entity, to: &part)
            state = .entries
        case .entries:
            state = .sectionEnd
        case .sectionEnd:
            state = .done
        default:
            return false
        }
        return true
    }

    func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, start: SourcePosition, end: SourcePosition) -> Bool {
        let scalar = YAMLScalar(bytes: text, style: style)
        switch state {
        case .sectionKey:
            guard scalar.string == section else { return false }
            state = .sectionValue
        case .entries where layout == .keyed:
            // An id: its map follows. Null, or `<<` (a merge key to a whole read), is left to the
            // node reader.
            guard !scalar.isNull, !scalar.isMergeKey else { return false }
            id = scalar.string
            key = span(start, end)
            state = .entryValue
        case .key:
            guard case .field = reader.key(text) else { return false }
            state = .value
        case .value:
            state = .key
            return reader.scalar(scalar) == .read
        case .listItems:
            return reader.item(scalar) { span(start, end) }
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
