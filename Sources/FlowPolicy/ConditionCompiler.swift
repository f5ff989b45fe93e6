import FlowGraph
import FlowModel
import FlowYAML

/// Compiles `when:` conditions to `Condition` trees, checking every fact name, operator and
/// literal against the subject kind, and reporting problems with their place in the policy file.
struct ConditionCompiler {
    var decoder = NodeDecoder()
    /// Category ancestors of each `covers` predicate; bound to bits per graph at evaluation.
    private(set) var coverSlots: [[String]] = []
    let parameters: [String: FactValue]
    let categories: CategoryCatalogue
    /// Kinds a node condition is compiled for at once (`reaches: to:`): a fact missing from one
    /// of them reads as absent there instead of being an error.
    private var lenientKinds: [SubjectKind] = []

    static let predicateOperators = [
        "equals", "in", "present", "absent", "greater_than", "less_than", "at_least", "at_most",
        "contains", "matches", "covers",
    ]
    static let combinators = ["all", "any", "not", "some", "every", "none", "reaches"]
    static let nodeKinds: [SubjectKind] = [.organization, .system, .store]
    /// Deepest `reaches` search a rule may ask for; keeps one evaluation bounded.
    static let maxReachHops = 64

    init(parameters: [String: FactValue], categories: CategoryCatalogue) {
        self.parameters = parameters
        self.categories = categories
    }

    mutating func compile(_ node: YAMLNode, kind: SubjectKind) -> Condition {
        guard decoder.expect(.mapping, node, what: "a condition") else { return .constant(false) }
        let keys = node.entries.map(\.name)
        if let combinator = keys.first(where: Self.combinators.contains) {
            if keys.count > 1 {
                decoder.report("'\(combinator)' must stand alone in its condition; wrap several in 'all' or 'any'", at: node.span)
                return .constant(false)
            }
            return compileCombinator(combinator, node[combinator] ?? node, kind: kind)
        }
        return compilePredicate(node, kind: kind)
    }

    private mutating func compileCombinator(_ name: String, _ value: YAMLNode, kind: SubjectKind) -> Condition {
        switch name {
        case "all", "any":
            guard decoder.expect(.sequence, value, what: "'\(name)'") else { return .constant(false) }
            let parts = value.items.map { compile($0, kind: kind) }
            return name == "all" ? .all(parts) : .any(parts)
        case "not":
            return .not(compile(value, kind: kind))
        case "reaches":
            return compileReach(value, kind: kind)
        default:
            return compileQuantifier(Quantifier(rawValue: name) ?? .some, value, kind: kind)
        }
    }

    private mutating func compileQuantifier(_ quantifier: Quantifier, _ node: YAMLNode, kind: SubjectKind) -> Condition {
        guard let fields = decoder.fields(of: node, allowed: ["in", "where"], required: ["in", "where"], context: "'\(quantifier.rawValue)'"),
              let path = decoder.string(fields["in"], field: "in"), let whereNode = fields["where"],
              let accessor = resolve(path, kind: kind, at: fields["in"]?.span ?? node.span)
        else { return .constant(false) }
        guard case .refs(let itemKind) = accessor.type else {
            decoder.report("'\(path)' is \(accessor.type), not a list of references to quantify over", at: fields["in"]?.span ?? node.span)
            return .constant(false)
        }
        let saved = lenientKinds
        lenientKinds = []
        defer { lenientKinds = saved }
        return .quantified(quantifier, accessor, compile(whereNode, kind: itemKind))
    }

    private mutating func compileReach(_ node: YAMLNode, kind: SubjectKind) -> Condition {
        guard Self.nodeKinds.contains(kind) || kind == .flow else {
            decoder.report("'reaches' starts from an organization, system, store or flow, not a \(kind.rawValue)", at: node.span)
            return .constant(false)
        }
        guard let fields = decoder.fields(
            of: node, allowed: ["direction", "along", "through", "to", "max_hops"], required: ["to"], context: "'reaches'")
        else { return .constant(false) }
        var direction = Reach.Direction.downstream
        if let text = decoder.string(fields["direction"], field: "direction") {
            if let parsed = Reach.Direction(rawValue: text) {
                direction = parsed
            } else {
                decoder.report("invalid direction '\(text)'; expected downstream or upstream", at: fields["direction"]?.span ?? node.span)
            }
        }
        let maxHops = decoder.integer(fields["max_hops"], field: "max_hops") ?? 10
        if maxHops < 1 || maxHops > Self.maxReachHops {
            decoder.report("'max_hops' must be between 1 and \(Self.maxReachHops)", at: fields["max_hops"]?.span ?? node.span)
        }
        let along = fields["along"].map { compileIsolated($0, kind: .flow) }
        let through = fields["through"].map { compileForNodes($0) }
        let target = fields["to"].map { compileForNodes($0) } ?? [:]
        return .reaches(Reach(direction: direction, along: along, through: through, target: target,
                              maxHops: min(max(maxHops, 1), Self.maxReachHops), startKind: kind))
    }

