internal import Foundation

/// Reading one resource: its values, which of them are unknown, and its satellites.
struct ResourceReading {
    let resource: PlanResource
    let satellites: [PlanResource]
    let document: PlanDocument
    var unknown: [String] = []

    init(resource: PlanResource, satellites: [PlanResource], document: PlanDocument) {
        self.resource = resource
        self.satellites = satellites
        self.document = document
    }

    var values: PlanJSON { resource.values }

    func satellite(_ type: String) -> PlanResource? { satellites.first { $0.type == type } }
    func satellites(_ types: Set<String>) -> [PlanResource] { satellites.filter { types.contains($0.type) } }

    /// Whether the value at `path` (keys, nested blocks entered at their first item) is unknown.
    static func isUnknown(_ unknown: PlanJSON, _ path: [String]) -> Bool {
        var current = unknown
        for key in path {
            if current.isUnknownMark { return true }
            current = current.block[key]
        }
        return current.isUnknownMark
    }

    func value(_ attribute: String) -> (value: String?, unknown: Bool) {
        (values[attribute].string, Self.isUnknown(resource.unknown, [attribute]))
    }

    /// The region of a zone (`eu-north-1a` is `eu-north-1`), else the provider's.
    func zoneRegion(_ attribute: String) -> (value: String?, unknown: Bool) {
        if let zone = values[attribute].string, let last = zone.last, last.isLetter { return (String(zone.dropLast()), false) }
        return document.providerRegion(of: resource)
    }

    /// A key is the customer's when the plan names one or refers to a key resource for it.
    func customerKey(_ resource: PlanResource, _ path: [String]) -> Bool? {
        var current = resource.values
        for key in path { current = current.block[key] }
        if let key = current.string, !key.isEmpty { return true }
        // A key created in the same plan is unknown until apply, and it is the customer's.
        if !document.references(of: resource, path: path).isEmpty { return true }
        if Self.isUnknown(resource.unknown, path) { return nil }
        return false
    }

