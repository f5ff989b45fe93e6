/// Writes synthetic models in format v1 for benchmarks: for a size N, N organizations, N/10 data
/// sets, N systems, 3N stores, 10N flows and about 1.3N agreements, with realistic mixes of
/// countries, roles, encryption, access and sub-processor authorisation. Deterministic per seed.
public struct ModelGenerator: Sendable {
    public let organizations: Int
    public let seed: UInt64

    public init(organizations: Int, seed: UInt64 = 2019) {
        self.organizations = max(organizations, 10)
        self.seed = seed
    }

    /// The model as `files` texts (sections split into contiguous chunks; they merge on load).
    public func files(_ count: Int = 1) -> [String] {
        var random = SplitMix64(seed: seed)
        let parts = Parts(generator: self, random: &random)
        let fileCount = max(count, 1)
        var outputs = Array(repeating: "", count: fileCount)
        for section in parts.sections {
            let chunk = (section.items.count + fileCount - 1) / fileCount
            for file in 0..<fileCount {
                let slice = section.items.dropFirst(file * chunk).prefix(chunk)
                guard !slice.isEmpty else { continue }
                outputs[file] += section.header + "\n" + slice.joined() + "\n"
            }
        }
        return outputs
    }

    struct Section {
        var header: String
        var items: [String]
    }

    /// Countries with their share: mostly EEA, some adequate, some third countries.
    static let countries: [(code: String, weight: Int)] = [
        ("SE", 30), ("DE", 12), ("FR", 8), ("NL", 6), ("FI", 6), ("DK", 5), ("NO", 4), ("IE", 4), ("PL", 3),
        ("GB", 5), ("CH", 2), ("US", 7), ("JP", 1), ("IN", 3), ("TH", 2), ("PH", 1), ("BR", 1),
    ]
    static let categories = [
        "special.health", "personal.contact", "personal.identifier.national-id", "personal.voice",
        "personal.financial", "personal.online", "criminal", "special.genetic", "non-personal",
    ]

    struct Parts {
        var sections: [Section] = []

