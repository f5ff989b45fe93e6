import FlowYAML

/// Closed vocabularies of model v1. Raw values are what users write in YAML.
package protocol ModelVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// `allCases`, built once: the synthesized `allCases` builds a new array on every call, and
    /// decoding reads a vocabulary for most of a model's hundreds of thousands of values.
    static var values: [Self] { get }
    /// The raw values of `values`, in their order, laid out for matching a scalar's bytes.
    static var valueNames: KeyNames { get }
    /// What the word means, for the schema and the docs.
    var meaning: String { get }
}

extension ModelVocabulary {
    /// The value whose word is `bytes`.
    static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        valueNames.position(of: bytes).map { values[$0] }
    }
}

public enum OrganizationRole: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case controller
    case processor
    case jointController = "joint-controller"
    case thirdParty = "third-party"

    public var meaning: String {
        switch self {
        case .controller: "decides the purposes and means of processing (Art. 4(7))"
        case .processor: "processes on behalf of a controller (Art. 4(8))"
        case .jointController: "decides purposes and means together with another controller (Art. 26)"
        case .thirdParty: "receives data under its own authority, neither controller of it nor processor (Art. 4(10))"
        }
    }
}

public enum Sector: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case privateSector = "private"
    case publicSector = "public"

    public var meaning: String {
        switch self {
        case .privateSector: "a private body"
        case .publicSector: "a public authority or body (Art. 37(1)(a))"
        }
    }
}

public enum EncryptionAtRest: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case providerManaged = "provider-managed"
    case customerManaged = "customer-managed"

    public var meaning: String {
        switch self {
        case .`none`: "stored in clear"
        case .providerManaged: "encrypted with keys the provider holds"
        case .customerManaged: "encrypted with keys the customer holds and controls"
        }
    }
}

public enum StoreAccess: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case `public`
    case authenticated
    case `internal`

    public var meaning: String {
        switch self {
        case .`public`: "reachable by anyone, without authentication"
        case .authenticated: "reachable from outside, by authenticated users only"
        case .`internal`: "reachable only from inside the operator's network"
        }
    }
}

/// Whether access to a store or system is logged, and the logs read (Art. 32(1)(b), (d)).
public enum AccessLogging: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case enabled
    case reviewed

    public var meaning: String {
        switch self {
        case .`none`: "access is not logged"
        case .enabled: "access is logged, but nobody reviews the logs regularly"
        case .reviewed: "access is logged and the logs are reviewed regularly"
        }
    }
}

/// Art. 6(1) GDPR.
public enum LegalBasis: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case consent
    case contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"

    public var meaning: String {
        switch self {
        case .consent: "Art. 6(1)(a): the data subject consented"
        case .contract: "Art. 6(1)(b): needed for a contract with the data subject"
        case .legalObligation: "Art. 6(1)(c): needed to meet a legal obligation"
        case .vitalInterests: "Art. 6(1)(d): protects someone's vital interests"
        case .publicTask: "Art. 6(1)(e): a task in the public interest or official authority"
        case .legitimateInterests: "Art. 6(1)(f): legitimate interests not overridden by the subject's"
        }
    }
}

/// Art. 9(2) GDPR, points (a) to (j).
public enum Article9Condition: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case explicitConsent = "explicit-consent"
    case employment
    case vitalInterests = "vital-interests"
    case notForProfit = "not-for-profit"
    case madePublic = "made-public"
    case legalClaims = "legal-claims"
    case substantialPublicInterest = "substantial-public-interest"
    case healthCare = "health-care"
    case publicHealth = "public-health"
    case research

    public var meaning: String {
        switch self {
        case .explicitConsent: "Art. 9(2)(a): explicit consent"
        case .employment: "Art. 9(2)(b): employment and social security law"
        case .vitalInterests: "Art. 9(2)(c): vital interests of a subject unable to consent"
        case .notForProfit: "Art. 9(2)(d): a not-for-profit body's members"
        case .madePublic: "Art. 9(2)(e): made public by the data subject"
        case .legalClaims: "Art. 9(2)(f): legal claims or courts"
        case .substantialPublicInterest: "Art. 9(2)(g): substantial public interest under law"
        case .healthCare: "Art. 9(2)(h): medicine, diagnosis, health or social care"
        case .publicHealth: "Art. 9(2)(i): public health"
        case .research: "Art. 9(2)(j): archiving, research or statistics"
        }
    }
}

/// Art. 49(1) GDPR derogations for a specific situation.
public enum Derogation: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case explicitConsent = "explicit-consent"
    case contractWithSubject = "contract-with-subject"
    case contractInSubjectInterest = "contract-in-subject-interest"
    case publicInterest = "public-interest"
    case legalClaims = "legal-claims"
    case vitalInterests = "vital-interests"
    case publicRegister = "public-register"
    case compellingLegitimateInterests = "compelling-legitimate-interests"

    public var meaning: String {
        switch self {
        case .explicitConsent: "Art. 49(1)(a): explicit consent after being told the risks"
        case .contractWithSubject: "Art. 49(1)(b): a contract with the data subject"
        case .contractInSubjectInterest: "Art. 49(1)(c): a contract in the subject's interest"
        case .publicInterest: "Art. 49(1)(d): important reasons of public interest"
        case .legalClaims: "Art. 49(1)(e): legal claims"
        case .vitalInterests: "Art. 49(1)(f): vital interests of a subject unable to consent"
        case .publicRegister: "Art. 49(1)(g): a public register"
        case .compellingLegitimateInterests: "Art. 49(1) second subparagraph: compelling legitimate interests, not repetitive"
        }
    }
}

