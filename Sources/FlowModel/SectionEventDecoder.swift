import FlowYAML

/// Reads one entity kind's field values from parse events, for `SectionEventDecoder`, which
/// keeps track of the fields (known, written once, required ones present). It takes only what
/// `SectionDecoder` decodes without a problem; a false return stops the read, and the chunk is
/// then read into nodes and decoded as usual.
protocol EntityEventReader {
    associatedtype Field: EntityFields
    /// The section whose chunks are read from events.
    static var section: String { get }
    /// Entities under their ids (`stores:`), or in a list (`flows:`).
    static var keyedById: Bool { get }
    /// `expectedBytes`: the chunk's size, to make room for its entities at once (regrowing
    /// arrays of thousands of entities copied them, into memory touched for the first time).
    init(file: String, expectedBytes: Int)
    /// An entity's map starts at `start`; `id` and `key` (its span) in a keyed section.
    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?)
    /// The scalar value of the field at `position` among `Field.names`.
    mutating func value(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool
    /// Whether the field at `position` takes a list (its value is one).
    func takesList(_ position: Int) -> Bool
    /// An item of the list the field at `position` takes.
    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool
    /// The entity's map ends at `end`, with every required field written (`written` tells
    /// which: a list written empty, or null, gives the reader no value).
    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool
    /// The entities read, as a chunk's part.
    var part: ModelPart { get }
}

/// Decodes a chunk that continues a section (`flows:`, `stores:`, `organizations:`, `systems:`)
/// straight from its parse events, with no nodes built: flows and stores alone are nine tenths
/// of a national model's bytes, and building nodes for them cost as much as decoding them. The
/// section's shape is walked here; the entities' fields by the section's `EntityEventReader`.
final class SectionEventDecoder<Reader: EntityEventReader>: YAMLEventVisitor {
    private enum State {
        case start, sectionKey, sectionValue, entries, entryValue, key, value, listItems, sectionEnd, done
    }

    private let file: String
    // Read and written by one parse on one thread: run-time exclusivity checks on every event
    // cost more than the rest of taking a value.
    @exclusivity(unchecked) private var state = State.start
    @exclusivity(unchecked) private(set) var reader: Reader
    /// Where the key of the section after this one starts, when the chunk has one.
    @exclusivity(unchecked) private(set) var nextSection: SourcePosition?
    /// A keyed section's current id and the span of its key.
    @exclusivity(unchecked) private var id = ""
    @exclusivity(unchecked) private var key: SourceSpan?
    /// The fields of the entity being read.
    @exclusivity(unchecked) private var fields: WrittenFields

    private init(file: String, expectedBytes: Int) {
        self.file = file
        reader = Reader(file: file, expectedBytes: expectedBytes)
        fields = WrittenFields(names: Reader.Field.names, required: Reader.Field.required)
    }

    /// The parts of a chunk that continues the section (a second one when the chunk runs on into
    /// the next sections, which are read into nodes); nil when the chunk must be read into nodes.
    static func decode(_ source: YAMLSource, chunk: YAMLChunk, reader: YAMLReader) -> [ModelPart]? {
        guard chunk.continuedSection == Reader.section else { return nil }
        let decoder = SectionEventDecoder(file: SourceSpan.unsharedFile(source.file), expectedBytes: chunk.bytes.count)
        let finished = reader.visit(source, chunk: chunk, with: decoder)
        if finished, decoder.state == .done { return [decoder.reader.part] }
        // Stopped at the next section's key: the entities before it are whole, and the rest of
        // the chunk reads as a chunk of its own (instead of all of it again).
        guard !finished, decoder.state == .sectionEnd, let next = decoder.nextSection,
              let rest = reader.rest(of: chunk, fromLine: next.line, in: source),
              let document = reader.read(source, chunk: rest)
        else { return nil }
        return [decoder.reader.part, SectionDecoder.decode(document, keepingNodes: false)]
    }

    func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool {
        switch (state, kind) {
        case (.start, .mapping):
            state = .sectionKey
        case (.sectionValue, .sequence) where !Reader.keyedById, (.sectionValue, .mapping) where Reader.keyedById:
            state = .entries
        case (.entries, .mapping) where !Reader.keyedById, (.entryValue, .mapping):
            reader.begin(at: start, id: id, key: key)
            fields.reset()
            state = .key
        case (.value, .sequence):
            guard let field = fields.current, reader.takesList(field) else { return false }
            state = .listItems
        default:
            return false
        }
        return true
    }

