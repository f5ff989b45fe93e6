internal import Foundation

/// The facts of each data-holding resource type, read from its values, the resources attached
/// to it (an S3 bucket's encryption configuration, a GCS bucket's IAM members) and the providers'
/// documented defaults. See `../shared/research/terraform-plans.md` for the sources per type.
struct ResourceFacts {
    /// Resource types that hold data at rest, by provider.
    static let owners: [String: String] = [
        "aws_s3_bucket": "aws", "aws_db_instance": "aws", "aws_rds_cluster": "aws", "aws_dynamodb_table": "aws",
        "aws_ebs_volume": "aws", "aws_efs_file_system": "aws", "aws_neptune_cluster": "aws",
        "aws_elasticsearch_domain": "aws", "aws_opensearch_domain": "aws",
        "azurerm_storage_account": "azure", "azurerm_mssql_server": "azure", "azurerm_cosmosdb_account": "azure",
        "google_storage_bucket": "gcp", "google_sql_database_instance": "gcp", "google_bigquery_dataset": "gcp",
    ]

    /// A resource that configures another: the owner's type, the attributes naming the owner, and
    /// the owner's attributes such a name may equal.
    struct Satellite {
        let owner: String
        let links: [String]
        let keys: [String]
    }

    static let satellites: [String: Satellite] = {
        let bucket = Satellite(owner: "aws_s3_bucket", links: ["bucket"], keys: ["bucket", "id"])
        let gcs = Satellite(owner: "google_storage_bucket", links: ["bucket"], keys: ["name", "id"])
        let dataset = Satellite(owner: "google_bigquery_dataset", links: ["dataset_id"], keys: ["dataset_id", "id"])
        return [
            "aws_s3_bucket_server_side_encryption_configuration": bucket, "aws_s3_bucket_public_access_block": bucket,
            "aws_s3_bucket_acl": bucket, "aws_s3_bucket_policy": bucket, "aws_s3_bucket_lifecycle_configuration": bucket,
            "google_storage_bucket_iam_member": gcs, "google_storage_bucket_iam_binding": gcs,
            "google_bigquery_dataset_iam_member": dataset, "google_bigquery_dataset_iam_binding": dataset,
            "azurerm_storage_account_customer_managed_key": Satellite(owner: "azurerm_storage_account", links: ["storage_account_id"], keys: ["id"]),
            "azurerm_storage_container": Satellite(
                owner: "azurerm_storage_account", links: ["storage_account_name", "storage_account_id"], keys: ["name", "id"]),
            "azurerm_mssql_server_transparent_data_encryption": Satellite(owner: "azurerm_mssql_server", links: ["server_id"], keys: ["id"]),
        ]
    }()

    /// S3 canned ACLs that let anyone (or any AWS account) read.
    static let publicACLs: Set<String> = ["public-read", "public-read-write", "website", "authenticated-read"]

    let document: PlanDocument
    let regions: RegionCatalogue
    /// Satellites by owner address.
    let attached: [String: [PlanResource]]

    init(document: PlanDocument, resources: [PlanResource], regions: RegionCatalogue) {
        self.document = document
        self.regions = regions
        // Owners looked up by type and name, and by address: one lookup per satellite, not a scan of every owner.
        var byName: [String: [Int]] = [:]
        var byAddress: [String: [Int]] = [:]
        let ownerKeys = Set(Self.satellites.values.flatMap { kind in kind.keys.map { "\(kind.owner) \($0)" } })
        for (position, owner) in resources.enumerated() where Self.owners[owner.type] != nil {
            for key in ["bucket", "name", "id", "dataset_id"] where ownerKeys.contains("\(owner.type) \(key)") {
                if let name = owner.values[key].string.map(Self.bucketName) { byName["\(owner.type) \(name)", default: []].append(position) }
            }
            byAddress[owner.address, default: []].append(position)
            byAddress[DeployedResource.withoutIndexes(owner.address), default: []].append(position)
        }
        var attached: [String: [PlanResource]] = [:]
        for satellite in resources {
            guard let kind = Self.satellites[satellite.type] else { continue }
            var owners: [Int] = []
            for link in kind.links {
                if let name = satellite.values[link].string.map(Self.bucketName) {
                    owners += byName["\(kind.owner) \(name)"] ?? []
                }
                if owners.isEmpty {
                    for reference in document.references(of: satellite, attribute: link) {
                        // `aws_s3_bucket.this[0].id` names `aws_s3_bucket.this[0]`: its attribute dropped.
                        let candidates = [reference, reference.split(separator: ".").dropLast().joined(separator: ".")]
                        owners += candidates.flatMap { byAddress[$0] ?? [] }.filter { resources[$0].type == kind.owner }
                    }
                }
            }
            var seen = Set<Int>()
            for owner in owners where seen.insert(owner).inserted { attached[resources[owner].address, default: []].append(satellite) }
        }
        self.attached = attached
    }

    /// `b/name` (a GCS bucket's id) is `name`.
    private static func bucketName(_ text: String) -> String { text.hasPrefix("b/") ? String(text.dropFirst(2)) : text }

    func deployed(_ resource: PlanResource) -> DeployedResource? {
        guard let provider = Self.owners[resource.type] else { return nil }
        var facts = ResourceReading(resource: resource, satellites: attached[resource.address] ?? [], document: document)
        let region: (value: String?, unknown: Bool)
        var locations: [String]? = nil
        switch resource.type {
        case "aws_ebs_volume": region = facts.zoneRegion("availability_zone")
        case "aws_efs_file_system": region = facts.zoneRegion("availability_zone_name")
        case "azurerm_cosmosdb_account":
            region = facts.value("location")
            locations = resource.values["geo_location"].array.compactMap { $0["location"].string }
        case "azurerm_storage_account", "azurerm_mssql_server", "google_storage_bucket", "google_bigquery_dataset":
            region = facts.value("location")
        case "google_sql_database_instance":
            region = facts.value("region").value != nil ? facts.value("region") : document.providerRegion(of: resource)
        default:
            let own = facts.value("region")
            region = own.value != nil ? own : document.providerRegion(of: resource)
        }
        var countries: [String]?
        if let written = region.value {
            let all = ([written] + (locations ?? [])).map { regions.countries(provider: provider, region: $0) }
            if all.allSatisfy({ $0 != nil }) { countries = Array(Set(all.compactMap { $0 }.flatMap { $0 })).sorted() }
        }
        if countries == nil { facts.unknown.append("region") }
        let (encryption, access, retention) = facts.security()
        var tags: [String: String] = [:]
        for key in ["tags", "labels"] {
            for (name, value) in resource.values[key].object ?? [:] { if let text = value.string { tags[name] = text } }
        }
        return DeployedResource(
            address: resource.address, type: resource.type, provider: provider, region: region.value, countries: countries,
            encryption: encryption, access: access, retention: retention, unknown: facts.unknown,
            tags: tags, file: document.file, pointer: resource.pointer)
    }
}