public enum AgreementType: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case dpa
    case scc
    case bcr
    case jointController = "joint-controller"

    public var meaning: String {
        switch self {
        case .dpa: "a data processing agreement (Art. 28(3)) between controller and processor"
        case .scc: "standard contractual clauses (Art. 46(2)(c)) between exporter and importer"
        case .bcr: "binding corporate rules (Art. 47) of a group"
        case .jointController: "an arrangement between joint controllers (Art. 26)"
        }
    }
}

/// Art. 28(2): what a DPA lets the processor do about sub-processors.
public enum SubprocessorAuthorisation: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case specific
    case general

    public var meaning: String {
        switch self {
        case .`none`: "no sub-processors authorised"
        case .specific: "only those listed in `approved` (Art. 28(2))"
        case .general: "general written authorisation, the controller told of changes (Art. 28(2))"
        }
    }
}

/// What a processing activity does that makes it likely high risk: the criteria of the Article 29
/// Working Party's DPIA guidelines (WP248 rev.01, endorsed by the EDPB on 25 May 2018, section
/// III.B.a), used by the DPIA rule.
public enum ProcessingUse: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case profiling
    case automatedDecisions = "automated-decisions"
    case systematicMonitoring = "systematic-monitoring"
    case publicMonitoring = "public-monitoring"
    case matching
    case innovativeTechnology = "innovative-technology"
    case evaluationScoring = "evaluation-scoring"
    case deniesService = "denies-service"

    public var meaning: String {
        switch self {
        case .profiling: "profiling or predicting aspects of a person (WP248 criterion 1)"
        case .automatedDecisions: "automated decisions with legal or similarly significant effect (WP248 criterion 2)"
        case .systematicMonitoring: "systematic monitoring of people (WP248 criterion 3)"
        case .publicMonitoring: "monitoring of a publicly accessible area (WP248 criterion 3, Art. 35(3)(c))"
        case .matching: "matching or combining data sets (WP248 criterion 6)"
        case .innovativeTechnology: "innovative use or new technological solutions (WP248 criterion 8)"
        case .evaluationScoring: "evaluation or scoring (WP248 criterion 1)"
        case .deniesService: "keeps people from a right, a service or a contract (WP248 criterion 9)"
        }
    }
}

/// How people sign in to a store or system (Art. 32(1)(b)).
public enum Authentication: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case password
    case multiFactor = "multi-factor"

    public var meaning: String {
        switch self {
        case .`none`: "no sign-in at all"
        case .password: "a password (or another single factor) only"
        case .multiFactor: "a second factor besides the password"
        }
    }
}

/// Whether single records can be erased from a store (Art. 17, 5(1)(e)).
public enum Deletion: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case supported
    case unsupported

    public var meaning: String {
        switch self {
        case .supported: "single records can be erased"
        case .unsupported: "single records cannot be erased (only the whole store, or nothing)"
        }
    }
}

/// What a personal data breach risks for the people concerned (Art. 33(1), 34(1)).
public enum IncidentRisk: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case risk
    case high

    public var meaning: String {
        switch self {
        case .`none`: "unlikely to result in a risk to people's rights and freedoms: recorded only (Art. 33(5))"
        case .risk: "a risk to people's rights and freedoms: the authority is notified (Art. 33(1))"
        case .high: "a high risk: the people are told as well (Art. 34(1))"
        }
    }
}

/// The clauses Art. 28(3) requires in a processor contract, points (a) to (h).
public enum Article28Clause: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case instructions
    case confidentiality
    case security
    case subprocessors
    case assistanceRights = "assistance-rights"
    case assistanceSecurity = "assistance-security"
    case deletionReturn = "deletion-return"
    case audits

    public var meaning: String {
        switch self {
        case .instructions: "Art. 28(3)(a): processes only on documented instructions, transfers included"
        case .confidentiality: "Art. 28(3)(b): the people processing are bound to confidentiality"
        case .security: "Art. 28(3)(c): takes the measures Art. 32 requires"
        case .subprocessors: "Art. 28(3)(d): engages sub-processors only as Art. 28(2) and (4) allow"
        case .assistanceRights: "Art. 28(3)(e): helps the controller answer data subjects' requests"
        case .assistanceSecurity: "Art. 28(3)(f): helps with security, breach notification and DPIAs (Art. 32-36)"
        case .deletionReturn: "Art. 28(3)(g): deletes or returns the data when the service ends"
        case .audits: "Art. 28(3)(h): shows compliance and allows audits and inspections"
        }
    }
}

/// Whether public authorities of a country can reach transferred data beyond what is necessary
/// and proportionate (EDPB Recommendations 01/2020 and 02/2020, after CJEU C-311/18).
public enum GovernmentAccessAssessment: String, ModelVocabulary {
    public static let values = allCases
    package static let valueNames = KeyNames(values.map(\.rawValue))
    case problematic
    case essentiallyEquivalent = "essentially-equivalent"

    public var meaning: String {
        switch self {
        case .problematic: "access beyond what is necessary and proportionate, or without effective redress: SCCs alone do not protect"
        case .essentiallyEquivalent: "access limited as in the EU, with effective redress"
        }
    }
}
