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
        // Fields of model v1.1 (measures, clauses, TIAs) draw from a stream of their own, so that
        // the rest of a model is what it was before they existed.
        var measures = SplitMix64(seed: seed ^ 0x5EED_0F11)
        let parts = Parts(generator: self, random: &random, measures: &measures)
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
    static let eea: Set<String> = ["SE", "DE", "FR", "NL", "FI", "DK", "NO", "IE", "PL"]
    static let categories = [
        "special.health", "personal.contact", "personal.identifier.national-id", "personal.voice",
        "personal.financial", "personal.online", "criminal", "special.genetic", "non-personal",
    ]

    /// Each data set has a supply chain: its controller, a few processors under DPAs and a
    /// sub-processor under each of them; flows run between nodes those organizations operate.
    /// Defects (a missing DPA, no encryption, an open store ...) occur at low, realistic rates.
    struct Parts {
        var sections: [Section] = []

        init(generator: ModelGenerator, random: inout SplitMix64, measures: inout SplitMix64) {
            let n = generator.organizations
            let dataCount = max(n / 10, 1)
            var countryOf: [String] = []
            var controllers: [Int] = []
            var processors: [Int] = []
            var orgs: [String] = []
            for index in 0..<n {
                let role = index % 10 == 0 ? "controller" : (index % 50 == 7 ? "third-party" : "processor")
                if role == "controller" { controllers.append(index) } else if role == "processor" { processors.append(index) }
                let country = random.weighted(ModelGenerator.countries)
                countryOf.append(country)
                var text = "  org-\(index):\n    name: Organization \(index) AB\n    country: \(country)\n    role: \(role)\n"
                if index % 7 == 0 { text += "    sector: public\n" }
                if country == "US", random.chance(0.8) { text += "    certifications: [dpf]\n" }
                if role == "controller", random.chance(0.95) { text += "    dpo: dpo@org-\(index).example\n" }
                if role == "processor", measures.chance(0.95) { text += "    dpo: dpo@org-\(index).example\n" }
                orgs.append(text)
            }

            // Nodes: systems and stores, each run by a processor (a few by controllers).
            var nodesOf = Array(repeating: [String](), count: n)
            func runner() -> Int { random.chance(0.9) ? processors[random.below(processors.count)] : controllers[random.below(controllers.count)] }
            var systems: [String] = []
            for index in 0..<n {
                let owner = runner()
                nodesOf[owner].append("sys-\(index)")
                var text = "  sys-\(index):\n    name: System \(index)\n    operator: org-\(owner)\n"
                if random.chance(0.3) { text += "    location: \(countryOf[owner])\n" }
                text += ModelGenerator.signIn(&measures)
                systems.append(text)
            }
            var stores: [String] = []
            var storeOwner: [Int] = []
            for index in 0..<(3 * n) {
                let owner = runner()
                storeOwner.append(owner)
                nodesOf[owner].append("store-\(index)")
                var text = "  store-\(index):\n    name: Store \(index)\n    operator: org-\(owner)\n"
                if random.chance(0.3) { text += "    location: \(countryOf[owner])\n" }
                if random.chance(0.98) {
                    text += "    encryption_at_rest: \(random.chance(0.02) ? "none" : (random.chance(0.5) ? "provider-managed" : "customer-managed"))\n"
                }
                if random.chance(0.98) { text += "    access: \(random.chance(0.004) ? "public" : (random.chance(0.5) ? "authenticated" : "internal"))\n" }
                if random.chance(0.97) { text += "    retention: \(random.chance(0.02) ? "unlimited" : "P\(1 + random.below(10))Y")\n" }
                text += ModelGenerator.signIn(&measures)
                if measures.chance(0.9) { text += "    deletion: \(measures.chance(0.03) ? "unsupported" : "supported")\n" }
                stores.append(text)
            }

            // Data sets and their chains of processors.
            var data: [String] = []
            var chains: [[Int]] = []
            var agreements: [String] = []
            func dpa(_ controller: Int, _ processor: Int, _ authorisation: String, approved: Int? = nil) {
                var text = "  - id: agreement-\(agreements.count)\n    type: dpa\n    controller: org-\(controller)\n    processor: org-\(processor)\n"
                text += "    subprocessors: \(authorisation)\n"
                if let approved { text += "    approved: [org-\(approved)]\n" }
                if measures.chance(0.7) {
                    text += measures.chance(0.02) ? "    clauses: [instructions, security, audits]\n" : "    clauses: [\(ModelGenerator.allClauses)]\n"
                }
                text += "    signed: 20\(15 + random.below(10))-0\(1 + random.below(9))-1\(random.below(9))\n"
                if random.chance(0.5) { text += "    expires: 20\(random.chance(0.03) ? 25 : 27 + random.below(5))-0\(1 + random.below(9))-2\(random.below(8))\n" }
                agreements.append(text)
            }
            func safeguard(_ exporter: Int, _ importer: Int) {
                if !ModelGenerator.eea.contains(countryOf[importer]), random.chance(0.9) {
                    let tia = measures.chance(0.9) ? "    tia: TIA-\(agreements.count)\n" : ""
                    agreements.append("  - id: agreement-\(agreements.count)\n    type: scc\n    exporter: org-\(exporter)\n    importer: org-\(importer)\n    measures: [encryption]\n" + tia)
                }
            }
            for index in 0..<dataCount {
                let controller = controllers[index % controllers.count]
                let first = random.pick(ModelGenerator.categories)
                let second = random.pick(ModelGenerator.categories)
                var text = "  data-\(index):\n    name: Data set \(index)\n    controller: org-\(controller)\n"
                text += "    categories: [\(first == second ? first : first + ", " + second)]\n"
                text += "    subjects: [\(random.chance(0.3) ? "patients, children" : "customers")]\n"
                text += "    records: \(random.below(5_000_000))\n"
                if random.chance(0.9) { text += "    dpia: DPIA-\(index)\n" }
                data.append(text)
                var chain = [controller]
                for _ in 0..<6 {
                    let processor = processors[random.below(processors.count)]
                    let sub = processors[random.below(processors.count)]
                    chain += [processor, sub]
                    if random.chance(0.99) {
                        let general = random.chance(0.6)
                        dpa(controller, processor, general ? "general" : "specific", approved: general ? nil : sub)
                        safeguard(controller, processor)
                    }
                    if random.chance(0.98) {
                        dpa(processor, sub, "none")
                        safeguard(processor, sub)
                    }
                }
                chains.append(chain)
            }

            var flows: [String] = []
            let bases = ["contract", "legal-obligation", "public-task", "legitimate-interests", "consent"]
            for index in 0..<(10 * n) {
                let dataIndex = random.below(dataCount)
                let chain = chains[dataIndex]
                func node(_ org: Int) -> String {
                    let nodes = nodesOf[org]
                    return nodes.isEmpty || random.chance(0.1) ? "org-\(org)" : nodes[random.below(nodes.count)]
                }
                let from = random.chance(0.3) ? "org-\(chain[0])" : node(random.pick(chain))
                var to = node(random.pick(Array(chain.dropFirst())))
                if to == from { to = "org-\(chain[0])" }
                if to == from { continue }
                var text = "  - id: flow-\(index)\n    from: \(from)\n    to: \(to)\n    data: [data-\(dataIndex)]\n"
                if random.chance(0.99) { text += "    purpose: purpose \(index % 97)\n" }
                if random.chance(0.99) { text += "    legal_basis: \(random.pick(bases))\n" }
                if random.chance(0.98) { text += "    article9: health-care\n" }
                if random.chance(0.98) { text += "    encrypted_in_transit: \(random.chance(0.99))\n" }
                flows.append(text)
            }
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

extension ModelGenerator {
    static let allClauses = "instructions, confidentiality, security, subprocessors, assistance-rights, assistance-security, deletion-return, audits"

    /// Access logging and sign-in of a system or store, declared for most, with a few defects.
    static func signIn(_ random: inout SplitMix64) -> String {
        var text = ""
        if random.chance(0.99) { text += "    access_logging: \(random.chance(0.02) ? "none" : (random.chance(0.05) ? "enabled" : "reviewed"))\n" }
        if random.chance(0.99) { text += "    authentication: \(random.chance(0.03) ? "password" : "multi-factor")\n" }
        return text
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
