public struct Organization: Sendable {
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2 country of establishment.
    public var country: String
    public var role: OrganizationRole?
    public var sector: Sector
    public var certifications: [String]
    public var dpo: String?
    public var origin: EntityOrigin
}