    mutating func security() -> (EncryptionAtRest?, StoreAccess?, Retention?) {
        var encryption: EncryptionAtRest?
        var access: StoreAccess?
        var retention: Retention?
        switch resource.type {
        case "aws_s3_bucket": (encryption, access, retention) = (s3Encryption(), s3Access(), s3Retention())
        case "aws_db_instance", "aws_rds_cluster":
            encryption = flagged("storage_encrypted", key: ["kms_key_id"])
            access = values["publicly_accessible"].bool == true ? .public
                : (Self.isUnknown(resource.unknown, ["publicly_accessible"]) ? nil : .internal)
        case "aws_neptune_cluster": (encryption, access) = (flagged("storage_encrypted", key: ["kms_key_arn"]), .internal)
        case "aws_ebs_volume", "aws_efs_file_system": (encryption, access) = (flagged("encrypted", key: ["kms_key_id"]), .internal)
        case "aws_dynamodb_table":
            let sse = values["server_side_encryption"].block
            encryption = sse["enabled"].bool == true ? (customerKey(resource, ["server_side_encryption", "kms_key_arn"]).map { $0 ? .customerManaged : .providerManaged }) : .providerManaged
            access = .authenticated
            retention = values["ttl"].block["enabled"].bool == true ? nil : .unlimited
        case "aws_elasticsearch_domain", "aws_opensearch_domain":
            let rest = values["encrypt_at_rest"].block
            if rest["enabled"].bool == true {
                encryption = customerKey(resource, ["encrypt_at_rest", "kms_key_id"]).map { $0 ? .customerManaged : .providerManaged }
            } else {
                encryption = Self.isUnknown(resource.unknown, ["encrypt_at_rest", "enabled"]) ? nil : EncryptionAtRest.none
            }
            access = Self.allowsAnyone(values["access_policies"].string) ? .public
                : (values["vpc_options"].block.object?.isEmpty == false ? .internal : .authenticated)
        case "azurerm_storage_account": (encryption, access) = (azureStorageEncryption(), azureStorageAccess())
        case "azurerm_mssql_server":
            let tde = satellite("azurerm_mssql_server_transparent_data_encryption")
            encryption = tde.flatMap { customerKey($0, ["key_vault_key_id"]) } == true ? .customerManaged : .providerManaged
            access = values["public_network_access_enabled"].bool == false ? .internal : .authenticated
        case "azurerm_cosmosdb_account":
            encryption = customerKey(resource, ["key_vault_key_id"]).map { $0 ? .customerManaged : .providerManaged }
            access = values["public_network_access_enabled"].bool == false ? .internal : .authenticated
        case "google_storage_bucket":
            encryption = customerKey(resource, ["encryption", "default_kms_key_name"]).map { $0 ? .customerManaged : .providerManaged }
            access = googlePublic(["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"])
                && values["public_access_prevention"].string != "enforced" ? .public : .authenticated
            retention = gcsRetention()
        case "google_sql_database_instance":
            encryption = customerKey(resource, ["encryption_key_name"]).map { $0 ? .customerManaged : .providerManaged }
            let ip = values["settings"].block["ip_configuration"].block
            let networks = ip["authorized_networks"].array.compactMap { $0["value"].string }
            access = ip["ipv4_enabled"].bool == false ? .internal : (networks.contains { $0.hasSuffix("/0") } ? .public : .authenticated)
        case "google_bigquery_dataset":
            encryption = customerKey(resource, ["default_encryption_configuration", "kms_key_name"]).map { $0 ? .customerManaged : .providerManaged }
            let entries = values["access"].array.flatMap { [$0["special_group"].string, $0["iam_member"].string] }.compactMap { $0 }
            access = entries.contains(where: Self.everyone.contains)
                || googlePublic(["google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"]) ? .public : .authenticated
            if let milliseconds = values["default_table_expiration_ms"].number {
                retention = Self.days(milliseconds / 86_400_000)
            } else if !Self.isUnknown(resource.unknown, ["default_table_expiration_ms"]) {
                retention = .unlimited
            }
        default: break
        }
        if encryption == nil { unknown.append("encryption_at_rest") }
        if access == nil { unknown.append("access") }
        if retention == nil { unknown.append("retention") }
        return (encryption, access, retention)
    }

    /// `flag` true: encrypted, by the customer's key when `key` names one; false or absent
    /// (the providers' default for these types): not encrypted.
    func flagged(_ flag: String, key: [String]) -> EncryptionAtRest? {
        if Self.isUnknown(resource.unknown, [flag]) { return nil }
        guard values[flag].bool == true else { return EncryptionAtRest.none }
        return customerKey(resource, key).map { $0 ? .customerManaged : .providerManaged }
    }

    static func days(_ days: Double) -> Retention? {
        ISODuration("P\(Int(days.rounded(.up)))D").map(Retention.duration)
    }

    // MARK: AWS S3

    func s3Encryption() -> EncryptionAtRest? {
        let rule: PlanJSON
        let owner: PlanResource
        if let configuration = satellite("aws_s3_bucket_server_side_encryption_configuration") {
            (rule, owner) = (configuration.values["rule"].block["apply_server_side_encryption_by_default"].block, configuration)
        } else {
            rule = values["server_side_encryption_configuration"].block["rule"].block["apply_server_side_encryption_by_default"].block
            owner = resource
        }
        // Without a configuration S3 encrypts every new object with its own keys (since 2023-01-05).
        guard let algorithm = rule["sse_algorithm"].string else {
            return Self.isUnknown(owner.unknown, ["rule"]) ? nil : .providerManaged
        }
        guard algorithm.hasPrefix("aws:kms") else { return .providerManaged }
        if let key = rule["kms_master_key_id"].string, !key.isEmpty { return .customerManaged }
        let path = owner.type == resource.type
            ? ["server_side_encryption_configuration", "rule", "apply_server_side_encryption_by_default", "kms_master_key_id"]
            : ["rule", "apply_server_side_encryption_by_default", "kms_master_key_id"]
        // A key created in the same plan is unknown until apply, and it is the customer's.
        return Self.isUnknown(owner.unknown, path) ? .customerManaged : .providerManaged
    }

