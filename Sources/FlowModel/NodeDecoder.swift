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
        let names = KeyNames(allowed)
        return fields(
            of: node, allowed: names, required: required.compactMap { names.position(of: $0) }, context: context(),
            requiredAt: requiredAt)
    }

    /// As above, with the names laid out once (an entity kind's fields) and required fields by
    /// their position among them.
    public mutating func fields(
        of node: YAMLNode, allowed: KeyNames, required: [Int], context: @autoclosure () -> String,
        requiredAt: SourceSpan? = nil
    ) -> Fields? {
        guard expect(.mapping, node, what: context()) else { return nil }
        var slots = Fields.Slots(repeating: -1)
        var expected = 0
        for index in 0..<node.count {
            if let position = node.keyPosition(entry: index, in: allowed, expected: expected) {
                if position < slots.count { slots[position] = Int32(index) }
                expected = position + 1
                continue
            }
            let entry = node.entries[index]
            let name = entry.name
            let hint = DidYouMean.suggest(name, from: allowed.names).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.names.joined(separator: ", "))"
            report("unknown field '\(name)' in \(context())\(hint)", at: entry.key.span)
        }
        let fields = Fields(node: node, allowed: allowed, slots: slots)
        for position in required where fields[position]?.isNull ?? true {
            report("\(context()) is missing required field '\(allowed.names[position])'", at: requiredAt ?? node.span)
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
        guard expect(.scalar, node, what: "'\(field)'") else { return nil }
        if node.isPlainScalar || node.tag == .boolean {
            if node.scalarIs("true") { return true }
            if node.scalarIs("false") { return false }
        }
        let text = node.scalar ?? ""
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
        guard expect(.scalar, node, what: "'\(field)'") else { return nil }
        // Bytes and lengths, laid out once: `init(rawValue:)` compared the text with every case in
        // full, and a vocabulary of long names (Art. 9 conditions) cost a thousand instructions a value.
        if let position = node.scalarPosition(in: Value.valueNames) { return Value.values[position] }
        let allowed = Value.values.map(\.rawValue)
        let text = node.scalar ?? ""
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

/// A mapping's fields, found in one pass over its keys: a lookup is then a position among the
/// allowed names (short `String`s compare as two words), with nothing allocated for each of
/// hundreds of thousands of entities.
public struct Fields: Sendable {
    /// Entry index of each allowed field, by its position among the allowed names; -1 when absent.
    typealias Slots = InlineArray<16, Int32>

    let node: YAMLNode
    let allowed: KeyNames
    let slots: Slots

    public subscript(name: String) -> YAMLNode? {
        allowed.position(of: name).flatMap { self[$0] }
    }

    /// The field at `position` among the allowed names.
    public subscript(position: Int) -> YAMLNode? {
        guard position >= 0, position < allowed.count else { return nil }
        guard position < slots.count else { return node[allowed.names[position]] } // past the slots: read the map
        let entry = slots[position]
        return entry < 0 ? nil : node.value(ofEntry: Int(entry))
    }

    /// The field `field`, a position among the allowed names.
    public subscript<Field: RawRepresentable<Int>>(field: Field) -> YAMLNode? {
        self[field.rawValue]
    }

    /// True when the field is written, even as `null`.
    public func has(_ name: String) -> Bool { self[name] != nil }

    /// Names of the fields written whose positions among the allowed names are not in
    /// `positions`, in the order of the allowed names. Checked for every agreement (against its
    /// type's fields): no `String` is built unless a field is out of place.
    public func names(outside positions: [Int]) -> [String] {
        allowed.names.indices.filter { !positions.contains($0) && isWritten($0) }.map { allowed.names[$0] }
    }

    /// True when the field at `position` among the allowed names is written, even as `null`.
    public func isWritten(_ position: Int) -> Bool {
        position < slots.count ? position >= 0 && slots[position] >= 0 : self[position] != nil
    }

    /// Field names as written (unknown ones, already reported, left out).
    public var names: [String] {
        (0..<node.count).filter { node.keyPosition(entry: $0, in: allowed) != nil }.map { node.entries[$0].name }
    }
}
