/// Data moving between organizations, systems and stores.
public struct Flow: Sendable {
    public var id: String
    public var from: String
    public var to: String
    public var data: [String]
    public var purpose: String?
    public var legalBasis: LegalBasis?
    public var article9: Article9Condition?
    public var encryptedInTransit: Bool?
    public var derogation: Derogation?
    public var origin: EntityOrigin
}
