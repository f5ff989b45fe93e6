package import FlowYAML

extension NodeDecoder {
    /// Reads a map into `value` by its field table, reporting every problem: unknown fields
    /// (with did-you-mean), values not of their field's kind, required fields missing, fields of
    /// another variant and the value's own checks. The fields written; nil when the node is not
    /// a map. `requiredAt` is where a missing field is reported (default: the map).
    package mutating func read<Value: TableDecodable>(
        _ node: YAMLNode, into value: inout Value, context: String, requiredAt: SourceSpan? = nil
    ) -> FieldMask? {
        guard expect(.mapping, node, what: context) else { return nil }
        let table = Value.fields
        var reader = FieldReader(value, table: table)
        for entry in node.entries {
            let key = entry.key.withScalar { reader.key($0.bytes) } ?? .unknown
            if case .repeated = key {
                report("field '\(entry.name)' is written twice in \(context)", at: entry.key.span)
                continue
            }
            guard case .field = key else {
                let names = table.fields.map(\.name)
                let hint = DidYouMean.suggest(entry.name, from: names).map { "; did you mean '\($0)'?" }
                    ?? "; expected one of: \(names.joined(separator: ", "))"
                report("unknown field '\(entry.name)' in \(context)\(hint)", at: entry.key.span)
                continue
            }
            take(entry.value, into: &reader)
        }
        for problem in reader.problems(context: context) {
            report(problem.message, at: problem.field.flatMap { node[$0]?.span } ?? requiredAt ?? node.span)
        }
        value = reader.value
        return reader.written
    }

    /// A map read by its table into a value with nothing read yet; nil when it is not a map.
    package mutating func decode<Value: BlankDecodable>(_: Value.Type, _ node: YAMLNode, context: String) -> Value? {
        var value = Value()
        return read(node, into: &value, context: context) == nil ? nil : value
    }

    /// The value of the reader's current field.
    private mutating func take<Value>(_ node: YAMLNode, into reader: inout FieldReader<Value>) {
        let field = reader.field
        if field.readNode != nil {
            reader.readNode(node, decoder: &self)
            return
        }
        switch node.kind {
        case .scalar:
            switch node.withScalar({ reader.scalar($0) }) ?? .read {
            case .read: break
            case .invalid: report(field.kind.invalid(node.scalar ?? "", field: field.name), at: node.span)
            case .wrongShape: report("'\(field.name)' must be a list, not a scalar", at: node.span)
            }
        case .sequence where reader.beginList():
            for item in node.items {
                guard item.kind == .scalar else {
                    report("'\(field.name)' must be a scalar, not \(item.kind.noun)", at: item.span)
                    continue
                }
                if item.withScalar({ reader.item($0) { item.span } }) == false {
                    report(field.kind.invalid(item.scalar ?? "", field: field.name), at: item.span)
                }
            }
            reader.endList(span: node.span)
        case .sequence, .mapping:
            reader.map()
            report("'\(field.name)' must be \(field.kind.isList ? "a list" : "a scalar"), not \(node.kind.noun)", at: node.span)
        }
    }
}
