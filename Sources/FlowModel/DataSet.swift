public import FlowYAML

/// What is processed, about whom, and whose it is.
public struct DataSet: Sendable {
    public var id: String
    public var name: String?
    public var controller: String
    public var categories: [String]
    public var subjects: [String]
    public var records: Int?
    public var dpia: String?
    /// Where `categories` is written (the entity's span when it is not): the graph reports an
    /// error there after loading, when a large model's nodes are gone.
    public var categoriesSpan: SourceSpan
    public var origin: EntityOrigin
}
