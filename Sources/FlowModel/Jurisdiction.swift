/// An Art. 45 adequacy decision and the importers it covers.
public struct AdequacyDecision: Sendable, Hashable {
    public var decision: String
    public var since: CivilDate?
    public var until: CivilDate?
    /// Certifications the importer must hold (`dpf` for the United States).
    public var requires: [String]
    /// Sectors the decision covers; empty means all.
    public var sectors: [Sector]
    public var scope: String?

    public init(decision: String, since: CivilDate?, until: CivilDate?, requires: [String], sectors: [Sector], scope: String?) {
        self.decision = decision
        self.since = since
        self.until = until
        self.requires = requires
        self.sectors = sectors
        self.scope = scope
    }

    public func inForce(on date: CivilDate) -> Bool {
        (since.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
    }

    /// Whether the decision covers this importer on this date.
    public func covers(certifications: [String], sector: Sector, on date: CivilDate) -> Bool {
        inForce(on: date)
            && requires.allSatisfy(certifications.contains)
            && (sectors.isEmpty || sectors.contains(sector))
    }
}

extension AdequacyDecision: BlankDecodable {
    package static let fields = FieldTable<Self>("adequacy decision", doc: "An Art. 45 adequacy decision and the importers it covers", [
        .text("decision", \.decision, doc: "The decision's number (`(EU) 2023/1795`)"),
        .date("since", \.since, doc: "In force from"),
        .date("until", \.until, doc: "In force until; absent = open-ended"),
        .list("requires", \.requires, doc: "Certifications the importer must hold (`dpf`)"),
        .words("sectors", \.sectors, doc: "Sectors covered; absent = all"),
        .text("scope", \.scope, doc: "What else limits it, in words"),
    ])

    package init() {
        self.init(decision: "", since: nil, until: nil, requires: [], sectors: [], scope: nil)
    }
}

/// How far public authorities of a country can reach transferred data, over a period, and who
/// says so: the catalogue's assessment, or the exporter's own (its transfer impact assessment).
public struct GovernmentAccess: Sendable, Hashable {
    public var assessment: GovernmentAccessAssessment
    public var since: CivilDate?
    /// The first day it no longer holds; absent = still holds.
    public var until: CivilDate?
    public var source: String

    public init(assessment: GovernmentAccessAssessment, since: CivilDate?, until: CivilDate?, source: String) {
        self.assessment = assessment
        self.since = since
        self.until = until
        self.source = source
    }

    /// Whether the assessment holds on this date.
    public func holds(on date: CivilDate) -> Bool {
        (since.map { $0 <= date } ?? true) && (until.map { date < $0 } ?? true)
    }
}

extension GovernmentAccess: BlankDecodable {
    package static let fields = FieldTable<Self>(
        "government access", doc: "How far public authorities can reach transferred data (after CJEU C-311/18)", [
            .word("assessment", \.assessment, required: true, doc: "What the access means for transfers"),
            .date("since", \.since, doc: "Holds from"),
            .date("until", \.until, doc: "The first day it no longer holds; absent = still holds"),
            .text("source", \.source, doc: "Who assessed it: a judgment, a decision, or the exporter's TIA"),
        ])

    package init() {
        self.init(assessment: .problematic, since: nil, until: nil, source: "")
    }
}

/// A country or territory and what the GDPR makes of it.
public struct Jurisdiction: Sendable, Hashable {
    public var code: String
    public var name: String
    public var eu: Bool
    public var eea: Bool
    public var adequacy: AdequacyDecision?
    /// The supervisory authority a controller established here notifies (Art. 33).
    public var authority: String?
    /// Whether its public authorities' access to data makes SCCs alone insufficient.
    public var governmentAccess: GovernmentAccess?

