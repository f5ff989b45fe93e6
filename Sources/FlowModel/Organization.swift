public struct Organization: Sendable, Equatable {
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2 country of establishment.
    public var country: String
    public var role: OrganizationRole?
    public var sector: Sector
    public var certifications: [String]
    public var dpo: String?
    /// Art. 27: who represents it in the Union, when it is established outside it.
    public var representative: String?
    public var origin: EntityOrigin
}

extension Organization: ModelEntity {
    package static let kind = EntityKind.organization
    package static let fields = FieldTable<Self>("organization", doc: "A legal person that controls, processes or receives data", in: { $0.organizations }, [
        .text("name", \.name, doc: "Legal name"),
        .text("country", \.country, .country, doc: "Where it is established"),
        .word("role", \.role, doc: "Its role under the GDPR, when declared"),
        .word("sector", \.sector, doc: "`private` unless declared `public`"),
        .list("certifications", \.certifications, doc: "Free strings; `dpf` = listed under the EU-US Data Privacy Framework"),
        .text("dpo", \.dpo, doc: "Contact of its data protection officer, if any"),
        .text("representative", \.representative,
              doc: "Its representative in the Union (Art. 27), when established outside it; absent = none recorded"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, name: "", country: "", role: nil, sector: .privateSector, certifications: [], dpo: nil, representative: nil,
                  origin: origin)
    }

    package static func add(_ organization: consuming Self, to part: inout ModelPart) {
        part.definitions.append(EntityRef(kind: kind, index: part.organizations.count))
        part.organizations.append(organization)
    }
}
