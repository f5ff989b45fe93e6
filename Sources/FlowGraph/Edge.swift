public import FlowYAML

/// Data moving from one node to another: a declared flow, or an organization's access to a
/// system or store (which carries everything that node processes or holds).
public struct Edge: Sendable {
    public enum Origin: Sendable, Hashable {
        case flow(Int)
        case access
    }

    public var origin: Origin
    public var from: Int
    public var to: Int
    /// Data-set indices, sorted and unique.
    public var data: [Int]
    /// Where the edge is written: the flow, or the `accessed_by` entry.
    public var span: SourceSpan

    public var isDeclaredFlow: Bool {
        if case .flow = origin { return true }
        return false
    }
}

/// A transfer of personal data to a third country (Chapter V GDPR).
public struct Transfer: Sendable {
    public enum Via: String, Sendable {
        case flow
        case access
        case storage
    }

    public var via: Via
    /// Stable subject: the flow id, `node->organization` for access, the store id for storage.
    public var key: String
    public var subjectKind: String
    public var subjectName: String
    public var span: SourceSpan
    public var exporters: [Int]
    public var importer: Int
    /// Destination countries outside the EEA (node location, importer's establishment).
    public var countries: [String]
    public var data: [Int]
    /// `adequacy`, `scc`, `bcr` or `derogation`; nil when nothing covers the transfer.
    public var safeguard: String?
    /// The SCCs or BCRs that make the safeguard, by agreement index (empty for adequacy,
    /// a derogation or none).
    public var agreements: [Int] = []
    /// The node the data lands on, for its path.
    public var destination: Int
    public var edge: Int?
}

/// An organization that receives personal data of a controller, and how it stands with it.
public struct Recipient: Sendable {
    public enum Relation: String, Sendable {
        case jointController = "joint-controller"
        case thirdParty = "third-party"
        case processor
        case subprocessor
        case unlinked
    }

    /// `controller/organization`: one recipient per pair.
    public var key: String
    public var controller: Int
    public var organization: Int
    public var data: [Int]
    /// Received from the controller itself or a node it operates.
    public var direct: Bool
    /// Organizations the data came from (senders other than the controller).
    public var sources: [Int]
    public var relation: Relation
    public var dpaWithController: Bool
    /// Reached from the controller through DPAs.
    public var inChain: Bool
    /// Organizations from the controller to this one along DPAs (empty when not in the chain).
    public var chain: [Int]
    public var chainAuthorised: Bool
    /// A processor in the controller's chain that passed the data on without a DPA with this organization.
    public var viaProcessor: Int?
}
