import FlowYAML

/// A processing activity (Art. 30(1)): one purpose, one legal basis and one Art. 9 condition for
/// what a controller does with some data, however many systems and flows the data passes through.
/// A flow that names it takes them from it.
public struct ProcessingActivity: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var controller: String
    public var purpose: String
    public var legalBasis: LegalBasis?
    public var article9: Article9Condition?
    public var data: [String]
    public var uses: [ProcessingUse]
    public var dpia: String?
    public var origin: EntityOrigin
}

extension ProcessingActivity: ModelEntity {
    package static let kind = EntityKind.activity
    package static let fields = FieldTable<Self>(
        "activity", doc: "A processing activity (Art. 30(1)): one purpose, legal basis and Art. 9 condition for the flows naming it",
        in: { $0.activities }, [
            .text("name", \.name, doc: "Name"),
            .text("controller", \.controller, .reference([.organization]), doc: "The organization deciding its purpose and means"),
            .text("purpose", \.purpose, doc: "Why the data is processed (Art. 5(1)(b), 30(1)(b))"),
            .word("legal_basis", \.legalBasis, doc: "The Art. 6(1) basis of the processing"),
            .word("article9", \.article9, doc: "The Art. 9(2) condition for special-category data"),
            .list("data", \.data, of: .reference([.data]), required: true, doc: "Data sets it processes"),
            .words("uses", \.uses, doc: "What makes it likely high risk (WP248 criteria)"),
            .text("dpia", \.dpia, doc: "Reference to its data protection impact assessment, if done"),
        ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, name: nil, controller: "", purpose: "", legalBasis: nil, article9: nil, data: [], uses: [], dpia: nil,
                  origin: origin)
    }

    package static func add(_ activity: consuming Self, to part: inout ModelPart) {
        part.definitions.append(EntityRef(kind: kind, index: part.activities.count))
        part.activities.append(activity)
    }
}
