package import FlowYAML

/// Reads typed values out of YAML nodes and collects a diagnostic for every problem instead of
/// stopping at the first, so a user sees all their mistakes in one run.
package struct NodeDecoder: Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package mutating func report(_ message: String, at span: SourceSpan) {
        diagnostics.append(Diagnostic(message, at: span))
    }

    package mutating func append(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }

    /// The mapping's entries by name after checking every key against `allowed` (with did-you-mean)
    /// and that `required` ones are present. Nil, with a diagnostic, when the node is not a map.
    /// For the small files of policies and settings; a model's entities are read by their
    /// field tables (`read(_:into:context:requiredAt:)`).
    package mutating func fields(
        of node: YAMLNode, allowed: [String], required: [String] = [], context: @autoclosure () -> String,
        requiredAt: SourceSpan? = nil
    ) -> Fields? {
        guard expect(.mapping, node, what: context()) else { return nil }
        for entry in node.entries where !allowed.contains(entry.name) {
            let hint = DidYouMean.suggest(entry.name, from: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            report("unknown field '\(entry.name)' in \(context())\(hint)", at: entry.key.span)
        }
        for name in required where node[name]?.isNull ?? true {
            report("\(context()) is missing required field '\(name)'", at: requiredAt ?? node.span)
        }
        return Fields(node: node, allowed: allowed)
    }

    /// True when the node has the expected kind; otherwise reports what was found.
    @discardableResult
    /// `what` is built only for the error: this runs for every value of a large model.
    package mutating func expect(_ kind: YAMLNodeKind, _ node: YAMLNode, what: @autoclosure () -> String) -> Bool {
        if node.kind == kind { return true }
        let found = node.isNull ? "nothing" : node.kind.noun
        report("\(what()) must be \(kind.noun), not \(found)", at: node.span)
        return false
    }

    /// A non-empty scalar.
    package mutating func string(_ node: YAMLNode?, field: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        return text
    }

    /// A list of scalars; absent or null is an empty list.
    package mutating func strings(_ node: YAMLNode?, field: String) -> [String] {
        guard let node, !node.isNull else { return [] }
        guard expect(.sequence, node, what: "'\(field)'") else { return [] }
        return node.items.compactMap { string($0, field: field) }
    }

    /// Only plain `true` and `false`: `yes`, `on` and quoted text are errors, never booleans.
    package mutating func bool(_ node: YAMLNode?, field: String) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'") else { return nil }
        if let flag = node.withScalar({ $0.bool }) ?? nil { return flag }
        let text = node.scalar ?? ""
        report("invalid boolean '\(text)' for '\(field)'; write true or false", at: node.span)
        return nil
    }

    package mutating func integer(_ node: YAMLNode?, field: String) -> Int? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        if let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 { return value }
        report("invalid number '\(text)' for '\(field)'; expected a whole number", at: node.span)
        return nil
    }

    package mutating func date(_ node: YAMLNode?, field: String) -> CivilDate? {
        guard let node, !node.isNull else { return nil }
        guard expect(.scalar, node, what: "'\(field)'"), let text = node.scalar else { return nil }
        if let date = CivilDate(text) { return date }
        report("invalid date '\(text)' for '\(field)'; expected YYYY-MM-DD", at: node.span)
        return nil
    }
}

/// A mapping's fields, checked against the names a caller allows.
package struct Fields: Sendable {
    let node: YAMLNode
    let allowed: [String]

    package subscript(name: String) -> YAMLNode? {
        allowed.contains(name) ? node[name] : nil
    }

    /// True when the field is written, even as `null`.
    package func has(_ name: String) -> Bool { self[name] != nil }
}
