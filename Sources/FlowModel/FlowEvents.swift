import FlowYAML

/// A flow's fields from parse events, as `SectionDecoder.decodeFlow` reads them from nodes.
struct FlowEvents: EntityEventReader {
    static let section = "flows"
    static let keyedById = false
    private typealias Field = FlowField

    private let file: String
    private var flows: [Flow] = []
    private var idOrigins: [IdOrigin] = []

    // The flow being read.
    private var start = SourcePosition(line: 1, column: 1)
    private var fields = WrittenFields<Field>()
    private var id: String?
    private var from = ""
    private var to = ""
    private var data: [String] = []
    private var purpose: String?
    private var legalBasis: LegalBasis?
    private var article9: Article9Condition?
    private var encryptedInTransit: Bool?
    private var derogation: Derogation?

    /// Bytes a flow takes at least, as written in generated models (about 190 with indentation):
    /// room for more flows than a chunk can hold costs only address space.
    private static let minimumBytesPerFlow = 160

    init(file: String, expectedBytes: Int) {
        self.file = file
        flows.reserveCapacity(expectedBytes / Self.minimumBytesPerFlow)
        idOrigins.reserveCapacity(expectedBytes / Self.minimumBytesPerFlow)
    }

    var part: ModelPart {
        var part = ModelPart()
        part.flows = flows
        part.flowIdOrigins = idOrigins
        return part
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        self.start = start
        fields = WrittenFields()
        self.id = nil
        from = ""
        to = ""
        data = []
        purpose = nil
        legalBasis = nil
        article9 = nil
        encryptedInTransit = nil
        derogation = nil
    }

    mutating func field(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        fields.take(name)
    }

    mutating func value(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        // Null is "not written" for the optional fields, and an error for the required ones.
        let isNull = ScalarWords.isNull(text, style)
        switch fields.current {
        case nil:
            return false
        case .from:
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            from = string
        case .to:
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            to = string
        case .data:
            return false // a list, or nothing: an error either way
        case .id:
            id = ScalarWords.string(text, isNull: isNull)
        case .purpose:
            purpose = ScalarWords.string(text, isNull: isNull)
        case .legalBasis:
            return ScalarWords.word(text, isNull: isNull, into: &legalBasis)
        case .article9:
            return ScalarWords.word(text, isNull: isNull, into: &article9)
        case .derogation:
            return ScalarWords.word(text, isNull: isNull, into: &derogation)
        case .encryptedInTransit:
            guard !isNull else { return true }
            guard let flag = ScalarWords.bool(text, style) else { return false }
            encryptedInTransit = flag
        }
        return true
    }

    mutating func openList() -> Bool {
        fields.current == .data
    }

    mutating func item(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        // `NodeDecoder.strings` drops null items without a word.
        if !ScalarWords.isNull(text, style) { data.append(String(decoding: text, as: UTF8.self)) }
        return true
    }

    mutating func finish(at end: SourcePosition) -> Bool {
        guard fields.hasRequired else { return false }
        idOrigins.append(id == nil ? .generated : .explicit)
        flows.append(Flow(
            id: id ?? IdOrigin.flow(from: from, to: to), from: from, to: to, data: data, purpose: purpose,
            legalBasis: legalBasis, article9: article9, encryptedInTransit: encryptedInTransit, derogation: derogation,
            origin: EntityOrigin(span: SourceSpan(file: file, start: start, end: end), node: nil)))
        return true
    }
}
