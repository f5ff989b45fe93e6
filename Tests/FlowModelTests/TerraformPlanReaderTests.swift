import Foundation
import Testing
import FlowYAML
@testable import FlowModel

/// Plans written in the shapes `terraform show -json` gives (see ../shared/research/terraform-plans.md).
@Suite struct TerraformPlanReaderTests {
    static func read(_ json: String) throws -> DeployedPlan {
        try TerraformPlanReader.read(bytes: Array(json.utf8), file: "plan.json", regions: Fixtures.catalogue.regions)
    }

    static func resource(_ plan: DeployedPlan, _ address: String) throws -> DeployedResource {
        try #require(plan.resources.first { $0.address == address }, "\(address) in \(plan.resources.map(\.address))")
    }

    static func errors(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try TerraformPlanReader.read(bytes: bytes, file: "plan.json", regions: Fixtures.catalogue.regions)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// terraform-aws-modules/s3-bucket's shape: bucket names unknown at plan time, the encryption
    /// configuration, public access block and lifecycle linked only by references, inside a
    /// module whose provider inherits the root's region.
    static let splitBucket = #"""
    {
      "format_version": "1.2",
      "terraform_version": "1.10.0",
      "variables": {"region": {"value": "eu-central-1"}},
      "planned_values": {"root_module": {"child_modules": [{
        "address": "module.audio",
        "resources": [
          {"address": "module.audio.aws_s3_bucket.this[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "this", "index": 0,
           "values": {"force_destroy": false, "tags": {"flowaudit-store": "recordings"}}},
          {"address": "module.audio.aws_kms_key.recordings", "mode": "managed", "type": "aws_kms_key", "name": "recordings", "values": {}},
          {"address": "module.audio.aws_s3_bucket_server_side_encryption_configuration.this[0]", "mode": "managed",
           "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "this", "index": 0,
           "values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}},
          {"address": "module.audio.aws_s3_bucket_acl.this[0]", "mode": "managed", "type": "aws_s3_bucket_acl", "name": "this", "index": 0,
           "values": {"acl": "public-read"}},
          {"address": "module.audio.aws_s3_bucket_public_access_block.this[0]", "mode": "managed",
           "type": "aws_s3_bucket_public_access_block", "name": "this", "index": 0,
           "values": {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}},
          {"address": "module.audio.aws_s3_bucket_lifecycle_configuration.this[0]", "mode": "managed",
           "type": "aws_s3_bucket_lifecycle_configuration", "name": "this", "index": 0,
           "values": {"rule": [{"id": "expire", "status": "Enabled", "expiration": [{"days": 2190}]},
                               {"id": "old", "status": "Disabled", "expiration": [{"days": 30}]}]}}
        ]}]}},
      "resource_changes": [
        {"address": "module.audio.aws_s3_bucket.this[0]", "change": {"actions": ["create"], "after_unknown": {"bucket": true, "id": true}}},
        {"address": "module.audio.aws_s3_bucket_server_side_encryption_configuration.this[0]",
         "change": {"actions": ["create"], "after_unknown": {"bucket": true, "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": true}]}]}}},
        {"address": "module.audio.aws_s3_bucket.gone", "change": {"actions": ["delete"]}}
      ],
      "configuration": {
        "provider_config": {
          "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "expressions": {"region": {"references": ["var.region"]}}},
          "module.audio:aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "module_address": "module.audio"}
        },
        "root_module": {"module_calls": {"audio": {"source": "terraform-aws-modules/s3-bucket/aws", "module": {"resources": [
          {"address": "aws_s3_bucket.this", "type": "aws_s3_bucket", "name": "this", "provider_config_key": "audio:aws"},
          {"address": "aws_s3_bucket_server_side_encryption_configuration.this", "provider_config_key": "audio:aws",
           "expressions": {"bucket": {"references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"]},
                           "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": {"references": ["aws_kms_key.recordings.arn", "aws_kms_key.recordings"]}}]}]}},
          {"address": "aws_s3_bucket_acl.this", "provider_config_key": "audio:aws",
           "expressions": {"bucket": {"references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"]}}},
          {"address": "aws_s3_bucket_public_access_block.this", "provider_config_key": "audio:aws",
           "expressions": {"bucket": {"references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"]}}},
          {"address": "aws_s3_bucket_lifecycle_configuration.this", "provider_config_key": "audio:aws",
           "expressions": {"bucket": {"references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"]}}}
        ]}}}}
      }
    }
    """#

    @Test func splitS3ResourcesLinkedOnlyByReferences() throws {
        let plan = try Self.read(Self.splitBucket)
        #expect(plan.resources.map(\.address) == ["module.audio.aws_s3_bucket.this[0]"])
        let bucket = try Self.resource(plan, "module.audio.aws_s3_bucket.this[0]")
        #expect(bucket.region == "eu-central-1" && bucket.countries == ["DE"])
        #expect(bucket.encryption == .customerManaged)
        #expect(bucket.access == .authenticated, "the public access block neutralises the public ACL")
        #expect(bucket.retention == Retention("P2190D"))
        #expect(bucket.unknown.isEmpty && bucket.taggedStore == "recordings" && bucket.baseAddress == "module.audio.aws_s3_bucket.this")
        #expect(bucket.pointer == "/planned_values/root_module/child_modules/0/resources/0" && !plan.isState)
    }

    /// TerraGoat's shape: names known, a public ACL inline, no encryption configuration, and a
    /// provider alias for the region.
    static let terragoat = #"""
    {
      "format_version": "0.1",
      "planned_values": {"root_module": {"resources": [
        {"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "name": "data",
         "values": {"bucket": "customer-data", "acl": "public-read", "tags": {"Name": "data"}}},
        {"address": "aws_s3_bucket_policy.data", "mode": "managed", "type": "aws_s3_bucket_policy", "name": "data",
         "values": {"bucket": "customer-data", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}"}},
        {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
         "values": {"bucket": "logs", "policy": "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}}}}"}},
        {"address": "aws_db_instance.default", "mode": "managed", "type": "aws_db_instance", "name": "default",
         "values": {"storage_encrypted": false, "publicly_accessible": true, "backup_retention_period": 0}},
        {"address": "aws_db_instance.encrypted", "mode": "managed", "type": "aws_db_instance", "name": "encrypted",
         "values": {"storage_encrypted": true}},
        {"address": "aws_dynamodb_table.sessions", "mode": "managed", "type": "aws_dynamodb_table", "name": "sessions",
         "values": {"server_side_encryption": [{"enabled": true, "kms_key_arn": "arn:aws:kms:us-east-2:1:key/k"}], "ttl": [{"enabled": true}]}},
        {"address": "aws_ebs_volume.disk", "mode": "managed", "type": "aws_ebs_volume", "name": "disk",
         "values": {"availability_zone": "eu-north-1a"}},
        {"address": "aws_neptune_cluster.graph", "mode": "managed", "type": "aws_neptune_cluster", "name": "graph",
         "values": {"storage_encrypted": true, "kms_key_arn": ""}},
        {"address": "aws_opensearch_domain.search", "mode": "managed", "type": "aws_opensearch_domain", "name": "search",
         "values": {"encrypt_at_rest": [{"enabled": true, "kms_key_id": "key-1"}], "vpc_options": [{"subnet_ids": ["s-1"]}]}},
        {"address": "data.aws_caller_identity.current", "mode": "data", "type": "aws_caller_identity", "name": "current", "values": {}}
      ]}},
      "resource_changes": [{"address": "aws_db_instance.encrypted", "change": {"actions": ["create"], "after_unknown": {"kms_key_id": true}}}],
      "configuration": {
        "provider_config": {
          "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-west-2"}}},
          "aws.ohio": {"name": "aws", "alias": "ohio", "expressions": {"region": {"constant_value": "us-east-2"}}}
        },
        "root_module": {"resources": [
          {"address": "aws_s3_bucket.data", "provider_config_key": "aws"},
          {"address": "aws_dynamodb_table.sessions", "provider_config_key": "aws.ohio"}
        ]}
      }
    }
    """#

    @Test func awsTypesAndTheirDefaults() throws {
        let plan = try Self.read(Self.terragoat)
        let data = try Self.resource(plan, "aws_s3_bucket.data")
        #expect(data.countries == ["US"] && data.encryption == .providerManaged && data.access == .public && data.retention == .unlimited)
        let logs = try Self.resource(plan, "aws_s3_bucket.logs")
        #expect(logs.access == .authenticated, "a policy narrowed by a condition is not public")
        let database = try Self.resource(plan, "aws_db_instance.default")
        #expect(database.encryption == EncryptionAtRest.none && database.access == .public)
        #expect(database.unknown == ["retention"], "a database's backups say nothing of how long its data is kept")
        let encrypted = try Self.resource(plan, "aws_db_instance.encrypted")
        #expect(encrypted.encryption == nil && encrypted.unknown.contains("encryption_at_rest"), "its key is unknown until apply")
        let sessions = try Self.resource(plan, "aws_dynamodb_table.sessions")
        #expect(sessions.region == "us-east-2" && sessions.encryption == .customerManaged && sessions.retention == nil)
        let disk = try Self.resource(plan, "aws_ebs_volume.disk")
        #expect(disk.countries == ["SE"] && disk.encryption == EncryptionAtRest.none && disk.access == .internal)
        #expect(try Self.resource(plan, "aws_neptune_cluster.graph").encryption == .providerManaged)
        let search = try Self.resource(plan, "aws_opensearch_domain.search")
        #expect(search.encryption == .customerManaged && search.access == .internal)
        #expect(!plan.resources.contains { $0.address.hasPrefix("data.") })
    }

    static let azureAndGoogle = #"""
    {
      "format_version": "1.2",
      "planned_values": {"root_module": {"resources": [
        {"address": "azurerm_storage_account.recordings", "mode": "managed", "type": "azurerm_storage_account", "name": "recordings",
         "values": {"name": "recordings", "location": "West Europe"}},
        {"address": "azurerm_storage_container.calls", "mode": "managed", "type": "azurerm_storage_container", "name": "calls",
         "values": {"storage_account_name": "recordings", "container_access_type": "blob"}},
        {"address": "azurerm_storage_account.closed", "mode": "managed", "type": "azurerm_storage_account", "name": "closed",
         "values": {"name": "closed", "location": "swedencentral", "public_network_access_enabled": false,
                    "customer_managed_key": [{"key_vault_key_id": "https://vault/keys/k"}]}},
        {"address": "azurerm_cosmosdb_account.db", "mode": "managed", "type": "azurerm_cosmosdb_account", "name": "db",
         "values": {"location": "northeurope", "geo_location": [{"location": "northeurope"}, {"location": "eastus"}]}},
        {"address": "google_storage_bucket.archive", "mode": "managed", "type": "google_storage_bucket", "name": "archive",
         "values": {"name": "archive", "location": "EU", "encryption": [{"default_kms_key_name": "projects/p/keys/k"}],
                    "lifecycle_rule": [{"action": [{"type": "Delete"}], "condition": [{"age": 365}]},
                                       {"action": [{"type": "SetStorageClass"}], "condition": [{"age": 30}]}],
                    "labels": {"flowaudit-store": "archive"}}},
        {"address": "google_storage_bucket_iam_member.everyone", "mode": "managed", "type": "google_storage_bucket_iam_member", "name": "everyone",
         "values": {"bucket": "archive", "member": "allUsers", "role": "roles/storage.objectViewer"}},
        {"address": "google_bigquery_dataset.events", "mode": "managed", "type": "google_bigquery_dataset", "name": "events",
         "values": {"dataset_id": "events", "location": "europe-north2", "default_table_expiration_ms": 2592000000,
                    "access": [{"role": "READER", "special_group": "allAuthenticatedUsers"}]}},
        {"address": "google_sql_database_instance.main", "mode": "managed", "type": "google_sql_database_instance", "name": "main",
         "values": {"region": "us-central1", "settings": [{"ip_configuration": [{"ipv4_enabled": true,
                    "authorized_networks": [{"value": "0.0.0.0/0"}]}]}]}},
        {"address": "google_storage_bucket.somewhere", "mode": "managed", "type": "google_storage_bucket", "name": "somewhere",
         "values": {"name": "somewhere", "location": "MARS-CENTRAL1"}}
      ]}}
    }
    """#

    @Test func azureAndGoogleTypes() throws {
        let plan = try Self.read(Self.azureAndGoogle)
        let recordings = try Self.resource(plan, "azurerm_storage_account.recordings")
        #expect(recordings.countries == ["NL"] && recordings.encryption == .providerManaged && recordings.access == .public)
        let closed = try Self.resource(plan, "azurerm_storage_account.closed")
        #expect(closed.countries == ["SE"] && closed.encryption == .customerManaged && closed.access == .internal)
        #expect(try Self.resource(plan, "azurerm_cosmosdb_account.db").countries == ["IE", "US"])
        let archive = try Self.resource(plan, "google_storage_bucket.archive")
        #expect(archive.countries == ["BE", "DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"], "a multi-region is every country it may use")
        #expect(archive.encryption == .customerManaged && archive.access == .public && archive.retention == Retention("P365D"))
        #expect(archive.taggedStore == "archive")
        let events = try Self.resource(plan, "google_bigquery_dataset.events")
        #expect(events.countries == ["SE"] && events.access == .public && events.retention == Retention("P30D"))
        let sql = try Self.resource(plan, "google_sql_database_instance.main")
        #expect(sql.countries == ["US"] && sql.access == .public && sql.encryption == .providerManaged)
        let unmapped = try Self.resource(plan, "google_storage_bucket.somewhere")
        #expect(unmapped.countries == nil && unmapped.region == "MARS-CENTRAL1" && unmapped.unknown == ["region"])
    }

    /// The remaining types: an Aurora cluster, EFS, an Elasticsearch domain open by policy, and an
    /// Azure SQL server whose transparent data encryption uses a Key Vault key.
    @Test func moreTypes() throws {
        let plan = try Self.read(#"""
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
          {"address": "aws_rds_cluster.aurora", "mode": "managed", "type": "aws_rds_cluster", "name": "aurora",
           "values": {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:1:key/k"}},
          {"address": "aws_efs_file_system.shared", "mode": "managed", "type": "aws_efs_file_system", "name": "shared",
           "values": {"availability_zone_name": "eu-west-3b", "encrypted": true}},
          {"address": "aws_elasticsearch_domain.logs", "mode": "managed", "type": "aws_elasticsearch_domain", "name": "logs",
           "values": {"encrypt_at_rest": [{"enabled": false}],
                      "access_policies": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"es:*\"}]}"}},
          {"address": "azurerm_mssql_server.sql", "mode": "managed", "type": "azurerm_mssql_server", "name": "sql",
           "values": {"location": "norwayeast", "public_network_access_enabled": false}},
          {"address": "azurerm_mssql_server_transparent_data_encryption.sql", "mode": "managed",
           "type": "azurerm_mssql_server_transparent_data_encryption", "name": "sql", "values": {"key_vault_key_id": "https://vault/keys/tde"}}
        ]}},
        "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
          "root_module": {"resources": [
            {"address": "azurerm_mssql_server_transparent_data_encryption.sql",
             "expressions": {"server_id": {"references": ["azurerm_mssql_server.sql.id", "azurerm_mssql_server.sql"]}}}]}}}
        """#)
        let aurora = try Self.resource(plan, "aws_rds_cluster.aurora")
        #expect(aurora.countries == ["IE"] && aurora.encryption == .customerManaged && aurora.access == .internal)
        let shared = try Self.resource(plan, "aws_efs_file_system.shared")
        #expect(shared.countries == ["FR"] && shared.encryption == .providerManaged)
        let logs = try Self.resource(plan, "aws_elasticsearch_domain.logs")
        #expect(logs.encryption == EncryptionAtRest.none && logs.access == .public)
        let sql = try Self.resource(plan, "azurerm_mssql_server.sql")
        #expect(sql.countries == ["NO"] && sql.encryption == .customerManaged && sql.access == .internal)
    }

    @Test func aStateIsReadFromItsValues() throws {
        let state = #"{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "b", "region": "eu-north-1"}}]}}}"#
        let plan = try Self.read(state)
        #expect(plan.isState && plan.resources.first?.countries == ["SE"] && plan.resources.first?.pointer == "/values/root_module/resources/0")
    }

    /// A region nobody states is unknown, not the provider's default.
    @Test func anUnstatedRegionIsUnknown() throws {
        let plan = try Self.read(#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}}]}}, "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}}}}}"#)
        let bucket = try #require(plan.resources.first)
        #expect(bucket.countries == nil && bucket.region == nil && bucket.unknown == ["region"])
    }

    @Test func badPlansAreRefusedWithWhatIsWrong() {
        #expect(Self.errors(Array(#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"#.utf8)).first?
            .hasPrefix("plan.json:1:") == true)
        #expect(Self.errors(Array(#"{"format_version": "2.0", "planned_values": {}}"#.utf8))
            == ["plan.json: error: format_version 2.0 is not supported: flowaudit reads versions 0.x and 1.x"])
        #expect(Self.errors(Array("[1, 2]".utf8)) == ["plan.json: error: is not a Terraform plan or state: the JSON is not an object"])
        #expect(Self.errors(Array(#"{"planned_values": {}}"#.utf8)).first?.contains("it has no format_version") == true)
        #expect(Self.errors(Array(#"{"format_version": "1.2"}"#.utf8)).first?.contains("neither planned_values nor values") == true)
        let utf16: [UInt8] = Array(#"{"format_version": "1.2"}"#.utf16).flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(Self.errors(utf16).first?.contains("is UTF-16 without a byte order mark") == true)
        #expect(Self.errors(Array("not json at all".utf8)).first?.contains("is not JSON") == true)
    }

    /// PowerShell writes UTF-16 with a byte order mark: read as the same plan.
    @Test func utf16WithAByteOrderMarkIsRead() throws {
        let units: [UInt8] = Array(Self.terragoat.utf16).flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let bytes: [UInt8] = [0xFF, 0xFE] + units
        let plan = try TerraformPlanReader.read(bytes: bytes, file: "plan.json", regions: Fixtures.catalogue.regions)
        #expect(plan == (try Self.read(Self.terragoat)))
    }

    @Test func everyCatalogueCountryIsKnownAndKeyRegionsAreRight() {
        let regions = Fixtures.catalogue.regions
        // Ad-hoc tables in public code get these wrong.
        #expect(regions.countries(provider: "aws", region: "eu-west-1") == ["IE"])
        #expect(regions.countries(provider: "aws", region: "me-central-1") == ["AE"])
        #expect(regions.countries(provider: "gcp", region: "europe-north1") == ["FI"])
        #expect(regions.countries(provider: "azure", region: "West Europe") == ["NL"])
        #expect(regions.countries(provider: "gcp", region: "eu") == ["BE", "FI", "DE", "NL", "PL", "IT", "ES", "FR", "SE"])
        #expect(regions.countries(provider: "aws", region: "us-iso-east-1") == nil)
    }
}
