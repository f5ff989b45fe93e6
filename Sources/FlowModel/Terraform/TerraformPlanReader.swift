internal import Foundation
public import FlowYAML

/// Reads `terraform show -json` output, of a plan or of a state, into the facts of the resources
/// that hold data at rest. A pure function of the file: nothing is fetched, nothing guessed.
public enum TerraformPlanReader {
    /// Plans larger than this are refused: a plan is read whole into memory, then parsed.
    public static let maxPlanBytes = 256 << 20

    /// Major versions of the JSON format read: minor versions only add properties.
    public static let supportedMajorVersions = 0...1

    public static func read(path: String, regions: RegionCatalogue) throws(DiagnosticList) -> DeployedPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([Diagnostic("cannot read the Terraform plan", file: path, position: nil)])
        }
        return try read(bytes: [UInt8](data), file: path, regions: regions)
    }

    /// A plan written as YAML (JSON is YAML): a rule's example gives its plan in the rule file.
    package static func read(node: YAMLNode, file: String, regions: RegionCatalogue) throws(DiagnosticList) -> DeployedPlan {
        try read(root: PlanJSON(Self.foundationValue(node)), file: file, regions: regions)
    }

    /// The node as JSONSerialization would give it: plain `true`, `false`, `null` and numbers
    /// typed, everything else text.
    private static func foundationValue(_ node: YAMLNode) -> Any {
        switch node.kind {
        case .mapping:
            var object: [String: Any] = [:]
            for entry in node.entries { object[entry.name] = foundationValue(entry.value) }
            return object
        case .sequence:
            return node.items.map(foundationValue)
        case .scalar:
            let text = node.scalar ?? ""
            guard node.isPlainScalar else { return text }
            switch text {
            case "true": return NSNumber(value: true)
            case "false": return NSNumber(value: false)
            case "null", "~", "": return NSNull()
            default:
                if let integer = Int(text) { return NSNumber(value: integer) }
                if let number = Double(text) { return NSNumber(value: number) }
                return text
            }
        }
    }

    public static func read(bytes: [UInt8], file: String, regions: RegionCatalogue) throws(DiagnosticList) -> DeployedPlan {
        func failure(_ message: String) -> DiagnosticList { DiagnosticList([Diagnostic(message, file: file, position: nil)]) }
        guard bytes.count <= maxPlanBytes else { throw failure("the plan is \(bytes.count) bytes, over the limit of \(maxPlanBytes)") }
        let text: [UInt8]
        switch PlanEncoding.utf8(bytes) {
        case .success(let utf8): text = utf8
        case .failure(let problem): throw failure(problem.message)
        }
        let root: PlanJSON
        do {
            root = PlanJSON(try JSONSerialization.jsonObject(with: Data(text)))
        } catch {
            let (reason, position) = PlanEncoding.describe(error, in: text)
            throw DiagnosticList([Diagnostic(
                "is not JSON (\(reason)); write it with `terraform show -json plan.out > plan.json`", file: file, position: position)])
        }
        return try read(root: root, file: file, regions: regions)
    }

    private static func read(root: PlanJSON, file: String, regions: RegionCatalogue) throws(DiagnosticList) -> DeployedPlan {
        func failure(_ message: String) -> DiagnosticList { DiagnosticList([Diagnostic(message, file: file, position: nil)]) }
        guard root.object != nil else { throw failure("is not a Terraform plan or state: the JSON is not an object") }
        guard let version = root["format_version"].string else {
            throw failure("is not a Terraform plan or state: it has no format_version (write it with `terraform show -json`)")
        }
        guard let major = Int(version.split(separator: ".").first ?? ""), supportedMajorVersions.contains(major) else {
            throw failure("format_version \(version) is not supported: flowaudit reads versions 0.x and 1.x")
        }
        let isState = root["planned_values"].isNull
        let values = isState ? root["values"] : root["planned_values"]
        guard values.object != nil || (isState && root["values"].isNull && root["terraform_version"].string != nil) else {
            throw failure("is not a Terraform plan or state: it has neither planned_values nor values")
        }
        let document = PlanDocument(root: root, isState: isState, file: file)
        let resources = document.resources(under: values["root_module"], pointer: isState ? "/values/root_module" : "/planned_values/root_module")
        let facts = ResourceFacts(document: document, resources: resources, regions: regions)
        let deployed = resources.compactMap { facts.deployed($0) }.sorted { $0.address < $1.address }
        return DeployedPlan(file: file, resources: deployed, isState: isState)
    }
}