    func s3Access() -> StoreAccess? {
        let block = satellite("aws_s3_bucket_public_access_block")?.values
        let blocksACLs = block.map { $0["block_public_acls"].bool == true || $0["ignore_public_acls"].bool == true } ?? false
        let blocksPolicies = block.map { $0["block_public_policy"].bool == true || $0["restrict_public_buckets"].bool == true } ?? false
        let acl = satellite("aws_s3_bucket_acl")?.values["acl"].string ?? values["acl"].string
        if let acl, ResourceFacts.publicACLs.contains(acl), !blocksACLs { return .public }
        let policy = satellite("aws_s3_bucket_policy")?.values["policy"].string ?? values["policy"].string
        if Self.allowsAnyone(policy), !blocksPolicies { return .public }
        if acl == nil, Self.isUnknown(resource.unknown, ["acl"]) { return nil }
        return .authenticated
    }


    func s3Retention() -> Retention? {
        let rules: [PlanJSON]
        if let lifecycle = satellite("aws_s3_bucket_lifecycle_configuration") {
            rules = lifecycle.values["rule"].array.filter { $0["status"].string == "Enabled" }
        } else {
            rules = values["lifecycle_rule"].array.filter { $0["enabled"].bool == true }
        }
        let expiries = rules.compactMap { $0["expiration"].block["days"].number }.filter { $0 > 0 }
        return expiries.min().map { Self.days($0) } ?? .unlimited
    }

    /// A bucket or domain policy with an Allow statement for any principal and no condition.
    static func allowsAnyone(_ policy: String?) -> Bool {
        guard let policy, let parsed = try? JSONSerialization.jsonObject(with: Data(policy.utf8)) else { return false }
        let document = PlanJSON(parsed)
        let statements = document["Statement"].object != nil ? [document["Statement"]] : document["Statement"].array
        return statements.contains { statement in
            guard statement["Effect"].string == "Allow", statement["Condition"].isNull else { return false }
            let principal = statement["Principal"]
            if principal.string == "*" { return true }
            let aws = principal["AWS"]
            return aws.string == "*" || aws.array.contains { $0.string == "*" }
        }
    }

    // MARK: Azure

    func azureStorageEncryption() -> EncryptionAtRest? {
        if satellite("azurerm_storage_account_customer_managed_key") != nil { return .customerManaged }
        let key = values["customer_managed_key"].block
        if key["key_vault_key_id"].string != nil || key["managed_hsm_key_id"].string != nil { return .customerManaged }
        // Azure Storage encrypts everything with Microsoft-managed keys; it cannot be turned off.
        return .providerManaged
    }

    func azureStorageAccess() -> StoreAccess? {
        // Before provider 3.0 the flag was allow_blob_public_access, false by default; since, true by default.
        let nestedPublic = values["allow_nested_items_to_be_public"].bool ?? values["allow_blob_public_access"].bool
            ?? (values.object?["allow_blob_public_access"] == nil)
        let publicContainer = satellites(["azurerm_storage_container"]).contains {
            ["blob", "container"].contains($0.values["container_access_type"].string ?? "private")
        }
        if nestedPublic, publicContainer { return .public }
        let closed = values["public_network_access_enabled"].bool == false
            || values["network_rules"].block["default_action"].string == "Deny"
        return closed ? .internal : .authenticated
    }

    // MARK: Google

    static let everyone: Set<String> = ["allUsers", "allAuthenticatedUsers"]

    func googlePublic(_ types: Set<String>) -> Bool {
        satellites(types).contains { satellite in
            let members = [satellite.values["member"].string].compactMap { $0 } + satellite.values["members"].array.compactMap(\.string)
            return members.contains(where: Self.everyone.contains)
        }
    }

    func gcsRetention() -> Retention? {
        let ages = values["lifecycle_rule"].array.filter { $0["action"].block["type"].string == "Delete" }
            .compactMap { $0["condition"].block["age"].number }.filter { $0 > 0 }
        return ages.min().map { Self.days($0) } ?? .unlimited
    }
}
