/// An accepted finding: who accepted it, why, and until when.
public struct Waiver: Sendable {
    public var id: String
    public var rule: String
    /// An entity id, or a glob (`*`, `?`) over subject keys.
    public var subject: String
    public var reason: String
    public var approvedBy: String
    public var expires: CivilDate
    public var origin: EntityOrigin
}
