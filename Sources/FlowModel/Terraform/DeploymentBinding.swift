public import FlowYAML

/// Which deployed resources each store is: named in the store's `deployed_as`, or by the
/// resource's `flowaudit-store` tag. A resource claimed by two stores, or a tag naming no store,
/// is a model error.
public struct DeploymentBinding: Sendable {
    /// Per store (model order): the resources it is deployed as, as (plan, resource) indices.
    public let resources: [[(plan: Int, resource: Int)]]
    /// Per plan, per resource: the store it is bound to, by index.
    public let store: [[Int?]]
    /// `deployed_as` entries that match no resource of any plan, per store.
    public let missing: [(store: Int, address: String)]

    public init(model: Model, plans: [DeployedPlan]) throws(DiagnosticList) {
        var diagnostics: [Diagnostic] = []
        var resources = [[(plan: Int, resource: Int)]](repeating: [], count: model.stores.count)
        var store = plans.map { [Int?](repeating: nil, count: $0.resources.count) }
        var missing: [(store: Int, address: String)] = []
        var storeIndex: [String: Int] = [:]
        for (index, entity) in model.stores.enumerated() { storeIndex[entity.id] = index }
        func claim(_ plan: Int, _ resource: Int, by index: Int, at span: () -> SourceSpan) {
            if let other = store[plan][resource], other != index {
                let address = plans[plan].resources[resource].address
                diagnostics.append(Diagnostic(
                    "\(address) is deployed as store '\(model.stores[other].id)' and store '\(model.stores[index].id)'; a resource is one store",
                    at: span()))
                return
            }
            if store[plan][resource] == nil { resources[index].append((plan, resource)) }
            store[plan][resource] = index
        }
        for (index, entity) in model.stores.enumerated() {
            for pattern in entity.deployedAs {
                var found = false
                for (plan, deployed) in plans.enumerated() {
                    for (resource, candidate) in deployed.resources.enumerated() where Self.matches(pattern, candidate) {
                        found = true
                        claim(plan, resource, by: index) { entity.origin.span(of: "deployed_as") }
                    }
                }
                if !found { missing.append((index, pattern)) }
            }
        }
        for (plan, deployed) in plans.enumerated() {
            for (resource, candidate) in deployed.resources.enumerated() {
                guard let tagged = candidate.taggedStore else { continue }
                guard let index = storeIndex[tagged] else {
                    let hint = DidYouMean.hint(tagged, from: storeIndex.keys)
                    diagnostics.append(Diagnostic(
                        "\(candidate.address) is tagged \(DeployedResource.storeTag): \(tagged), but the model has no store '\(tagged)'\(hint)",
                        file: deployed.file, position: nil))
                    continue
                }
                claim(plan, resource, by: index) { model.stores[index].origin.span }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        self.resources = resources
        self.store = store
        self.missing = missing
    }

    /// `pattern` names the resource: its address exactly, or with `[*]` every instance of it.
    static func matches(_ pattern: String, _ resource: DeployedResource) -> Bool {
        if pattern == resource.address { return true }
        guard pattern.hasSuffix("[*]") else { return false }
        let base = String(pattern.dropLast(3))
        return resource.baseAddress == DeployedResource.withoutIndexes(base) && resource.address.hasPrefix(base)
    }
}
