public import FlowYAML

/// What a Terraform plan (or state) says about one resource that holds data at rest. A fact the
/// plan leaves unknown, or a region the catalogue does not list, is nil and named in `unknown`:
/// never a default.
public struct DeployedResource: Sendable, Equatable {
    /// `module.audio.aws_s3_bucket.recordings[0]`.
    public var address: String
    public var type: String
    /// `aws`, `azure` or `gcp`.
    public var provider: String
    /// The region or location as the plan gives it.
    public var region: String?
    /// Where the data rests; several countries for a multi-region location.
    public var countries: [String]?
    public var encryption: EncryptionAtRest?
    public var access: StoreAccess?
    /// How long data is kept before it expires: a duration, `unlimited` when nothing expires it.
    public var retention: Retention?
    /// Facts the plan leaves open (`region`, `encryption_at_rest`, `access`, `retention`).
    public var unknown: [String]
    /// Tags (AWS, Azure) or labels (GCP).
    public var tags: [String: String]
    /// Where the resource is in the plan: the file and a JSON Pointer (RFC 6901).
    public var file: String
    public var pointer: String

    /// The store the resource names in its `flowaudit-store` tag or label.
    public var taggedStore: String? { tags[Self.storeTag] }

    public static let storeTag = "flowaudit-store"

    /// `address` without instance keys (`aws_s3_bucket.logs[0]` is `aws_s3_bucket.logs`):
    /// what `deployed_as` names with `[*]`.
    public var baseAddress: String { Self.withoutIndexes(address) }

    static func withoutIndexes(_ address: String) -> String {
        var result = ""
        var depth = 0
        var quoted = false
        for character in address {
            switch character {
            case "\"" where depth > 0: quoted.toggle()
            case "[" where !quoted: depth += 1
            case "]" where !quoted: depth -= 1
            default: if depth == 0 { result.append(character) }
            }
        }
        return result
    }
}

/// The data-holding resources of one plan, sorted by address.
public struct DeployedPlan: Sendable, Equatable {
    public var file: String
    public var resources: [DeployedResource]
    /// Whether the file is a plan (`terraform show -json plan.out`) or a state.
    public var isState: Bool

    public init(file: String, resources: [DeployedResource], isState: Bool) {
        self.file = file
        self.resources = resources
        self.isState = isState
    }
}
