import FlowYAML

/// An organization's fields from parse events, as `SectionDecoder.decodeOrganization` reads them.
struct OrganizationEvents: EntityEventReader {
    static let section = "organizations"
    static let keyedById = true
    private typealias Field = OrganizationField

    private var organizations: [Organization] = []
    private var definitions: [EntityRef] = []

    // The organization being read.
    private var id = ""
    private var key: SourceSpan?
    private var fields = WrittenFields<Field>()
    private var name: String?
    private var country: String?
    private var role: OrganizationRole?
    private var sector: Sector?
    private var certifications: [String] = []
    private var dpo: String?

    /// Bytes an entry takes at least (see `FlowEvents.minimumBytesPerFlow`).
    private static let minimumBytesPerEntry = 80

    init(file: String, expectedBytes: Int) {
        organizations.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
        definitions.reserveCapacity(expectedBytes / Self.minimumBytesPerEntry)
    }

    var part: ModelPart {
        var part = ModelPart()
        part.organizations = organizations
        part.definitions = definitions
        return part
    }

    mutating func begin(at start: SourcePosition, id: String, key: SourceSpan?) {
        self.id = id
        self.key = key
        fields = WrittenFields()
        name = nil
        country = nil
        role = nil
        sector = nil
        certifications = []
        dpo = nil
    }

    mutating func field(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        fields.take(name)
    }

    mutating func value(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        let isNull = ScalarWords.isNull(text, style)
        switch fields.current {
        case nil:
            return false
        case .name, .country:
            // Required: null is an error.
            guard let string = ScalarWords.string(text, isNull: isNull) else { return false }
            if fields.current == .name { name = string } else { country = string }
        case .role:
            return ScalarWords.word(text, isNull: isNull, into: &role)
        case .sector:
            return ScalarWords.word(text, isNull: isNull, into: &sector)
        case .certifications:
            return isNull // a list, or nothing
        case .dpo:
            dpo = ScalarWords.string(text, isNull: isNull)
        }
        return true
    }

    mutating func openList() -> Bool {
        fields.current == .certifications
    }

    mutating func item(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, span: @autoclosure () -> SourceSpan) -> Bool {
        if !ScalarWords.isNull(text, style) { certifications.append(String(decoding: text, as: UTF8.self)) }
        return true
    }

    mutating func finish(at end: SourcePosition) -> Bool {
        guard fields.hasRequired, let name, let country, let key else { return false }
        definitions.append(EntityRef(kind: .organization, index: organizations.count))
        organizations.append(Organization(
            id: id, name: name, country: country, role: role, sector: sector ?? .privateSector,
            certifications: certifications, dpo: dpo, origin: EntityOrigin(span: key, node: nil)))
        return true
    }
}