    func close(end: SourcePosition) -> Bool {
        switch state {
        case .listItems:
            state = .key
        case .key:
            // A required field missing is an error of a read.
            guard fields.hasRequired, reader.finish(at: end, written: fields) else { return false }
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
        switch state {
        case .sectionKey:
            guard YAMLText.string(text) == Reader.section else { return false }
            state = .sectionValue
        case .entries where Reader.keyedById:
            // An id: its map follows (anything else is an error).
            guard !ScalarWords.isNull(text, style) else { return false }
            id = YAMLText.string(text)
            key = SourceSpan(file: file, start: start, end: end)
            state = .entryValue
        case .key:
            guard fields.take(text) else { return false }
            state = .value
        case .value:
            state = .key
            guard let field = fields.current else { return false }
            return reader.value(of: field, text, style: style, span: SourceSpan(file: file, start: start, end: end))
        case .listItems:
            guard let field = fields.current else { return false }
            return reader.item(of: field, text, style: style, span: SourceSpan(file: file, start: start, end: end))
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

/// The sections read from events, by their chunks.
enum EventSections {
    static let names: Set<String> = [
        FlowEvents.section, StoreEvents.section, OrganizationEvents.section, SystemEvents.section, AgreementEvents.section,
    ]

    /// The parts of `chunk` read from events; nil when it must be read into nodes.
    static func decode(_ source: YAMLSource, chunk: YAMLChunk, reader: YAMLReader) -> [ModelPart]? {
        switch chunk.continuedSection {
        case FlowEvents.section: SectionEventDecoder<FlowEvents>.decode(source, chunk: chunk, reader: reader)
        case StoreEvents.section: SectionEventDecoder<StoreEvents>.decode(source, chunk: chunk, reader: reader)
        case OrganizationEvents.section: SectionEventDecoder<OrganizationEvents>.decode(source, chunk: chunk, reader: reader)
        case SystemEvents.section: SectionEventDecoder<SystemEvents>.decode(source, chunk: chunk, reader: reader)
        case AgreementEvents.section: SectionEventDecoder<AgreementEvents>.decode(source, chunk: chunk, reader: reader)
        default: nil
        }
    }
}

/// Scalars read as `NodeDecoder` reads them, from their bytes.
enum ScalarWords {
    /// `YAMLNode.isNull` for an untagged scalar.
    static func isNull(_ text: UnsafeBufferPointer<UInt8>, _ style: YAMLScalarStyle) -> Bool {
        guard style == .plain else { return false }
        switch text.count {
        case 0: return true
        case 1: return text[0] == UInt8(ascii: "~")
        case 4: return nullWords.position(of: text) != nil
        default: return false
        }
    }

    private static let nullWords = KeyNames(["null", "Null", "NULL"])
    private static let boolWords = KeyNames(["false", "true"])

    /// Only plain `true` and `false` (see `NodeDecoder.bool`).
    static func bool(_ text: UnsafeBufferPointer<UInt8>, _ style: YAMLScalarStyle) -> Bool? {
        style == .plain ? boolWords.position(of: text).map { $0 == 1 } : nil
    }

    /// A vocabulary's value (see `NodeDecoder.vocabulary`): false for a word outside it, and
    /// nil for null.
    static func word<Value: ModelVocabulary>(_ text: UnsafeBufferPointer<UInt8>, isNull: Bool, into value: inout Value?) -> Bool {
        guard !isNull else { return true }
        guard let position = Value.valueNames.position(of: text) else { return false }
        value = Value.values[position]
        return true
    }

    /// See `NodeDecoder.date`: false for text that is no date, nil for null.
    static func date(_ text: UnsafeBufferPointer<UInt8>, isNull: Bool, into value: inout CivilDate?) -> Bool {
        guard !isNull else { return true }
        guard let date = CivilDate(YAMLText.string(text)) else { return false }
        value = date
        return true
    }

    static func string(_ text: UnsafeBufferPointer<UInt8>, isNull: Bool) -> String? {
        isNull ? nil : YAMLText.string(text)
    }
}
