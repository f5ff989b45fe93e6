/// An accepted finding: who accepted it, why, and until when.
public struct Waiver: Sendable, Equatable {
    public var id: String
    public var rule: String
    /// An entity id, or a glob (`*`, `?`) over subject keys.
    public var subject: String
    public var reason: String
    public var approvedBy: String
    public var expires: CivilDate
    public var origin: EntityOrigin
}

extension Waiver: ModelEntity {
    package static let kind = EntityKind.waiver
    package static let fields = FieldTable<Self>("waiver", doc: "An accepted finding: who accepted it, why, and until when", in: { $0.waivers }, [
        .text("rule", \.rule, doc: "A rule id (globs allowed)"),
        .text("subject", \.subject, doc: "A subject id or key (globs allowed)"),
        .text("reason", \.reason, doc: "Why the finding is accepted"),
        .text("approved_by", \.approvedBy, doc: "Who accepted it"),
        .date("expires", \.expires, doc: "Until when; the finding returns after it"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, rule: "", subject: "", reason: "", approvedBy: "", expires: CivilDate.epoch, origin: origin)
    }

    package static func add(_ waiver: consuming Self, to part: inout ModelPart) {
        waiver.id = "\(waiver.rule)@\(waiver.subject)"
        part.waivers.append(waiver)
    }
}
