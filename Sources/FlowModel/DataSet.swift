public import FlowYAML

/// What is processed, about whom, and whose it is.
public struct DataSet: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var controller: String
    public var categories: [String]
    public var subjects: [String]
    public var records: Int?
    public var dpia: String?
    /// The people it is about are vulnerable (children, patients, employees, asylum seekers ...): a WP248 criterion.
    public var vulnerable: Bool?
    /// Where `categories` is written (the entity's span when it is not): the graph reports an
    /// error there after loading, when a large model's nodes are gone.
    public var categoriesSpan: SourceSpan
    public var origin: EntityOrigin
}

extension DataSet: ModelEntity {
    package static let kind = EntityKind.data
    package static let fields = FieldTable<Self>("data set", doc: "What is processed, about whom, and whose it is", in: { $0.data }, [
        .text("name", \.name, doc: "Name"),
        .text("controller", \.controller, .reference([.organization]), doc: "The organization deciding purposes and means"),
        .list("categories", \.categories, of: .category, required: true, valueSpan: \DataSet.categoriesSpan,
              doc: "Data categories (`special.health`); a rule on a key matches every key below it"),
        .list("subjects", \.subjects, doc: "Data subjects (`children`, `patients` and `employees` are known to rules)"),
        .count("records", \.records, doc: "Approximate number of records"),
        .text("dpia", \.dpia, doc: "Reference to the data protection impact assessment, if done"),
        .flag("vulnerable", \.vulnerable, doc: "The people it is about are vulnerable: children, patients, employees (WP248 criterion 7)"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, name: nil, controller: "", categories: [], subjects: [], records: nil, dpia: nil, vulnerable: nil,
                  categoriesSpan: origin.span, origin: origin)
    }

    package static func add(_ dataSet: consuming Self, to part: inout ModelPart) {
        part.definitions.append(EntityRef(kind: kind, index: part.data.count))
        part.data.append(dataSet)
    }
}
