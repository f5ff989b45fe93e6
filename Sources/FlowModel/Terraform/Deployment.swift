public import FlowYAML

/// What Terraform plans say is deployed, bound to the model's stores: read by the graph (where a
/// store's data really is) and by the rules that compare declared with deployed.
public struct Deployment: Sendable {
    public let plans: [DeployedPlan]
    public let binding: DeploymentBinding
    /// Every resource of every plan, in plan order, as (plan, resource): the subjects of rules
    /// about resources.
    public let all: [(plan: Int, resource: Int)]

    public init(model: Model, plans: [DeployedPlan]) throws(DiagnosticList) {
        self.plans = plans
        binding = try DeploymentBinding(model: model, plans: plans)
        all = plans.indices.flatMap { plan in plans[plan].resources.indices.map { (plan, $0) } }
    }

    public func resource(_ reference: (plan: Int, resource: Int)) -> DeployedResource {
        plans[reference.plan].resources[reference.resource]
    }

    /// The resources a store is deployed as.
    public func resources(ofStore index: Int) -> [DeployedResource] {
        index < binding.resources.count ? binding.resources[index].map(resource) : []
    }

    /// The store a resource is bound to.
    public func store(of reference: (plan: Int, resource: Int)) -> Int? {
        binding.store[reference.plan][reference.resource]
    }

    /// Countries a store's data is deployed in: nil when it is deployed as nothing, or when the
    /// country of any of its resources is unknown.
    public func countries(ofStore index: Int) -> [String]? {
        let resources = resources(ofStore: index)
        guard !resources.isEmpty else { return nil }
        var countries: Set<String> = []
        for resource in resources {
            guard let known = resource.countries else { return nil }
            countries.formUnion(known)
        }
        return countries.sorted()
    }

    /// The weakest encryption among a store's resources (none < provider < customer); nil when
    /// any is unknown.
    public func encryption(ofStore index: Int) -> EncryptionAtRest? {
        let values = resources(ofStore: index).map(\.encryption)
        guard !values.isEmpty, !values.contains(where: { $0 == nil }) else { return nil }
        let order: [EncryptionAtRest] = [.none, .providerManaged, .customerManaged]
        return order.first { level in values.contains { $0 == level } }
    }

    /// The most open access among a store's resources (public < authenticated < internal).
    public func access(ofStore index: Int) -> StoreAccess? {
        let values = resources(ofStore: index).map(\.access)
        guard !values.isEmpty, !values.contains(where: { $0 == nil }) else { return nil }
        let order: [StoreAccess] = [.public, .authenticated, .internal]
        return order.first { level in values.contains { $0 == level } }
    }

    /// The longest retention among a store's resources (`unlimited` when one keeps data without
    /// expiry); nil when any is unknown.
    public func retention(ofStore index: Int) -> Retention? {
        let values = resources(ofStore: index).map(\.retention)
        guard !values.isEmpty, !values.contains(where: { $0 == nil }) else { return nil }
        if values.contains(where: { $0 == .unlimited }) { return .unlimited }
        return values.compactMap { $0 }.max { Self.days($0) < Self.days($1) }
    }

    private static func days(_ retention: Retention) -> Double {
        if case .duration(let duration) = retention { return duration.approximateDays }
        return .infinity
    }
}
