import FlowYAML

/// An agreement's fields from parse events, as `SectionDecoder.decodeAgreement` reads them
/// from nodes. Whatever that reports (a field that does not apply to the type, a required one
/// missing, too few parties, approvals without `specific`) stops the reader: the chunk is then
/// read into nodes, which reports it.
struct AgreementEvents: EntityEventReader {
    static let section = "agreements"
    static let keyedById = false
    typealias Field = AgreementField

    private let file: String
    private(set) var part = ModelPart()

    /// The agreement being read.
    private struct Draft {
        var start = SourcePosition(line: 1, column: 1)
        var id: String?
        var type: AgreementType?
        var controller: String?
        var processor: String?
        var subprocessors: SubprocessorAuthorisation?
        var approved: [String] = []
        var exporter: String?
        var importer: String?
        var measures: [String] = []
        var parties: [String] = []
        var signed: CivilDate?
        var expires: CivilDate?
    }

    private var draft = Draft()

    /// Bytes an agreement takes at least, as written in generated models (about 110).
    private static let minimumBytesPerAgreement = 80

    init(file: String, expectedBytes: Int) {
        self.file = file
        part.agreements.reserveCapacity(expectedBytes / Self.minimumBytesPerAgreement)
        part.agreementIdOrigins.reserveCapacity(expectedBytes / Self.minimumBytesPerAgreement)
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        draft = Draft(start: start)
    }

    mutating func value(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard let field = Field(rawValue: position) else { return false }
        let isNull = ScalarWords.isNull(text, style)
        switch field {
        case .id: draft.id = ScalarWords.string(text, isNull: isNull)
        case .type:
            // Required: a null type is left to the node reader.
            return !isNull && ScalarWords.word(text, isNull: false, into: &draft.type)
        case .controller: draft.controller = ScalarWords.string(text, isNull: isNull)
        case .processor: draft.processor = ScalarWords.string(text, isNull: isNull)
        case .exporter: draft.exporter = ScalarWords.string(text, isNull: isNull)
        case .importer: draft.importer = ScalarWords.string(text, isNull: isNull)
        case .subprocessors: return ScalarWords.word(text, isNull: isNull, into: &draft.subprocessors)
        case .signed: return ScalarWords.date(text, isNull: isNull, into: &draft.signed)
        case .expires: return ScalarWords.date(text, isNull: isNull, into: &draft.expires)
        case .approved, .measures, .parties:
            // A list, or nothing (an empty one); anything else is an error.
            return isNull
        }
        return true
    }

    /// Per type: the fields it requires, and those it allows (`id`, `type` and the dates, and its own).
    private static let dpaFields = (mask(.controller, .processor), commonFields | mask(.controller, .processor, .subprocessors, .approved))
    private static let sccFields = (mask(.exporter, .importer), commonFields | mask(.exporter, .importer, .measures))
    private static let partiesFields = (mask(.parties), commonFields | mask(.parties))
    private static let commonFields = mask(.id, .type, .signed, .expires)

    private static func mask(_ fields: Field...) -> Int {
        fields.reduce(0) { $0 | 1 << $1.rawValue }
    }

    func takesList(_ position: Int) -> Bool {
        position == Field.approved.rawValue || position == Field.measures.rawValue || position == Field.parties.rawValue
    }

    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        // `NodeDecoder.strings` drops null items without a word.
        guard !ScalarWords.isNull(text, style) else { return true }
        let item = YAMLText.string(text)
        switch Field(rawValue: position) {
        case .approved: draft.approved.append(item)
        case .measures: draft.measures.append(item)
        case .parties: draft.parties.append(item)
        default: return false
        }
        return true
    }

    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool {
        var draft = Draft()
        swap(&draft, &self.draft)
        guard let type = draft.type else { return false }
        // As `decodeAgreement` checks them, by bit masks of field positions.
        let (required, allowed) = switch type {
        case .dpa: Self.dpaFields
        case .scc: Self.sccFields
        case .bcr, .jointController: Self.partiesFields
        }
        guard written.mask & ~allowed == 0, written.mask & required == required else { return false }
        if type == .bcr || type == .jointController, written.isWritten(Field.parties.rawValue), draft.parties.count < 2 {
            return false
        }
        let subprocessors = draft.subprocessors ?? SubprocessorAuthorisation.none
        if subprocessors != .specific, !draft.approved.isEmpty { return false }
        var agreement = Agreement(
            id: "", type: type, controller: draft.controller, processor: draft.processor, subprocessors: subprocessors,
            approved: draft.approved, exporter: draft.exporter, importer: draft.importer, parties: draft.parties,
            measures: draft.measures, signed: draft.signed, expires: draft.expires,
            origin: EntityOrigin(span: SourceSpan(file: file, start: draft.start, end: end), node: nil))
        agreement.id = draft.id ?? IdOrigin.agreement(type, parties: agreement.boundOrganizations)
        part.agreementIdOrigins.append(draft.id == nil ? .generated : .explicit)
        part.agreements.append(agreement)
        return true
    }
}
