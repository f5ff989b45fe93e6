import FlowYAML

/// Decodes a chunk of the `flows:` list straight from its parse events, with no nodes built.
/// Flows are most of a national model (200,000 of its 330,000 entities and two thirds of its
/// bytes at N = 20,000), and building nodes for them cost as much as decoding them.
///
/// It takes only what `SectionDecoder.decodeFlow` reads without a problem: maps of known fields,
/// each written once, with scalar values (a list of scalars for `data`) that it would accept.
/// Anything else stops it and the chunk is read into nodes and decoded as before, so every
/// diagnostic, and every flow, is exactly what that gives.
final class FlowChunkDecoder: YAMLEventVisitor {
    /// The parts of a chunk that continues `flows:` (a second one when the chunk runs on into the
    /// next sections, which are read into nodes); nil when the chunk must be read into nodes.
    static func decode(_ source: YAMLSource, chunk: YAMLChunk, reader: YAMLReader) -> [ModelPart]? {
        guard chunk.continuedSection == section else { return nil }
        let decoder = FlowChunkDecoder(file: source.file)
        let finished = reader.visit(source, chunk: chunk, with: decoder)
        var flows = ModelPart()
        flows.flows = decoder.flows
        flows.flowIdOrigins = decoder.idOrigins
        if finished, decoder.state == .done { return [flows] }
        // Stopped at the next section's key: the flows before it are whole, and the rest of the
        // chunk reads as a chunk of its own (instead of all of it again).
        guard !finished, decoder.state == .sectionEnd, let next = decoder.nextSection,
              let rest = reader.rest(of: chunk, fromLine: next.line, in: source),
              let document = reader.read(source, chunk: rest)
        else { return nil }
        return [flows, SectionDecoder.decode(document, keepingNodes: false)]
    }

    /// The section decoded here; the planner cuts where it starts, so all its items are in
    /// chunks that continue it.
    static let section = "flows"

    private enum State {
        case start, sectionKey, sectionValue, items, key, value, dataItems, sectionEnd, done
    }

    private typealias Field = FlowField

    private let file: String
    // Read and written by one parse on one thread: run-time exclusivity checks on every event
    // cost more than the rest of taking a value.
    @exclusivity(unchecked) private var state = State.start
    @exclusivity(unchecked) private(set) var flows: [Flow] = []
    @exclusivity(unchecked) private(set) var idOrigins: [IdOrigin] = []
    /// Where the key of the section after `flows:` starts, when the chunk has one.
    @exclusivity(unchecked) private(set) var nextSection: SourcePosition?

    // The flow being read.
    @exclusivity(unchecked) private var start = SourcePosition(line: 1, column: 1)
    /// Fields written so far, one bit each by position.
    @exclusivity(unchecked) private var written = 0
    @exclusivity(unchecked) private var field = Field.id
    /// Where the next key is looked for first: after the previous one.
    @exclusivity(unchecked) private var expectedPosition = 0
    @exclusivity(unchecked) private var id: String?
    @exclusivity(unchecked) private var from = ""
    @exclusivity(unchecked) private var to = ""
    @exclusivity(unchecked) private var data: [String] = []
    @exclusivity(unchecked) private var purpose: String?
    @exclusivity(unchecked) private var legalBasis: LegalBasis?
    @exclusivity(unchecked) private var article9: Article9Condition?
    @exclusivity(unchecked) private var encryptedInTransit: Bool?
    @exclusivity(unchecked) private var derogation: Derogation?

    private init(file: String) {
        self.file = file
    }

    func open(_ kind: YAMLNodeKind, start position: SourcePosition) -> Bool {
        switch (state, kind) {
        case (.start, .mapping):
            state = .sectionKey
        case (.sectionValue, .sequence):
            state = .items
        case (.items, .mapping):
            beginFlow(at: position)
            state = .key
        case (.value, .sequence) where field == .data:
            state = .dataItems
        default:
            return false
        }
        return true
    }

