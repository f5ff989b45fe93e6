/// Data moving between organizations, systems and stores.
public struct Flow: Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var data: [String]
    /// The processing activity it serves, whose purpose, legal basis and Art. 9 condition apply.
    public var activity: String?
    public var purpose: String?
    public var legalBasis: LegalBasis?
    public var article9: Article9Condition?
    public var encryptedInTransit: Bool?
    public var derogation: Derogation?
    public var origin: EntityOrigin
}

extension Flow: ModelEntity {
    package static let kind = EntityKind.flow
    package static let fields = FieldTable<Self>("flow", doc: "Data moving between organizations, systems and stores", in: { $0.flows }, [
        .text("id", \.id, required: false, doc: "Flow id; default `<from>-><to>` (then `#2`, `#3` in file order)"),
        .text("from", \.from, .reference([.organization, .system, .store]), doc: "Where the data comes from"),
        .text("to", \.to, .reference([.organization, .system, .store]), doc: "Where the data goes"),
        .list("data", \.data, of: .reference([.data]), doc: "Data sets carried (default: its activity's)"),
        .text("activity", \.activity, .reference([.activity]),
              doc: "The processing activity it serves: the flow is judged by its purpose, legal basis and Art. 9 condition"),
        .text("purpose", \.purpose, doc: "Why the data moves (Art. 5(1)(b)); with an activity, the activity's"),
        .word("legal_basis", \.legalBasis, doc: "The Art. 6(1) basis of the processing"),
        .word("article9", \.article9, doc: "The Art. 9(2) condition for special-category data"),
        .flag("encrypted_in_transit", \.encryptedInTransit, doc: "Whether the data is encrypted on the way; absent = undeclared"),
        .word("derogation", \.derogation, doc: "An Art. 49(1) derogation covering a transfer for a specific situation"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, from: "", to: "", data: [], activity: nil, purpose: nil, legalBasis: nil, article9: nil, encryptedInTransit: nil,
                  derogation: nil, origin: origin)
    }

    package static func add(_ flow: consuming Self, to part: inout ModelPart) {
        let generated = flow.id.isEmpty
        if generated { flow.id = IdOrigin.flow(from: flow.from, to: flow.to) }
        part.flowIdOrigins.append(generated ? .generated : .explicit)
        part.flows.append(flow)
    }
}