    private mutating func compileIsolated(_ node: YAMLNode, kind: SubjectKind) -> Condition {
        let saved = lenientKinds
        lenientKinds = []
        defer { lenientKinds = saved }
        return compile(node, kind: kind)
    }

    /// One condition for every node kind; reports unknown facts once, not once per kind.
    private mutating func compileForNodes(_ node: YAMLNode) -> [SubjectKind: Condition] {
        let saved = lenientKinds
        lenientKinds = Self.nodeKinds
        defer { lenientKinds = saved }
        var result: [SubjectKind: Condition] = [:]
        for kind in Self.nodeKinds {
            let before = decoder.diagnostics.count
            result[kind] = compile(node, kind: kind)
            if kind != Self.nodeKinds.first, decoder.diagnostics.count > before {
                // The same mistakes were already reported for the first kind.
                decoder = NodeDecoder(replacing: decoder, keeping: before)
            }
        }
        return result
    }

    // MARK: Predicates

    private mutating func compilePredicate(_ node: YAMLNode, kind: SubjectKind) -> Condition {
        let allowed = ["fact"] + Self.predicateOperators
        guard let fields = decoder.fields(of: node, allowed: allowed + Self.combinators, required: ["fact"], context: "a condition")
        else { return .constant(false) }
        let operators = Self.predicateOperators.filter { fields.has($0) }
        guard let path = decoder.string(fields["fact"], field: "fact") else { return .constant(false) }
        guard operators.count == 1, let operatorName = operators.first, let operand = fields[operatorName] else {
            decoder.report(
                "a condition on '\(path)' needs exactly one operator (\(Self.predicateOperators.joined(separator: ", ")))",
                at: node.span)
            return .constant(false)
        }
        guard let accessor = resolve(path, kind: kind, at: fields["fact"]?.span ?? node.span) else { return .constant(false) }
        switch operatorName {
        case "present", "absent":
            guard let flag = decoder.bool(operand, field: operatorName) else { return .constant(false) }
            return .present(accessor, operatorName == "present" ? flag : !flag)
        case "equals":
            return .compare(accessor, .equals, self.operand(operand, for: accessor, kind: kind))
        case "greater_than", "less_than", "at_least", "at_most":
            guard accessor.type == .number || accessor.type == .date else {
                decoder.report("'\(operatorName)' compares numbers or dates, but '\(path)' is \(accessor.type)", at: operand.span)
                return .constant(false)
            }
            return .compare(accessor, Comparison(rawValue: operatorName) ?? .equals, self.operand(operand, for: accessor, kind: kind))
        case "in":
            guard decoder.expect(.sequence, operand, what: "'in'") else { return .constant(false) }
            return .oneOf(accessor, operand.items.map { self.operand($0, for: accessor, kind: kind) })
        case "contains":
            switch accessor.type {
            case .strings, .string, .refs:
                return .contains(accessor, .literal(literal(operand, as: .string, field: "contains")))
            default:
                decoder.report("'contains' needs a list or text, but '\(path)' is \(accessor.type)", at: operand.span)
                return .constant(false)
            }
        case "matches":
            guard let source = decoder.string(operand, field: "matches") else { return .constant(false) }
            do {
                return .matches(accessor, try Pattern(source))
            } catch {
                decoder.report("invalid regular expression '\(source)'", at: operand.span)
                return .constant(false)
            }
        default: // covers
            guard accessor.type == .categories else {
                decoder.report("'covers' matches data categories, but '\(path)' is \(accessor.type)", at: operand.span)
                return .constant(false)
            }
            let keys = operand.kind == .sequence ? decoder.strings(operand, field: "covers")
                : [decoder.string(operand, field: "covers") ?? ""]
            for key in keys where !categories.isValid(key) {
                decoder.report("unknown data category '\(key)'\(DidYouMean.hint(key, from: categories.descriptions.keys))", at: operand.span)
            }
            coverSlots.append(keys)
            return .covers(accessor, slot: coverSlots.count - 1)
        }
    }

