/// Writes a synthetic `terraform show -json` plan for benchmarks: N data-holding resources of
/// the types flowaudit reads, a third in modules, S3 buckets with their encryption and public
/// access blocks linked by references, regions from the root provider. Deterministic per seed.
public struct PlanGenerator: Sendable {
    public let resources: Int
    public let seed: UInt64

    public init(resources: Int, seed: UInt64 = 2019) {
        self.resources = max(resources, 1)
        self.seed = seed
    }

    public func text() -> String {
        var random = SplitMix64(seed: seed)
        let regions = ["eu-north-1", "eu-central-1", "eu-west-1", "us-east-1", "ap-southeast-7"]
        var root: [String] = []
        var modules: [String: [String]] = [:]
        var configuration: [String: [String]] = [:]
        var count = 0
        var index = 0
        while count < resources {
            let module = index % 3 == 0 ? "store\(index % 50)" : nil
            let prefix = module.map { "module.\($0)." } ?? ""
            var items: [String] = []
            var configured: [String] = []
            switch index % 4 {
            case 0:
                let name = "bucket\(index)"
                items.append(#"{"address": "\#(prefix)aws_s3_bucket.\#(name)", "mode": "managed", "type": "aws_s3_bucket", "name": "\#(name)", "values": {"bucket": "b-\#(index)", "region": "\#(random.pick(regions))", "tags": {"team": "t\#(index % 7)"}}}"#)
                items.append(#"{"address": "\#(prefix)aws_s3_bucket_server_side_encryption_configuration.\#(name)", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "\#(name)", "values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:eu-north-1:1:key/\#(index)"}]}]}}"#)
                items.append(#"{"address": "\#(prefix)aws_s3_bucket_public_access_block.\#(name)", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "\#(name)", "values": {"bucket": "b-\#(index)", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}"#)
                configured.append(#"{"address": "aws_s3_bucket_server_side_encryption_configuration.\#(name)", "provider_config_key": "aws", "expressions": {"bucket": {"references": ["aws_s3_bucket.\#(name).id", "aws_s3_bucket.\#(name)"]}}}"#)
            case 1:
                items.append(#"{"address": "\#(prefix)aws_db_instance.db\#(index)", "mode": "managed", "type": "aws_db_instance", "name": "db\#(index)", "values": {"storage_encrypted": \#(random.chance(0.95)), "publicly_accessible": \#(random.chance(0.01))}}"#)
            case 2:
                items.append(#"{"address": "\#(prefix)google_storage_bucket.gcs\#(index)", "mode": "managed", "type": "google_storage_bucket", "name": "gcs\#(index)", "values": {"name": "g-\#(index)", "location": "\#(random.chance(0.7) ? "EU" : "US")", "lifecycle_rule": [{"action": [{"type": "Delete"}], "condition": [{"age": \#(30 + random.below(3000))}]}]}}"#)
            default:
                items.append(#"{"address": "\#(prefix)azurerm_storage_account.sa\#(index)", "mode": "managed", "type": "azurerm_storage_account", "name": "sa\#(index)", "values": {"name": "sa\#(index)", "location": "\#(random.chance(0.8) ? "swedencentral" : "eastus")"}}"#)
            }
            count += 1
            index += 1
            if let module {
                modules[module, default: []] += items
                configuration[module, default: []] += configured
            } else {
                root += items
                configuration["", default: []] += configured
            }
        }
        let children = modules.keys.sorted().map { name in
            #"{"address": "module.\#(name)", "resources": [\#(modules[name, default: []].joined(separator: ",\n"))]}"#
        }
        let calls = modules.keys.sorted().map { name in
            #""\#(name)": {"source": "./modules/store", "module": {"resources": [\#(configuration[name, default: []].joined(separator: ","))]}}"#
        }
        return """
        {"format_version": "1.2", "terraform_version": "1.10.5",
         "planned_values": {"root_module": {"resources": [\(root.joined(separator: ",\n"))],
           "child_modules": [\(children.joined(separator: ",\n"))]}},
         "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-north-1"}}}},
           "root_module": {"resources": [\(configuration["", default: []].joined(separator: ","))], "module_calls": {\(calls.joined(separator: ",\n"))}}}}

        """
    }
}
