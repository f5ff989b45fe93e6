public import FlowModel

/// `flowaudit deployed` (what a plan deploys) and `flowaudit import terraform` (draft stores).
public enum DeployedRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    /// `stores`: the store bound to each address, when a model was given (`model`).
    public static func render(_ plan: DeployedPlan, stores: [String: String], model: Bool, format: Format) -> String {
        switch format {
        case .text: text(plan, stores: stores, model: model)
        case .json: json(plan, stores: stores, model: model)
        }
    }

    static func text(_ plan: DeployedPlan, stores: [String: String], model: Bool) -> String {
        let count = plan.resources.count == 1 ? "1 resource" : "\(plan.resources.count) resources"
        var lines = ["\(plan.file): \(count) holding data at rest (\(plan.isState ? "state" : "plan"))"]
        for resource in plan.resources {
            lines.append("  \(resource.address)")
            let region = resource.region.map { " (\($0))" } ?? ""
            lines.append("    country: \(resource.countries?.joined(separator: ", ") ?? "unknown")\(region)")
            lines.append("    encryption at rest: \(resource.encryption?.rawValue ?? "unknown"); access: \(resource.access?.rawValue ?? "unknown"); retention: \(resource.retention?.description ?? "unknown")")
            if model { lines.append("    store: \(stores[resource.address] ?? "none (undeclared)")") }
            if !resource.unknown.isEmpty { lines.append("    unknown until apply or unmapped: \(resource.unknown.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ plan: DeployedPlan, stores: [String: String], model: Bool) -> String {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return JSONValue.object([
            "file": .string(plan.file),
            "kind": .string(plan.isState ? "state" : "plan"),
            "resources": .array(plan.resources.map { resource in
                var object: [String: JSONValue] = [
                    "address": .string(resource.address), "type": .string(resource.type), "provider": .string(resource.provider),
                    "region": optional(resource.region),
                    "countries": resource.countries.map { .array($0.map(JSONValue.string)) } ?? .null,
                    "encryptionAtRest": optional(resource.encryption?.rawValue), "access": optional(resource.access?.rawValue),
                    "retention": optional(resource.retention?.description),
                    "unknown": .array(resource.unknown.map(JSONValue.string)), "pointer": .string(resource.pointer),
                ]
                if model { object["store"] = optional(stores[resource.address]) }
                return .object(object)
            }),
        ]).renderedDocument()
    }

    /// A `stores:` section with one entry per resource: what the plan knows, and comments where
    /// the model needs a person (what it holds, facts unknown at plan time).
    public static func draftStores(_ plan: DeployedPlan, operator: String) -> String {
        var used = Set<String>()
        var lines = ["# Drafted by `flowaudit import terraform \(plan.file)`: check each entry and add what it holds.", "stores:"]
        for resource in plan.resources {
            var id = resource.taggedStore ?? String(resource.baseAddress.split(separator: ".").last ?? "store")
                .map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { $0.append($1) }.lowercased()
            if !used.insert(id).inserted {
                var counter = 2
                while !used.insert("\(id)-\(counter)").inserted { counter += 1 }
                id = "\(id)-\(counter)"
            }
            lines.append("  \(id):")
            lines.append("    name: \(resource.address)")
            lines.append("    operator: \(`operator`)")
            if let countries = resource.countries, countries.count == 1 {
                lines.append("    location: \(countries[0])")
            } else {
                lines.append("    # location: \(resource.countries.map { "one of \($0.joined(separator: ", "))" } ?? "unknown at plan time")")
            }
            if let encryption = resource.encryption { lines.append("    encryption_at_rest: \(encryption.rawValue)") }
            if let access = resource.access { lines.append("    access: \(access.rawValue)") }
            if let retention = resource.retention { lines.append("    retention: \(retention.description)") }
            lines.append("    holds: []                # the data sets it keeps")
            lines.append("    deployed_as: [\"\(resource.address)\"]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
