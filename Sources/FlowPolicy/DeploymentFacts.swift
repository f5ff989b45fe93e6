import FlowGraph
import FlowModel

/// Facts comparing what a store declares with what Terraform plans deploy it as, and the facts
/// of each deployed resource (`resource` subjects). Absent without plans, or where the plan
/// leaves a fact unknown.
enum DeploymentFacts {
    static let store: [String: FactDefinition] = [
        "deployed": FactDefinition(type: .bool, help: "a plan deploys it (`deployed_as`, or a resource's flowaudit-store tag)") { context, index in
            .bool(!(context.model.deployment?.resources(ofStore: index).isEmpty ?? true))
        },
        "deployed_resources": FactDefinition(type: .strings, help: "addresses of the resources it is deployed as") { context, index in
            .strings(context.model.deployment?.resources(ofStore: index).map(\.address) ?? [])
        },
        "declared_location": FactDefinition(type: .string, help: "its `location`, else its operator's country") { context, index in
            .string(declaredLocation(context, index))
        },
        "deployed_countries": FactDefinition(type: .strings, help: "countries its resources are deployed in") { context, index in
            context.model.deployment?.countries(ofStore: index).map(FactValue.strings) ?? .absent
        },
        "deployed_elsewhere": FactDefinition(type: .bool, help: "deployed in a country other than its declared location") { context, index in
            guard let countries = context.model.deployment?.countries(ofStore: index) else { return .absent }
            return .bool(countries != [declaredLocation(context, index)])
        },
        "deployed_outside_eea": FactDefinition(type: .bool, help: "deployed, at least in part, outside the EEA") { context, index in
            guard let countries = context.model.deployment?.countries(ofStore: index) else { return .absent }
            return .bool(countries.contains { !context.graph.isEEA($0) })
        },
        "deployed_encryption_at_rest": FactDefinition(type: .string, help: "the weakest encryption of its resources") { context, index in
            context.model.deployment?.encryption(ofStore: index).map { .string($0.rawValue) } ?? .absent
        },
        "deployed_access": FactDefinition(type: .string, help: "the most open access of its resources") { context, index in
            context.model.deployment?.access(ofStore: index).map { .string($0.rawValue) } ?? .absent
        },
        "deployed_retention": FactDefinition(type: .string, help: "the longest retention of its resources (`unlimited`: nothing expires)") { context, index in
            context.model.deployment?.retention(ofStore: index).map { .string($0.description) } ?? .absent
        },
        "deployed_retention_days": FactDefinition(type: .number, help: "`deployed_retention` in days; absent when unlimited or unknown") { context, index in
            guard case .duration(let duration)? = context.model.deployment?.retention(ofStore: index) else { return .absent }
            return .number(duration.approximateDays)
        },
        "deployed_unknown": FactDefinition(type: .strings, help: "facts its resources leave unknown (region, encryption_at_rest, access, retention)") { context, index in
            let unknown = context.model.deployment?.resources(ofStore: index).flatMap(\.unknown) ?? []
            return .strings(["region", "encryption_at_rest", "access", "retention"].filter(unknown.contains))
        },
        "missing_deployments": FactDefinition(type: .strings, help: "`deployed_as` addresses no plan has") { context, index in
            .strings(context.model.deployment?.binding.missing.filter { $0.store == index }.map(\.address) ?? [])
        },
    ]

    private static func declaredLocation(_ context: EvaluationContext, _ index: Int) -> String {
        let store = context.model.stores[index]
        if let location = store.location { return location }
        guard let ref = context.model.index[store.operator_], ref.kind == .organization else { return "" }
        return context.model.organizations[ref.index].country
    }

    static func resource(_ context: EvaluationContext, _ index: Int) -> DeployedResource? {
        guard let deployment = context.model.deployment, index < deployment.all.count else { return nil }
        return deployment.resource(deployment.all[index])
    }

    static let resource: [String: FactDefinition] = [
        "id": FactDefinition(type: .string, help: "its address") { context, index in text(resource(context, index)?.address) },
        "name": FactDefinition(type: .string, help: "its address") { context, index in text(resource(context, index)?.address) },
        "type": FactDefinition(type: .string, help: "its Terraform type (`aws_s3_bucket`)") { context, index in text(resource(context, index)?.type) },
        "region": FactDefinition(type: .string, help: "its region or location as the plan gives it") { context, index in
            text(resource(context, index)?.region)
        },
        "countries": FactDefinition(type: .strings, help: "countries it is deployed in; absent when unknown or unmapped") { context, index in
            resource(context, index)?.countries.map(FactValue.strings) ?? .absent
        },
        "eea": FactDefinition(type: .bool, help: "deployed in the EEA only") { context, index in
            resource(context, index)?.countries.map { countries in .bool(countries.allSatisfy(context.graph.isEEA)) } ?? .absent
        },
        "encryption_at_rest": FactDefinition(type: .string, help: "none, provider-managed or customer-managed") { context, index in
            text(resource(context, index)?.encryption?.rawValue)
        },
        "access": FactDefinition(type: .string, help: "public, authenticated or internal") { context, index in
            text(resource(context, index)?.access?.rawValue)
        },
        "retention": FactDefinition(type: .string, help: "how long data is kept before it expires") { context, index in
            text(resource(context, index)?.retention?.description)
        },
        "unknown": FactDefinition(type: .strings, help: "facts the plan leaves unknown") { context, index in
            .strings(resource(context, index)?.unknown ?? [])
        },
        "bound": FactDefinition(type: .bool, help: "a store is deployed as it") { context, index in
            guard let deployment = context.model.deployment, index < deployment.all.count else { return .absent }
            return .bool(deployment.store(of: deployment.all[index]) != nil)
        },
        "store": FactDefinition(type: .ref(.store), help: "the store deployed as it") { context, index in
            guard let deployment = context.model.deployment, index < deployment.all.count,
                  let store = deployment.store(of: deployment.all[index]) else { return .absent }
            return .ref(.store, store)
        },
        "pointer": FactDefinition(type: .string, help: "where it is in the plan (a JSON Pointer)") { context, index in
            text(resource(context, index)?.pointer)
        },
        "plan": FactDefinition(type: .string, help: "the plan file") { context, index in text(resource(context, index)?.file) },
    ]

    private static func text(_ value: String?) -> FactValue { value.map(FactValue.string) ?? .absent }
}