    /// A literal typed by the fact, `{param: name}` or `{fact: path}`.
    private mutating func operand(_ node: YAMLNode, for accessor: Accessor, kind: SubjectKind) -> Operand {
        if node.kind == .mapping {
            guard let fields = decoder.fields(of: node, allowed: ["param", "fact"], context: "an operand") else { return .literal(.absent) }
            if let name = decoder.string(fields["param"], field: "param") {
                guard let value = parameters[name] else {
                    decoder.report("unknown parameter '\(name)'\(DidYouMean.hint(name, from: parameters.keys)); declare it under 'parameters'", at: node.span)
                    return .literal(.absent)
                }
                if !Self.fits(value, accessor.type) {
                    decoder.report("parameter '\(name)' does not have the type of '\(accessor.path)' (\(accessor.type))", at: node.span)
                }
                return .parameter(name)
            }
            if let path = decoder.string(fields["fact"], field: "fact"), let other = resolve(path, kind: kind, at: node.span) {
                if other.type != accessor.type {
                    decoder.report("'\(path)' is \(other.type), but '\(accessor.path)' is \(accessor.type)", at: node.span)
                }
                return .fact(other)
            }
            decoder.report("an operand map needs 'param' or 'fact'", at: node.span)
            return .literal(.absent)
        }
        return .literal(literal(node, as: accessor.type, field: accessor.path))
    }

    private mutating func literal(_ node: YAMLNode, as type: FactType, field: String) -> FactValue {
        switch type {
        case .bool:
            return decoder.bool(node, field: field).map(FactValue.bool) ?? .absent
        case .number:
            guard let text = decoder.string(node, field: field) else { return .absent }
            if let number = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(number) }
            decoder.report("'\(text)' is not a number, as '\(field)' needs", at: node.span)
            return .absent
        case .date:
            return decoder.date(node, field: field).map(FactValue.date) ?? .absent
        default:
            return decoder.string(node, field: field).map(FactValue.string) ?? .absent
        }
    }

    private static func fits(_ value: FactValue, _ type: FactType) -> Bool {
        switch (value, type) {
        case (.number, .number), (.date, .date), (.bool, .bool), (.string, .string), (.string, .ref), (.string, .strings): true
        default: false
        }
    }

    // MARK: Fact paths

    /// `operator.country`: each step but the last must be a single reference.
    mutating func resolve(_ path: String, kind: SubjectKind, at span: SourceSpan) -> Accessor? {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var currentKind = kind
        var getter: FactGetter?
        var type = FactType.bool
        for (position, segment) in segments.enumerated() {
            let table = FactTable.facts(for: currentKind)
            if position == segments.count - 1, position > 0, segment == Self.countSegment, table[segment] == nil,
               let previous = getter, type.isList {
                // `uses.count`: how many items a list fact has.
                return Accessor(path: path, type: .number) { context, index in
                    switch previous(context, index) {
                    case .strings(let items): .number(Double(items.count))
                    case .refs(_, let items): .number(Double(items.count))
                    default: .number(0)
                    }
                }
            }
            guard let definition = table[segment] else {
                if position == 0, let borrowed = lenientType(segment) {
                    return Accessor(path: path, type: borrowed) { _, _ in .absent }
                }
                decoder.report(
                    "unknown fact '\(segment)' for \(currentKind.rawValue)\(DidYouMean.hint(segment, from: table.keys)) (facts: \(table.keys.sorted().joined(separator: ", ")))",
                    at: span)
                return nil
            }
            if let previous = getter {
                let next = definition.get
                getter = { context, index in
                    guard case .ref(_, let target) = previous(context, index) else { return .absent }
                    return next(context, target)
                }
            } else {
                getter = definition.get
            }
            type = definition.type
            if position < segments.count - 1, !(position == segments.count - 2 && segments[position + 1] == Self.countSegment && type.isList) {
                guard case .ref(let next) = definition.type else {
                    decoder.report("'\(segment)' is \(definition.type); only a single reference can be followed with '.'", at: span)
                    return nil
                }
                currentKind = next
            }
        }
        guard let getter else { return nil }
        return Accessor(path: path, type: type, get: getter)
    }

    /// The last step of a path that counts a list fact's items.
    static let countSegment = "count"

    private func lenientType(_ name: String) -> FactType? {
        lenientKinds.lazy.compactMap { FactTable.facts(for: $0)[name]?.type }.first
    }
}

extension NodeDecoder {
    /// A decoder with only the first `count` diagnostics of another.
    init(replacing other: NodeDecoder, keeping count: Int) {
        self.init()
        append(contentsOf: Array(other.diagnostics.prefix(count)))
    }
}
