import FlowYAML

/// A flow's fields from parse events, as `SectionDecoder.decodeFlow` reads them from nodes.
struct FlowEvents: EntityEventReader {
    static let section = "flows"
    static let keyedById = false
    typealias Field = FlowField

    private let file: String
    private(set) var part = ModelPart()

    /// The flow being read.
    private struct Draft {
        var start = SourcePosition(line: 1, column: 1)
        var id: String?
        var from = ""
        var to = ""
        var data: [String] = []
        var purpose: String?
        var legalBasis: LegalBasis?
        var article9: Article9Condition?
        var encryptedInTransit: Bool?
        var derogation: Derogation?
    }

    private var draft = Draft()

    /// Bytes a flow takes at least, as written in generated models (about 190 with indentation):
    /// room for more flows than a chunk can hold costs only address space.
    private static let minimumBytesPerFlow = 160
    /// Data sets a flow names, room for which is made at its first (generated models: 1 to 3).
    private static let expectedDataPerFlow = 4

    init(file: String, expectedBytes: Int) {
        self.file = file
        part.flows.reserveCapacity(expectedBytes / Self.minimumBytesPerFlow)
        part.flowIdOrigins.reserveCapacity(expectedBytes / Self.minimumBytesPerFlow)
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        draft = Draft(start: start)
    }

    mutating func value(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard let field = Field(rawValue: position) else { return false }
        // Null is "not written" for the optional fields, and an error for the required ones.
        let isNull = ScalarWords.isNull(text, style)
        switch field {
        case .from, .to:
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            if field == .from { draft.from = string } else { draft.to = string }
        case .data:
            return false // a list, or nothing: an error either way
        case .id:
            draft.id = ScalarWords.string(text, isNull: isNull)
        case .purpose:
            draft.purpose = ScalarWords.string(text, isNull: isNull)
        case .legalBasis:
            return ScalarWords.word(text, isNull: isNull, into: &draft.legalBasis)
        case .article9:
            return ScalarWords.word(text, isNull: isNull, into: &draft.article9)
        case .derogation:
            return ScalarWords.word(text, isNull: isNull, into: &draft.derogation)
        case .encryptedInTransit:
            guard !isNull else { return true }
            guard let flag = ScalarWords.bool(text, style) else { return false }
            draft.encryptedInTransit = flag
        }
        return true
    }

    func takesList(_ position: Int) -> Bool {
        position == Field.data.rawValue
    }

    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        // `NodeDecoder.strings` drops null items without a word.
        guard !ScalarWords.isNull(text, style) else { return true }
        // Room for a few at the first: growing one at a time allocated twice for most flows.
        if draft.data.isEmpty { draft.data.reserveCapacity(Self.expectedDataPerFlow) }
        draft.data.append(YAMLText.string(text))
        return true
    }

    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool {
        // Taken out of the draft, so its strings and list move into the flow instead of being
        // retained for it and released at the next `begin`.
        var draft = Draft()
        swap(&draft, &self.draft)
        part.flowIdOrigins.append(draft.id == nil ? .generated : .explicit)
        part.flows.append(Flow(
            id: draft.id ?? IdOrigin.flow(from: draft.from, to: draft.to), from: draft.from, to: draft.to, data: draft.data,
            purpose: draft.purpose, legalBasis: draft.legalBasis, article9: draft.article9,
            encryptedInTransit: draft.encryptedInTransit, derogation: draft.derogation,
            origin: EntityOrigin(span: SourceSpan(file: file, start: draft.start, end: end), node: nil)))
        return true
    }
}
