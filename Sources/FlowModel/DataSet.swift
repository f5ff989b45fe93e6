/// What is processed, about whom, and whose it is.
public struct DataSet: Sendable {
    public var id: String
    public var name: String?
    public var controller: String
    public var categories: [String]
    public var subjects: [String]
    public var records: Int?
    public var dpia: String?
    public var origin: EntityOrigin
}
