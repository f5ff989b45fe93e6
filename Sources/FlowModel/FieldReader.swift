import FlowYAML

/// One map being read into a typed value by its field table (see `FieldReadState`, which holds
/// the reading itself). The node path's reader; the event path keeps its entity and state apart.
struct FieldReader<Value: TableDecodable> {
    private(set) var value: Value
    private(set) var state: FieldReadState
    private let table: FieldTable<Value>

    init(_ value: Value, table: FieldTable<Value> = Value.fields) {
        self.value = value
        self.table = table
        state = FieldReadState(table.erased)
    }

    var field: FieldSpec<Value> { table.fields[state.current] }
    var written: FieldMask { state.written }

    mutating func key(_ name: UnsafeBufferPointer<UInt8>) -> FieldReadState.Key {
        state.key(name)
    }

    mutating func scalar(_ scalar: YAMLScalar) -> FieldReadState.Outcome {
        withUnsafeMutablePointer(to: &value) { state.scalar(scalar, into: $0) }
    }

    mutating func beginList() -> Bool {
        state.beginList()
    }

    mutating func map() {
        state.map()
    }

    mutating func item(_ scalar: YAMLScalar, span: () -> SourceSpan) -> Bool {
        let state = state
        return withUnsafeMutablePointer(to: &value) { state.item(scalar, into: $0, span: span) }
    }

    mutating func endList(span: @autoclosure () -> SourceSpan) {
        let state = state
        withUnsafeMutablePointer(to: &value) { state.endList(into: $0, span: span()) }
    }

    /// An `.object` field's value, read by its own table (node path only).
    mutating func readNode(_ node: YAMLNode, decoder: inout NodeDecoder) {
        guard let readNode = table.fields[state.current].readNode else { return }
        readNode(&value, node, &decoder)
        if !node.isNull { state.map() }
    }

    func problems(context: @autoclosure () -> String) -> [FieldProblem] {
        withUnsafePointer(to: value) { state.problems(of: $0, context: context()) }
    }
}
