/// A contract that makes processing or transfers lawful.
public struct Agreement: Sendable {
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
    public var signed: CivilDate?
    public var expires: CivilDate?
    public var origin: EntityOrigin

    /// Every organization the agreement binds.
    public var boundOrganizations: [String] {
        [controller, processor, exporter, importer].compactMap { $0 } + parties
    }
}
