public import FlowYAML

/// Reads the catalogue files; their errors are diagnostics like any model's.
public enum CatalogueLoader {
    public static let jurisdictionsFile = "catalogue/jurisdictions.yaml"
    public static let categoriesFile = "catalogue/categories.yaml"
    public static let regionsFile = "catalogue/regions.yaml"

    public static func load(policiesDirectory: String) throws(DiagnosticList) -> Catalogue {
        var decoder = NodeDecoder()
        let jurisdictions = loadJurisdictions(path: policiesDirectory + "/" + jurisdictionsFile, decoder: &decoder)
        let categories = loadCategories(path: policiesDirectory + "/" + categoriesFile, decoder: &decoder)
        let regions = loadRegions(path: policiesDirectory + "/" + regionsFile, known: jurisdictions, decoder: &decoder)
        guard decoder.diagnostics.isEmpty else { throw DiagnosticList(decoder.diagnostics.sorted()) }
        return Catalogue(jurisdictions: jurisdictions, categories: categories, regions: regions)
    }

    private static func root(path: String, decoder: inout NodeDecoder) -> YAMLNode? {
        let result = YAMLReader().read(path: path)
        decoder.append(contentsOf: result.diagnostics)
        return result.documents.first?.root
    }

    static func loadJurisdictions(path: String, decoder: inout NodeDecoder) -> JurisdictionCatalogue {
        guard let root = root(path: path, decoder: &decoder),
              let fields = decoder.fields(
                of: root, allowed: ["eu", "eea", "adequacy", "government_access", "authorities", "countries"],
                required: ["eea", "countries"], context: "the jurisdictions catalogue")
        else { return JurisdictionCatalogue(entries: [:]) }
        let eu = Set(decoder.strings(fields["eu"], field: "eu"))
        let eea = Set(decoder.strings(fields["eea"], field: "eea"))
        var authorities: [String: String] = [:]
        for entry in fields["authorities"]?.entries.map({ $0 }) ?? [] {
            authorities[entry.name] = decoder.string(entry.value, field: "authorities")
        }
        var adequacy: [String: AdequacyDecision] = [:]
        for entry in fields["adequacy"]?.entries.map({ $0 }) ?? [] {
            adequacy[entry.name] = decodeAdequacy(entry.value, decoder: &decoder)
        }
        var governmentAccess: [String: GovernmentAccess] = [:]
        for entry in fields["government_access"]?.entries.map({ $0 }) ?? [] {
            governmentAccess[entry.name] = decoder.decode(GovernmentAccess.self, entry.value, context: "government access of '\(entry.name)'")
        }
        var entries: [String: Jurisdiction] = [:]
        for entry in fields["countries"]?.entries.map({ $0 }) ?? [] {
            let code = entry.name
            entries[code] = Jurisdiction(
                code: code, name: decoder.string(entry.value, field: code) ?? code,
                eu: eu.contains(code), eea: eea.contains(code),
                adequacy: adequacy[code], authority: authorities[code], governmentAccess: governmentAccess[code])
        }
        for code in eea.union(adequacy.keys).union(authorities.keys).union(governmentAccess.keys).sorted() where entries[code] == nil {
            decoder.report("'\(code)' is not listed under countries", at: root.span)
        }
        return JurisdictionCatalogue(entries: entries)
    }

    /// Shared by the catalogue and by a model's `jurisdictions:` overrides.
    package static func decodeAdequacy(_ node: YAMLNode, decoder: inout NodeDecoder) -> AdequacyDecision? {
        decoder.decode(AdequacyDecision.self, node, context: "adequacy decision")
    }

    /// Provider sections of region to country (`gcp_multi`: region to a list of countries);
    /// every country must be one the jurisdictions catalogue knows.
    static func loadRegions(path: String, known: JurisdictionCatalogue, decoder: inout NodeDecoder) -> RegionCatalogue {
        guard let root = root(path: path, decoder: &decoder),
              decoder.expect(.mapping, root, what: "the regions catalogue")
        else { return RegionCatalogue(regions: [:]) }
        var regions: [String: [String: [String]]] = [:]
        for provider in root.entries {
            guard decoder.expect(.mapping, provider.value, what: "'\(provider.name)'") else { continue }
            var table: [String: [String]] = [:]
            for entry in provider.value.entries {
                let countries = entry.value.kind == .sequence
                    ? decoder.strings(entry.value, field: entry.name) : [decoder.string(entry.value, field: entry.name) ?? ""]
                for country in countries where !known.contains(country) {
                    decoder.report("'\(country)' of region '\(entry.name)' is not a country of the jurisdictions catalogue", at: entry.value.span)
                }
                table[entry.name] = countries
            }
            regions[provider.name] = table
        }
        return RegionCatalogue(regions: regions)
    }

    static func loadCategories(path: String, decoder: inout NodeDecoder) -> CategoryCatalogue {
        guard let root = root(path: path, decoder: &decoder),
              decoder.expect(.mapping, root, what: "the categories catalogue")
        else { return CategoryCatalogue(descriptions: [:]) }
        var descriptions: [String: String] = [:]
        for entry in root.entries {
            descriptions[entry.name] = decoder.string(entry.value, field: entry.name) ?? ""
        }
        return CategoryCatalogue(descriptions: descriptions)
    }
}