    func close(end: SourcePosition) -> Bool {
        switch state {
        case .dataItems:
            state = .key
        case .key:
            guard finishFlow(at: end) else { return false }
            state = .items
        case .items:
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
            guard String(decoding: text, as: UTF8.self) == Self.section else { return false }
            state = .sectionValue
            return true
        case .key:
            // Keys mostly come in the order the fields are listed: the next one is tried first.
            guard let position = Field.names.position(of: text, expected: expectedPosition),
                  let next = Field(rawValue: position), written & (1 << position) == 0
            else { return false }
            written |= 1 << position
            field = next
            expectedPosition = position + 1
            state = .value
            return true
        case .value:
            state = .key
            return value(text, isNull: Self.isNull(text, style), isPlain: style == .plain)
        case .sectionEnd:
            // The next section: left to the node reader (see `decode`).
            if start.column == 1 { nextSection = start }
            return false
        case .dataItems:
            // `NodeDecoder.strings` drops null items without a word.
            if !Self.isNull(text, style) { data.append(String(decoding: text, as: UTF8.self)) }
            return true
        default:
            return false
        }
    }

    /// Reads the value of `field` as `decodeFlow` does; false where that reports a problem.
    private func value(_ text: UnsafeBufferPointer<UInt8>, isNull: Bool, isPlain: Bool) -> Bool {
        // Null is "not written" for the optional fields, and an error for the required ones.
        let string = isNull ? nil : String(decoding: text, as: UTF8.self)
        switch field {
        case .from:
            guard let string else { return false }
            from = string
        case .to:
            guard let string else { return false }
            to = string
        case .data:
            return false // a list, or nothing: an error either way
        case .id:
            id = string
        case .purpose:
            purpose = string
        case .legalBasis:
            return Self.word(text, isNull: isNull, into: &legalBasis)
        case .article9:
            return Self.word(text, isNull: isNull, into: &article9)
        case .derogation:
            return Self.word(text, isNull: isNull, into: &derogation)
        case .encryptedInTransit:
            guard !isNull else { return true }
            // Only plain `true` and `false` (see `NodeDecoder.bool`).
            guard isPlain, let flag = Self.bool(text) else { return false }
            encryptedInTransit = flag
        }
        return true
    }

    private func beginFlow(at position: SourcePosition) {
        start = position
        written = 0
        expectedPosition = 0
        id = nil
        from = ""
        to = ""
        data = []
        purpose = nil
        legalBasis = nil
        article9 = nil
        encryptedInTransit = nil
        derogation = nil
    }

    /// False when a required field is missing (reported by `NodeDecoder.fields`).
    private func finishFlow(at end: SourcePosition) -> Bool {
        for required in Field.required where written & (1 << required) == 0 {
            return false
        }
        idOrigins.append(id == nil ? .generated : .explicit)
        flows.append(Flow(
            id: id ?? IdOrigin.flow(from: from, to: to), from: from, to: to, data: data, purpose: purpose,
            legalBasis: legalBasis, article9: article9, encryptedInTransit: encryptedInTransit, derogation: derogation,
            origin: EntityOrigin(span: SourceSpan(file: file, start: start, end: end), node: nil)))
        return true
    }

    /// `YAMLNode.isNull` for an untagged scalar.
    private static func isNull(_ text: UnsafeBufferPointer<UInt8>, _ style: YAMLScalarStyle) -> Bool {
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

    private static func bool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        boolWords.position(of: text).map { $0 == 1 }
    }

    /// A vocabulary's value (see `NodeDecoder.vocabulary`); false for a word outside it.
    private static func word<Value: ModelVocabulary>(_ text: UnsafeBufferPointer<UInt8>, isNull: Bool, into value: inout Value?) -> Bool {
        guard !isNull else { return true }
        guard let position = Value.valueNames.position(of: text) else { return false }
        value = Value.values[position]
        return true
    }
}
