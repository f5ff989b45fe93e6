public import FlowYAML

/// Reads typed values out of YAML nodes and collects a diagnostic for every problem instead of
/// stopping at the first, so a user sees all their mistakes in one run.
public struct NodeDecoder: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ message: String, at span: SourceSpan) {
        diagnostics.append(Diagnostic(message, at: span))
    }

    public mutating func append(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }

    /// The mapping's entries by name after checking every key against `allowed` (with did-you-mean)
    /// and that `required` ones are present. Nil, with a diagnostic, when the node is not a map.
    public mutating func fields(
        of node: YAMLNode, allowed: [String], required: [String] = [], context: @autoclosure () -> String,
        requiredAt: SourceSpan? = nil
    ) -> Fields? {
        guard expect(.mapping, node, what: context()) else { return nil }
        var values: [(name: String, node: YAMLNode)] = []
        values.reserveCapacity(node.count)
        for entry in node.entries {
            let name = entry.name
            if allowed.contains(where: { Fields.same($0, name) }) {
                values.append((name, entry.value))
            } else {
                let hint = DidYouMean.suggest(name, from: allowed).map { "; did you mean '\($0)'?" }
                    ?? "; expected one of: \(allowed.joined(separator: ", "))"
                report("unknown field '\(name)' in \(context())\(hint)", at: entry.key.span)
            }
        }
        let fields = Fields(entries: values)
        for name in required where fields[name] == nil || fields[name]?.isNull == true {
            report("\(context()) is missing required field '\(name)'", at: requiredAt ?? node.span)
        }
        return fields
    }

    /// True when the node has the expected kind; otherwise reports what was found.
    @discardableResult
    /// `what` is built only for the error: this runs for every value of a large model.
    public mutating func expect(_ kind: YAMLNodeKind, _ node: YAMLNode, what: @autoclosure () -> String) -> Bool {
        if node.kind == kind { return true }
        let found = node.isNull ? "nothing" : node.kind.noun
        report("\(what()) must be \(kind.noun), not \(found)", at: node.span)
        return false
    }

    /// A non-empty scalar.
    public mutating func string(_ node: YAMLNode?, field: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        return text
    }

    /// A list of scalars; absent or null is an empty list.
    public mutating func strings(_ node: YAMLNode?, field: String) -> [String] {
        guard let node, !node.isNull else { return [] }
        guard expect(.sequence, node, what: "'\(field)'") else { return [] }
        return node.items.compactMap { string($0, field: field) }
    }

    /// Only plain `true` and `false`: `yes`, `on` and quoted text are errors, never booleans.
    public mutating func bool(_ node: YAMLNode?, field: String) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        if node.isPlainScalar || node.tag == .boolean {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        report("invalid boolean '\(text)' for '\(field)'; write true or false", at: node.span)
        return nil
    }

    public mutating func integer(_ node: YAMLNode?, field: String) -> Int? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        if let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 { return value }
        report("invalid number '\(text)' for '\(field)'; expected a whole number", at: node.span)
        return nil
    }

    public mutating func date(_ node: YAMLNode?, field: String) -> CivilDate? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        if let date = CivilDate(text) { return date }
        report("invalid date '\(text)' for '\(field)'; expected YYYY-MM-DD", at: node.span)
        return nil
    }

    public mutating func vocabulary<Value: ModelVocabulary>(_ node: YAMLNode?, field: String, as type: Value.Type) -> Value? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        // Lengths first: `init(rawValue:)` compared the text with every case in full, and a
        // vocabulary of long names (Art. 9 conditions) cost a thousand instructions a value.
        if let value = Value.allCases.first(where: { Fields.same($0.rawValue, text) }) { return value }
        let allowed = Value.allCases.map(\.rawValue)
        report(
            "invalid value '\(text)' for '\(field)'\(DidYouMean.hint(text, from: allowed)) (allowed: \(allowed.joined(separator: ", ")))",
            at: node.span)
        return nil
    }

    public mutating func retention(_ node: YAMLNode?, field: String) -> Retention? {
        guard let text = string(node, field: field), let node else { return nil }
        if text == "unlimited" { return .unlimited }
        if let duration = ISODuration(text) { return .duration(duration) }
        report("invalid retention '\(text)'; expected an ISO 8601 duration such as P6Y or P18M, or 'unlimited'", at: node.span)
        return nil
    }
}

/// A mapping's entries by field name. Entities have a handful of fields, so a linear scan beats
/// hashing (and allocating a dictionary) for each of hundreds of thousands of entities.
public struct Fields: Sendable {
    let entries: [(name: String, node: YAMLNode)]

    public subscript(name: String) -> YAMLNode? {
        // By index: iterating the entries copied each (a retain of its name and node) to look at it.
        for index in entries.indices where Self.same(entries[index].name, name) {
            return entries[index].node
        }
        return nil
    }

    /// True when the field is written, even as `null`.
    public func has(_ name: String) -> Bool { entries.contains { Self.same($0.name, name) } }

    /// Field names mostly differ in length, which is cheaper to compare than the text.
    @inline(__always)
    static func same(_ left: String, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count && left == right
    }

    /// Field names as written.
    public var names: [String] { entries.map(\.name) }
}
