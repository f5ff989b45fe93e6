/// A contract that makes processing or transfers lawful.
public struct Agreement: Sendable, Equatable {
    public var id: String
    public var type: AgreementType
    /// DPA: the party that instructs.
    public var controller: String?
    /// DPA: the party that processes on its behalf.
    public var processor: String?
    public var subprocessors: SubprocessorAuthorisation
    public var approved: [String]
    public var exporter: String?
    public var importer: String?
    public var parties: [String]
    public var measures: [String]
    /// DPA: the Art. 28(3) clauses it contains; nil when not recorded.
    public var clauses: [Article28Clause]?
    /// SCC: the reference of the transfer impact assessment (Clause 14); nil when none is recorded.
    public var tia: String?
    public var signed: CivilDate?
    public var expires: CivilDate?
    public var origin: EntityOrigin

    /// The supplementary measures EDPB Recommendations 01/2020 (version 2.0) found effective where
    /// public authorities reach transferred data, by use case: 1 (stored or routed data the
    /// importer cannot read, keys held in the EEA), 2 (pseudonymised data), 5 (split processing).
    public static let effectiveMeasures = ["encryption-eea-keys", "pseudonymisation", "split-processing"]

    /// Every organization the agreement binds.
    public var boundOrganizations: [String] {
        [controller, processor, exporter, importer].compactMap { $0 } + parties
    }
}

extension Agreement: ModelEntity {
    package static let kind = EntityKind.agreement
    private static let organization = FieldKind.reference([.organization])
    package static let fields = FieldTable<Self>("agreement", doc: "A DPA, SCC, BCR or joint-controller arrangement", in: { $0.agreements }, variantField: "type", [
        .text("id", \.id, required: false, doc: "Agreement id; default `<type>:<parties>`"),
        .word("type", \.type, required: true, doc: "What kind of agreement it is"),
        .text("controller", \.controller, organization, doc: "The party that instructs").only([AgreementType.dpa], required: true),
        .text("processor", \.processor, organization, doc: "The party that processes on the controller's behalf")
            .only([AgreementType.dpa], required: true),
        .word("subprocessors", \.subprocessors, doc: "What the processor may do about sub-processors (Art. 28(2)); default `none`")
            .only([AgreementType.dpa]),
        .list("approved", \.approved, of: organization, doc: "Sub-processors authorised, with `subprocessors: specific`")
            .only([AgreementType.dpa]),
        .date("signed", \.signed, doc: "When it was signed"),
        .date("expires", \.expires, doc: "When it ends; absent = open-ended"),
        .text("exporter", \.exporter, organization, doc: "The party sending data out of the EEA").only([AgreementType.scc], required: true),
        .text("importer", \.importer, organization, doc: "The party receiving it").only([AgreementType.scc], required: true),
        .words("clauses", \.clauses, doc: "The Art. 28(3) clauses it contains; absent = not recorded, `[]` = none")
            .only([AgreementType.dpa]),
        .list("measures", \.measures,
              doc: "Supplementary measures (free strings); `encryption-eea-keys`, `pseudonymisation` and `split-processing` are the "
                + "technical measures EDPB Recommendations 01/2020 found effective")
            .only([AgreementType.scc, .bcr]),
        .text("tia", \.tia, doc: "Reference of the transfer impact assessment (SCC Clause 14); absent = none recorded")
            .only([AgreementType.scc]),
        .list("parties", \.parties, of: organization, doc: "The organizations bound, at least two")
            .only([AgreementType.bcr, .jointController], required: true),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, type: .dpa, controller: nil, processor: nil, subprocessors: .none, approved: [], exporter: nil,
                  importer: nil, parties: [], measures: [], clauses: nil, tia: nil, signed: nil, expires: nil, origin: origin)
    }

    package func problems(written: FieldMask) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if type == .bcr || type == .jointController, written.contains(Self.partiesField), parties.count < 2 {
            problems.append(FieldProblem("'parties' of a \(type.rawValue) agreement needs at least two organizations", at: "parties"))
        }
        if subprocessors != .specific, !approved.isEmpty {
            problems.append(FieldProblem("'approved' lists sub-processors, but 'subprocessors' is not 'specific'", at: "approved"))
        }
        return problems
    }

    private static let partiesField = fields.position(of: "parties")

    package static func add(_ agreement: consuming Self, to part: inout ModelPart) {
        let generated = agreement.id.isEmpty
        if generated { agreement.id = IdOrigin.agreement(agreement.type, parties: agreement.boundOrganizations) }
        part.agreementIdOrigins.append(generated ? .generated : .explicit)
        part.agreements.append(agreement)
    }
}