    public init(
        code: String, name: String, eu: Bool, eea: Bool, adequacy: AdequacyDecision?, authority: String?,
        governmentAccess: GovernmentAccess? = nil
    ) {
        self.code = code
        self.name = name
        self.eu = eu
        self.eea = eea
        self.adequacy = adequacy
        self.authority = authority
        self.governmentAccess = governmentAccess
    }
}

extension Jurisdiction: TableDecodable {
    /// A model's `jurisdictions:` entry: the fields written replace the catalogue's.
    package static let fields = FieldTable<Self>("jurisdiction", doc: "A country or territory and what the GDPR makes of it", [
        .text("name", \.name, required: false, doc: "Name; required for a code the catalogue lacks"),
        .flag("eu", \.eu, doc: "A member state of the EU"),
        .flag("eea", \.eea, doc: "In the EEA (the EU, Iceland, Liechtenstein, Norway)"),
        .object("adequacy", \.adequacy, doc: "The adequacy decision in force; `null` removes the catalogue's"),
        .text("authority", \.authority, doc: "The supervisory authority (Art. 51)"),
        .object("government_access", \.governmentAccess,
                doc: "How far its public authorities reach transferred data; replaces the catalogue's as a whole, `null` removes it"),
    ])
}

/// ISO 3166-1 alpha-2 code to jurisdiction.
public struct JurisdictionCatalogue: Sendable {
    public private(set) var entries: [String: Jurisdiction]

    public init(entries: [String: Jurisdiction]) {
        self.entries = entries
    }

    public subscript(code: String) -> Jurisdiction? { entries[code] }

    /// Without copying the entry out (names and adequacy decisions): asked for every country field.
    public func contains(_ code: String) -> Bool { entries.index(forKey: code) != nil }

    public var codes: [String] { entries.keys.sorted() }

    public mutating func set(_ jurisdiction: Jurisdiction) {
        entries[jurisdiction.code] = jurisdiction
    }
}

/// The data-category hierarchy: dot-separated keys, each covering the keys below it.
public struct CategoryCatalogue: Sendable {
    /// Distinct keys, built-in and declared together, that rules can tell apart (one bit each).
    public static let maxCategories = 256

    public let descriptions: [String: String]
    public let roots: Set<String>

    public init(descriptions: [String: String]) {
        self.descriptions = descriptions
        self.roots = Set(descriptions.keys.filter { !$0.contains(".") })
    }

    /// Whether `key` is built in or declared by the model: what a data set may name.
    public func contains(_ key: String) -> Bool { descriptions[key] != nil }

    /// The known key an unknown one most likely means: one with the same last part on another
    /// branch (`personal.health` is `special.health`), else the nearest spelling of the key, else
    /// of its last part.
    public func suggestion(for key: String) -> String? {
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        if let sameLeaf = descriptions.keys.filter({ $0 != key && $0.split(separator: ".").last.map(String.init) == leaf }).min() {
            return sameLeaf
        }
        let keys = descriptions.keys.sorted()
        if let near = DidYouMean.suggest(key, from: keys) { return near }
        // A misspelt last part on another branch (`personal.helth`).
        let byLeaf = Dictionary(keys.map { ($0.split(separator: ".").last.map(String.init) ?? $0, $0) }) { first, _ in first }
        return DidYouMean.suggest(leaf, from: byLeaf.keys.sorted()).flatMap { byLeaf[$0] }
    }

    /// The catalogue with the keys a model declares (below built-in ones) and their descriptions.
    public func adding(_ declared: [String: String]) -> CategoryCatalogue {
        CategoryCatalogue(descriptions: descriptions.merging(declared) { builtIn, _ in builtIn })
    }

    /// Built-in keys and any key below a built-in root (`special.health.mental`): what a rule
    /// may name, since models declare keys of their own.
    public func isValid(_ key: String) -> Bool {
        if descriptions[key] != nil { return true }
        guard let root = key.split(separator: ".", omittingEmptySubsequences: false).first,
              roots.contains(String(root)) else { return false }
        return !key.hasSuffix(".") && !key.contains("..")
    }

    /// Whether `key` is `ancestor` or lies below it.
    public static func covers(_ ancestor: String, _ key: String) -> Bool {
        key == ancestor || (key.hasPrefix(ancestor) && key.utf8.dropFirst(ancestor.utf8.count).first == UInt8(ascii: "."))
    }
}

/// Built-in reference data, loaded from `Policies/catalogue/`.
public struct Catalogue: Sendable {
    public var jurisdictions: JurisdictionCatalogue
    public var categories: CategoryCatalogue
    public var regions: RegionCatalogue

    public init(jurisdictions: JurisdictionCatalogue, categories: CategoryCatalogue, regions: RegionCatalogue = RegionCatalogue(regions: [:])) {
        self.jurisdictions = jurisdictions
        self.categories = categories
        self.regions = regions
    }
}
