/// Cloud provider regions and the countries their data centres are in (`catalogue/regions.yaml`).
public struct RegionCatalogue: Sendable {
    /// Provider (`aws`, `azure`, `gcp`) to region code to countries (one, or several for a
    /// multi-region location).
    public let regions: [String: [String: [String]]]

    public init(regions: [String: [String: [String]]]) {
        self.regions = regions
    }

    /// The countries of a provider's region, nil when the catalogue does not list it. Azure
    /// locations are matched as Terraform normalises them (`West Europe` is `westeurope`), Cloud
    /// Storage locations without regard to case (`eu` is `EU`).
    public func countries(provider: String, region: String) -> [String]? {
        let table = regions[provider] ?? [:]
        if let countries = table[region] { return countries }
        let normalised = region.lowercased().filter { $0 != " " }
        if let countries = table[normalised] { return countries }
        return regions[provider + "_multi"]?[region.uppercased()]
    }
}
