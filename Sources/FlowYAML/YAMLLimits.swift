/// Budgets that keep hostile or broken input from costing more than a clear error.
/// Each has its own test in `YAMLLimitsTests`.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read; big enough for a national-scale model (about 50 MB at N = 20,000).
    public var maxFileBytes: Int
    /// Deepest nesting of collections; real models nest under ten levels.
    public var maxDepth: Int
    /// Longest single scalar; names and descriptions are short, so a huge one is an error.
    public var maxScalarBytes: Int
    /// Nodes that aliases and merge keys may add in one file: stops billion-laughs documents.
    public var maxAliasExpansion: Int
    /// Longest line; checked before parsing, so a huge scalar costs a scan, not a libyaml pass.
    public var maxLineBytes: Int

    public static let defaultMaxFileBytes = 256 * 1024 * 1024
    public static let defaultMaxDepth = 128
    public static let defaultMaxScalarBytes = 1024 * 1024
    public static let defaultMaxAliasExpansion = 1_000_000
    public static let defaultMaxLineBytes = 1024 * 1024
    /// Fewest bytes per node a parse reserves arena room for (models run 10 to 12).
    static let bytesPerNodeEstimate = 8

    public static let `default` = YAMLLimits(
        maxFileBytes: defaultMaxFileBytes,
        maxDepth: defaultMaxDepth,
        maxScalarBytes: defaultMaxScalarBytes,
        maxAliasExpansion: defaultMaxAliasExpansion,
        maxLineBytes: defaultMaxLineBytes
    )

    public init(maxFileBytes: Int, maxDepth: Int, maxScalarBytes: Int, maxAliasExpansion: Int,
                maxLineBytes: Int = defaultMaxLineBytes) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxLineBytes = maxLineBytes
    }
}
