/// A personal data breach as the controller records it (Art. 33(5)): what it hit, when it was
/// found, how serious it is and whom the controller told.
public struct Incident: Sendable, Equatable {
    public var id: String
    public var affected: [String]
    /// The data it exposed; empty means the personal data at rest in or processed by `affected`.
    public var data: [String]
    public var discovered: Moment?
    public var risk: IncidentRisk?
    public var notifiedAuthority: Moment?
    public var notifiedSubjects: Moment?
    public var origin: EntityOrigin
}

extension Incident: ModelEntity {
    package static let kind = EntityKind.incident
    package static let fields = FieldTable<Self>(
        "incident", doc: "A personal data breach (Art. 4(12)) as recorded in the controller's register (Art. 33(5))",
        in: { $0.incidents }, [
            .text("id", \.id, doc: "Incident id"),
            .list("affected", \.affected, of: .reference([.store, .system, .organization]), required: true,
                  doc: "The stores, systems or organizations it hit"),
            .list("data", \.data, of: .reference([.data]),
                  doc: "Data sets exposed; default: the personal data at rest in or processed by `affected`"),
            .moment("discovered", \.discovered, required: true, doc: "When the controller became aware of it"),
            .word("risk", \.risk, doc: "What it risks for the people concerned; absent = not assessed"),
            .moment("notified_authority", \.notifiedAuthority, doc: "When the supervisory authority was notified; absent = not notified"),
            .moment("notified_subjects", \.notifiedSubjects, doc: "When the people concerned were told; absent = not told"),
        ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, affected: [], data: [], discovered: nil, risk: nil, notifiedAuthority: nil, notifiedSubjects: nil,
                  origin: origin)
    }

    package static func add(_ incident: consuming Self, to part: inout ModelPart) {
        part.incidents.append(incident)
    }
}