        init(generator: ModelGenerator, random: inout SplitMix64) {
            let n = generator.organizations
            let dataCount = max(n / 10, 1)
            var orgs: [String] = []
            var controllers: [Int] = []
            var processors: [Int] = []
            for index in 0..<n {
                let role = index % 10 == 0 ? "controller" : (index % 20 == 7 ? "third-party" : "processor")
                if role == "controller" { controllers.append(index) } else if role == "processor" { processors.append(index) }
                let country = random.weighted(ModelGenerator.countries)
                var text = "  org-\(index):\n    name: Organization \(index) AB\n    country: \(country)\n    role: \(role)\n"
                if index % 7 == 0 { text += "    sector: public\n" }
                if country == "US", random.chance(0.6) { text += "    certifications: [dpf]\n" }
                if role == "controller", random.chance(0.8) { text += "    dpo: dpo@org-\(index).example\n" }
                orgs.append(text)
            }
            var data: [String] = []
            for index in 0..<dataCount {
                let controller = controllers[index % controllers.count]
                let first = random.pick(ModelGenerator.categories)
                let second = random.pick(ModelGenerator.categories)
                var text = "  data-\(index):\n    name: Data set \(index)\n    controller: org-\(controller)\n"
                text += "    categories: [\(first == second ? first : first + ", " + second)]\n"
                text += "    subjects: [\(random.chance(0.3) ? "patients, children" : "customers")]\n"
                text += "    records: \(random.below(5_000_000))\n"
                if random.chance(0.5) { text += "    dpia: DPIA-\(index)\n" }
                data.append(text)
            }
            var systems: [String] = []
            for index in 0..<n {
                let runner = random.chance(0.8) ? processors[random.below(processors.count)] : random.below(n)
                var text = "  sys-\(index):\n    name: System \(index)\n    operator: org-\(runner)\n"
                if random.chance(0.3) { text += "    location: \(random.weighted(ModelGenerator.countries))\n" }
                if random.chance(0.05) { text += "    accessed_by: [org-\(random.below(n))]\n" }
                systems.append(text)
            }
            var stores: [String] = []
            let encryption = ["none", "provider-managed", "customer-managed"]
            let access = ["public", "authenticated", "internal"]
            for index in 0..<(3 * n) {
                let runner = random.chance(0.8) ? processors[random.below(processors.count)] : random.below(n)
                var text = "  store-\(index):\n    name: Store \(index)\n    operator: org-\(runner)\n"
                if random.chance(0.3) { text += "    location: \(random.weighted(ModelGenerator.countries))\n" }
                if random.chance(0.9) { text += "    encryption_at_rest: \(random.chance(0.1) ? encryption[0] : random.pick(encryption))\n" }
                if random.chance(0.9) { text += "    access: \(random.chance(0.03) ? access[0] : access[1 + random.below(2)])\n" }
                if random.chance(0.8) { text += "    retention: \(random.chance(0.05) ? "unlimited" : "P\(1 + random.below(10))Y")\n" }
                if random.chance(0.2) { text += "    holds: [data-\(random.below(dataCount))]\n" }
                if random.chance(0.03) { text += "    accessed_by: [org-\(random.below(n))]\n" }
                stores.append(text)
            }
            var flows: [String] = []
            let bases = ["contract", "legal-obligation", "public-task", "legitimate-interests", "consent"]
            for index in 0..<(10 * n) {
                let dataIndex = random.below(dataCount)
                let controller = controllers[dataIndex % controllers.count]
                // Most flows start at the controller or one of the nodes, and go to a node.
                let from = random.chance(0.3) ? "org-\(controller)" : (random.chance(0.5) ? "sys-\(random.below(n))" : "store-\(random.below(3 * n))")
                var to = random.chance(0.6) ? "sys-\(random.below(n))" : (random.chance(0.7) ? "store-\(random.below(3 * n))" : "org-\(random.below(n))")
                if to == from { to = "store-\((index * 7) % (3 * n))" }
                if to == from { to = "sys-\(index % n)" }
                var text = "  - id: flow-\(index)\n    from: \(from)\n    to: \(to)\n"
                text += random.chance(0.2) ? "    data: [data-\(dataIndex), data-\(random.below(dataCount))]\n" : "    data: [data-\(dataIndex)]\n"
                if random.chance(0.95) { text += "    purpose: purpose \(index % 97)\n" }
                if random.chance(0.93) { text += "    legal_basis: \(random.pick(bases))\n" }
                if random.chance(0.7) { text += "    article9: health-care\n" }
                if random.chance(0.9) { text += "    encrypted_in_transit: \(random.chance(0.95))\n" }
                flows.append(text)
            }
            var agreements: [String] = []
            let agreementCount = n + 3 * n / 10
            let authorisation = ["none", "specific", "general"]
            for index in 0..<agreementCount {
                let processor = processors[random.below(processors.count)]
                if index < n {
                    let controller = index % 9 == 0 ? processors[random.below(processors.count)] : controllers[random.below(controllers.count)]
                    guard controller != processor else { continue }
                    var text = "  - type: dpa\n    controller: org-\(controller)\n    processor: org-\(processor)\n"
                    let kind = random.pick(authorisation)
                    text += "    subprocessors: \(kind)\n"
                    if kind == "specific" { text += "    approved: [org-\(processors[random.below(processors.count)])]\n" }
                    text += "    signed: 20\(10 + random.below(15))-0\(1 + random.below(9))-1\(random.below(9))\n"
                    if random.chance(0.5) { text += "    expires: 20\(24 + random.below(8))-0\(1 + random.below(9))-2\(random.below(8))\n" }
                    agreements.append(text)
                } else {
                    let exporter = controllers[random.below(controllers.count)]
                    guard exporter != processor else { continue }
                    agreements.append("  - type: scc\n    exporter: org-\(exporter)\n    importer: org-\(processor)\n    measures: [encryption]\n")
                }
            }
            // Generated agreements may repeat a pair; give each a unique id.
            agreements = agreements.enumerated().map { "  - id: agreement-\($0.offset)\n    " + $0.element.dropFirst(4) }
            sections = [
                Section(header: "organizations:", items: orgs),
                Section(header: "data:", items: data),
                Section(header: "systems:", items: systems),
                Section(header: "stores:", items: stores),
                Section(header: "flows:", items: flows),
                Section(header: "agreements:", items: agreements),
            ]
        }
    }
}

/// A small, fast, deterministic generator (not for cryptography).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    public mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func weighted(_ items: [(code: String, weight: Int)]) -> String {
        var roll = below(items.reduce(0) { $0 + $1.weight })
        for item in items {
            if roll < item.weight { return item.code }
            roll -= item.weight
        }
        return items[items.count - 1].code
    }
}
