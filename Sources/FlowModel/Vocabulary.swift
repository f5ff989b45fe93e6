import FlowYAML

/// Closed vocabularies of model v1. Raw values are what users write in YAML.
public protocol ModelVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// `allCases`, built once: the synthesized `allCases` builds a new array on every call, and
    /// decoding reads a vocabulary for most of a model's hundreds of thousands of values.
    static var values: [Self] { get }
    /// The raw values of `values`, in their order, laid out for matching a scalar's bytes.
    static var valueNames: KeyNames { get }
}

public enum OrganizationRole: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case controller
    case processor
    case jointController = "joint-controller"
    case thirdParty = "third-party"
}

public enum Sector: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case privateSector = "private"
    case publicSector = "public"
}

public enum EncryptionAtRest: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case providerManaged = "provider-managed"
    case customerManaged = "customer-managed"
}

public enum StoreAccess: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case `public`
    case authenticated
    case `internal`
}

/// Art. 6(1) GDPR.
public enum LegalBasis: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case consent
    case contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"
}

/// Art. 9(2) GDPR, points (a) to (j).
public enum Article9Condition: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
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
}

/// Art. 49(1) GDPR derogations for a specific situation.
public enum Derogation: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case explicitConsent = "explicit-consent"
    case contractWithSubject = "contract-with-subject"
    case contractInSubjectInterest = "contract-in-subject-interest"
    case publicInterest = "public-interest"
    case legalClaims = "legal-claims"
    case vitalInterests = "vital-interests"
    case publicRegister = "public-register"
    case compellingLegitimateInterests = "compelling-legitimate-interests"
}

public enum AgreementType: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case dpa
    case scc
    case bcr
    case jointController = "joint-controller"
}

/// Art. 28(2): what a DPA lets the processor do about sub-processors.
public enum SubprocessorAuthorisation: String, ModelVocabulary {
    public static let values = allCases
    public static let valueNames = KeyNames(values.map(\.rawValue))
    case none
    case specific
    case general
}
