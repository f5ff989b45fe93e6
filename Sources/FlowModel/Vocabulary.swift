/// Closed vocabularies of model v1. Raw values are what users write in YAML.
public protocol ModelVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

public enum OrganizationRole: String, ModelVocabulary {
    case controller
    case processor
    case jointController = "joint-controller"
    case thirdParty = "third-party"
}

public enum Sector: String, ModelVocabulary {
    case privateSector = "private"
    case publicSector = "public"
}

public enum EncryptionAtRest: String, ModelVocabulary {
    case none
    case providerManaged = "provider-managed"
    case customerManaged = "customer-managed"
}

public enum StoreAccess: String, ModelVocabulary {
    case `public`
    case authenticated
    case `internal`
}

/// Art. 6(1) GDPR.
public enum LegalBasis: String, ModelVocabulary {
    case consent
    case contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"
}

/// Art. 9(2) GDPR, points (a) to (j).
public enum Article9Condition: String, ModelVocabulary {
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
    case dpa
    case scc
    case bcr
    case jointController = "joint-controller"
}

/// Art. 28(2): what a DPA lets the processor do about sub-processors.
public enum SubprocessorAuthorisation: String, ModelVocabulary {
    case none
    case specific
    case general
}