/// One managed resource as the plan's values give it.
struct PlanResource {
    let address: String
    let type: String
    /// `module.a.module.b`, empty at the root.
    let module: String
    let values: PlanJSON
    /// `after_unknown` of its change: where values are unknown until apply.
    let unknown: PlanJSON
    let pointer: String
}

/// The parts of a plan that explain its values: resource changes (unknowns, deletions), the
/// configuration (provider regions, references between resources) and the variables.
struct PlanDocument {
    let root: PlanJSON
    let isState: Bool
    let file: String
    /// Resource change by address.
    let changes: [String: PlanJSON]
    /// Configuration resource by address without instance keys.
    let configuration: [String: PlanJSON]

    init(root: PlanJSON, isState: Bool, file: String) {
        self.root = root
        self.isState = isState
        self.file = file
        var changes: [String: PlanJSON] = [:]
        for change in root["resource_changes"].array {
            if let address = change["address"].string { changes[address] = change }
        }
        self.changes = changes
        var configuration: [String: PlanJSON] = [:]
        Self.collect(root["configuration"]["root_module"], module: "", into: &configuration)
        self.configuration = configuration
    }

    private static func collect(_ module: PlanJSON, module prefix: String, into table: inout [String: PlanJSON]) {
        for resource in module["resources"].array {
            if let address = resource["address"].string { table[prefix + address] = resource }
        }
        for (name, call) in module["module_calls"].object ?? [:] {
            collect(call["module"], module: prefix + "module.\(name).", into: &table)
        }
    }

    /// Managed resources of a module and those below it, with where each is in the file.
    func resources(under module: PlanJSON, pointer: String) -> [PlanResource] {
        var found: [PlanResource] = []
        for (position, resource) in module["resources"].array.enumerated() {
            guard resource["mode"].string ?? "managed" == "managed", let address = resource["address"].string,
                  let type = resource["type"].string else { continue }
            let change = changes[address]
            // A resource that is only destroyed holds nothing after apply.
            if change?["change"]["actions"].array.compactMap(\.string) == ["delete"] { continue }
            let moduleAddress = module["address"].string ?? ""
            found.append(PlanResource(
                address: address, type: type, module: moduleAddress, values: resource["values"],
                unknown: change?["change"]["after_unknown"] ?? PlanJSON(nil), pointer: "\(pointer)/resources/\(position)"))
        }
        for (position, child) in module["child_modules"].array.enumerated() {
            found += resources(under: child, pointer: "\(pointer)/child_modules/\(position)")
        }
        return found
    }

    /// The configuration of a resource (instance keys dropped: configuration has none).
    func configuration(of resource: PlanResource) -> PlanJSON {
        configuration[DeployedResource.withoutIndexes(resource.address)] ?? PlanJSON(nil)
    }

    /// Addresses an attribute's expression refers to, made absolute (configuration writes them
    /// relative to the module), with and without their attribute (`aws_s3_bucket.this[0].id`).
    func references(of resource: PlanResource, attribute: String) -> [String] {
        references(of: resource, path: [attribute])
    }

    /// The same for an attribute inside nested blocks (`["server_side_encryption", "kms_key_arn"]`).
    func references(of resource: PlanResource, path: [String]) -> [String] {
        let prefix = resource.module.isEmpty ? "" : resource.module + "."
        var expression = configuration(of: resource)["expressions"]
        for key in path { expression = expression.block[key] }
        return expression["references"].array.compactMap(\.string).map { prefix + $0 }
    }

    /// The region of the provider configuration a resource uses: its own key, else (a module's
    /// provider inherits the root's) the root provider of the same name; `var.x` read from the
    /// plan's variables. Nil when nowhere stated.
    func providerRegion(of resource: PlanResource, attribute: String = "region") -> (value: String?, unknown: Bool) {
        let providers = root["configuration"]["provider_config"]
        let key = configuration(of: resource)["provider_config_key"].string ?? providerName(resource.type)
        var candidates = [key]
        if let colon = key.lastIndex(of: ":") { candidates.append(String(key[key.index(after: colon)...])) }
        candidates.append(providerName(resource.type))
        for candidate in candidates {
            let expression = providers[candidate]["expressions"][attribute]
            if let constant = expression["constant_value"].string { return (constant, false) }
            for reference in expression["references"].array.compactMap(\.string) where reference.hasPrefix("var.") {
                let name = String(reference.dropFirst(4))
                if let value = root["variables"][name]["value"].string { return (value, false) }
            }
            if !expression["references"].array.isEmpty { return (nil, true) }
        }
        return (nil, false)
    }

    /// `aws_s3_bucket` is `aws`; `azurerm_*` is `azurerm`; `google_*` is `google`.
    func providerName(_ type: String) -> String {
        String(type.prefix { $0 != "_" })
    }
}
