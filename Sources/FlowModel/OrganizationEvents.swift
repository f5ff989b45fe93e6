import FlowYAML

/// An organization's fields from parse events, as `SectionDecoder.decodeOrganization` reads them.
struct OrganizationEvents: EntityEventReader {
    static let section = "organizations"
    static let keyedById = true
    typealias Field = OrganizationField

    private(set) var part = ModelPart()

    /// The organization being read.
    private struct Draft {
        var id = ""
        var key: SourceSpan?
        var name: String?
        var country: String?
        var role: OrganizationRole?
        var sector: Sector?
        var certifications: [String] = []
        var dpo: String?
    }

    private var draft = Draft()

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 80

    init(file: String, expectedBytes: Int) {
        part.organizations.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
        part.definitions.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        draft = Draft(id: id, key: key)
    }

    mutating func value(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        guard let field = Field(rawValue: position) else { return false }
        let isNull = ScalarWords.isNull(text, style)
        switch field {
        case .name, .country:
            // Required: null is an error.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            if field == .name { draft.name = string } else { draft.country = string }
        case .role:
            return ScalarWords.word(text, isNull: isNull, into: &draft.role)
        case .sector:
            return ScalarWords.word(text, isNull: isNull, into: &draft.sector)
        case .certifications:
            return isNull // a list, or nothing
        case .dpo:
            draft.dpo = ScalarWords.string(text, isNull: isNull)
        }
        return true
    }

    func takesList(_ position: Int) -> Bool {
        position == Field.certifications.rawValue
    }

    mutating func item(of position: Int, _ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        // `NodeDecoder.strings` drops null items without a word.
        if !ScalarWords.isNull(text, style) { draft.certifications.append(YAMLText.string(text)) }
        return true
    }

    mutating func finish(at end: SourcePosition, written: WrittenFields) -> Bool {
        // Moved out of the draft (see `FlowEvents.finish`).
        var draft = Draft(id: "", key: nil)
        swap(&draft, &self.draft)
        guard let name = draft.name, let country = draft.country, let key = draft.key else { return false }
        part.definitions.append(EntityRef(kind: .organization, index: part.organizations.count))
        part.organizations.append(Organization(
            id: draft.id, name: name, country: country, role: draft.role, sector: draft.sector ?? .privateSector,
            certifications: draft.certifications, dpo: draft.dpo, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
