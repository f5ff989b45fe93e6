import FlowGraph
import FlowModel

/// A fact path resolved once, at compile time, to a getter.
struct Accessor: Sendable {
    let path: String
    let type: FactType
    let get: FactGetter
}

/// The right-hand side of a predicate.
enum Operand: Sendable {
    case literal(FactValue)
    case parameter(String)
    case fact(Accessor)

    /// The operand's value for one subject, as a closure (see `Condition.check`).
    var value: FactGetter {
        switch self {
        case .literal(let value): { _, _ in value }
        case .parameter(let name): { context, _ in context.parameters[name] ?? .absent }
        case .fact(let accessor): accessor.get
        }
    }
}

enum Comparison: String, Sendable {
    case equals
    case greaterThan = "greater_than"
    case lessThan = "less_than"
    case atLeast = "at_least"
    case atMost = "at_most"
}

enum Quantifier: String, Sendable {
    case some
    case every
    case none
}

/// A `reaches:` condition: is there a path over declared flows to a matching node?
struct Reach: Sendable {
    enum Direction: String, Sendable {
        case downstream
        case upstream
    }

    let direction: Direction
    /// Condition every flow on the path must meet.
    let along: Condition?
    /// Condition every node passed (not the start or the target) must meet, per node kind.
    let through: [SubjectKind: Condition]?
    /// Condition the target node must meet, per node kind.
    let target: [SubjectKind: Condition]
    let maxHops: Int
    /// The kind of subject the path starts from.
    let startKind: SubjectKind
}

/// A compiled condition, asked of one subject of its kind.
typealias Check = @Sendable (EvaluationContext, Int) -> Bool

/// A rule condition compiled against one subject kind. A match is a violation.
indirect enum Condition: Sendable {
    case constant(Bool)
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case compare(Accessor, Comparison, Operand)
    case oneOf(Accessor, [Operand])
    case present(Accessor, Bool)
    case contains(Accessor, Operand)
    case matches(Accessor, Pattern)
    case covers(Accessor, slot: Int)
    case quantified(Quantifier, Accessor, Condition)
    case reaches(Reach)

    /// The condition as closures, each capturing its parts: what rules run. Walking the enum
    /// for every subject retained each part's box and list, an atomic operation on objects
    /// every core shares; a closure calls the parts it captured without.
    var check: Check {
        switch self {
        case .constant(let value):
            return { _, _ in value }
        case .all(let conditions):
            return Self.chain(conditions, stopsAt: false)
        case .any(let conditions):
            return Self.chain(conditions, stopsAt: true)
        case .not(let condition):
            let inner = condition.check
            return { !inner($0, $1) }
        case .compare(let accessor, let comparison, let operand):
            let get = accessor.get
            if case .literal(let literal) = operand {
                return Self.comparison(get, comparison, literal)
            }
            let value = operand.value
            return { context, index in Self.compare(get(context, index), comparison, value(context, index), context) }
        case .oneOf(let accessor, let operands):
            let get = accessor.get
            let literals = operands.compactMap { operand -> FactValue? in
                if case .literal(let value) = operand { value } else { nil }
            }
            if literals.count == operands.count {
                return { context, index in
                    let value = get(context, index)
                    return literals.contains { Self.compare(value, .equals, $0, context) }
                }
            }
            let values = operands.map(\.value)
            return { context, index in
                let value = get(context, index)
                return values.contains { Self.compare(value, .equals, $0(context, index), context) }
            }
        case .present(let accessor, let wanted):
            let get = accessor.get
            return { Self.isPresent(get($0, $1)) == wanted }
        case .contains(let accessor, let operand):
            let get = accessor.get
            let value = operand.value
            return { context, index in Self.contains(get(context, index), value(context, index), context) }
        case .matches(let accessor, let pattern):
            let get = accessor.get
            return { context, index in
                switch get(context, index) {
                case .string(let text): return pattern.matches(text)
                case .strings(let texts): return texts.contains(where: pattern.matches)
                default: return false
                }
            }
        case .covers(let accessor, let slot):
            let get = accessor.get
            return { context, index in
                guard case .categories(let set) = get(context, index) else { return false }
                return set.intersects(context.categoryMasks[slot])
            }
        case .quantified(let quantifier, let accessor, let condition):
            let get = accessor.get
            let inner = condition.check
            return { context, index in
                guard case .refs(_, let items) = get(context, index) else { return quantifier != .some }
                switch quantifier {
                case .some: return items.contains { inner(context, $0) }
                case .every: return items.allSatisfy { inner(context, $0) }
                case .none: return !items.contains { inner(context, $0) }
                }
            }
        case .reaches(let reach):
            return reach.check
        }
    }

    /// `all` (stopping at the first false) or `any` (at the first true) as nested pairs: each
    /// closure captures its two parts directly, where a list would be retained to be walked.
    /// Compiled from the conditions, not from a list of closures: a closure taken out of an
    /// array is wrapped in a conversion thunk, called on every evaluation.
    private static func chain(_ conditions: [Condition], stopsAt decisive: Bool) -> Check {
        guard var result = conditions.last?.check else { return { _, _ in !decisive } }
        for condition in conditions.dropLast().reversed() {
            let check = condition.check
            let rest = result
            result = { context, index in check(context, index) == decisive ? decisive : rest(context, index) }
        }
        return result
    }

    /// A comparison with a literal, by the literal's type: the common `equals: true` or
    /// `equals: public` reads the fact without building, comparing and destroying a second
    /// value per subject. Same outcome as `compare` for every pair of values.
    private static func comparison(_ get: @escaping FactGetter, _ comparison: Comparison, _ literal: FactValue) -> Check {
        switch literal {
        case .bool(let wanted) where comparison == .equals:
            return { context, index in
                if case .bool(let value) = get(context, index) { return value == wanted }
                return false
            }
        case .number(let bound):
            return { context, index in
                if case .number(let value) = get(context, index) { return order(value, bound, comparison) }
                return false
            }
        case .string(let wanted) where comparison == .equals:
            return { context, index in
                switch get(context, index) {
                case .string(let value): return value == wanted
                case .ref(let kind, let target): return entityId(kind, target, context) == wanted
                default: return false
                }
            }
        default:
            return { context, index in compare(get(context, index), comparison, literal, context) }
        }
    }

    static func isPresent(_ value: FactValue) -> Bool {
        switch value {
        case .absent: false
        case .strings(let items): !items.isEmpty
        case .refs(_, let items): !items.isEmpty
        case .categories(let set): !set.isEmpty
        case .string(let text): !text.isEmpty
        default: true
        }
    }

    static func compare(_ lhs: FactValue, _ comparison: Comparison, _ rhs: FactValue, _ context: EvaluationContext) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return order(a, b, comparison)
        case (.date(let a), .date(let b)): return order(a, b, comparison)
        case (.string(let a), .string(let b)): return comparison == .equals && a == b
        case (.bool(let a), .bool(let b)): return comparison == .equals && a == b
        case (.ref(let kind, let index), .string(let id)): return comparison == .equals && entityId(kind, index, context) == id
        default: return false
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .equals: a == b
        case .greaterThan: a > b
        case .lessThan: a < b
        case .atLeast: a >= b
        case .atMost: a <= b
        }
    }

    static func contains(_ haystack: FactValue, _ needle: FactValue, _ context: EvaluationContext) -> Bool {
        switch (haystack, needle) {
        case (.strings(let items), .string(let item)): return items.contains(item)
        case (.string(let text), .string(let part)): return text.contains(part)
        case (.refs(let kind, let items), .string(let id)): return items.contains { entityId(kind, $0, context) == id }
        default: return false
        }
    }

    static func entityId(_ kind: SubjectKind, _ index: Int, _ context: EvaluationContext) -> String? {
        guard case .string(let id) = FactTable.facts(for: kind)["id"]?.get(context, index) else { return nil }
        return id
    }
}

extension Reach {
    /// Breadth-first over declared flows, at most `maxHops` flows deep.
    var check: Check {
        let parts = Parts(along: along?.check, through: through?.mapValues(\.check), target: target.mapValues(\.check))
        let reach = self
        return { reach.search($0, $1, parts) }
    }

    /// The conditions of a reach, compiled.
    private struct Parts {
        let along: Check?
        let through: [SubjectKind: Check]?
        let target: [SubjectKind: Check]
    }

    private func search(_ context: EvaluationContext, _ index: Int, _ parts: Parts) -> Bool {
        let graph = context.graph
        let kind = startKind
        var start: [Int] = []
        if let node = context.node(kind, index) {
            start = [node]
        } else if kind == .flow {
            let edge = graph.edges[graph.flowEdge[index]]
            if parts.along?(context, index) ?? true {
                start = [direction == .downstream ? edge.to : edge.from]
                if matchesTarget(start[0], context, parts) { return true }
            }
        }
        var seen = Set(start)
        var frontier = start
        var hops = kind == .flow ? 1 : 0
        while !frontier.isEmpty, hops < maxHops {
            hops += 1
            var next: [Int] = []
            for node in frontier {
                let edgeIndices = direction == .downstream ? graph.outgoing[node] : graph.incoming[node]
                for edgeIndex in edgeIndices {
                    let edge = graph.edges[edgeIndex]
                    guard case .flow(let flow) = edge.origin else { continue }
                    if let along = parts.along, !along(context, flow) { continue }
                    let target = direction == .downstream ? edge.to : edge.from
                    guard seen.insert(target).inserted else { continue }
                    if matchesTarget(target, context, parts) { return true }
                    if passes(target, context, parts) { next.append(target) }
                }
            }
            frontier = next
        }
        return false
    }

    private func matchesTarget(_ node: Int, _ context: EvaluationContext, _ parts: Parts) -> Bool {
        let (kind, local) = context.subject(ofNode: node)
        return parts.target[kind]?(context, local) ?? false
    }

    private func passes(_ node: Int, _ context: EvaluationContext, _ parts: Parts) -> Bool {
        guard let through = parts.through else { return true }
        let (kind, local) = context.subject(ofNode: node)
        return through[kind]?(context, local) ?? false
    }
}

/// A regular expression, compiled once when the rule is loaded.
struct Pattern: Sendable {
    let source: String
    // Behind a class reference: `Regex` comes from a resilient library, and holding it inline
    // made every `Condition` of unknown size, looked up at run time on each evaluation.
    private let compiled: CompiledRegex

    init(_ source: String) throws {
        self.source = source
        compiled = CompiledRegex(try Regex(source))
    }

    func matches(_ text: String) -> Bool {
        (try? compiled.regex.firstMatch(in: text)) != nil
    }
}

private final class CompiledRegex: @unchecked Sendable {
    // Regex is immutable after creation; the unchecked conformance only covers its storage.
    let regex: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>) {
        self.regex = regex
    }
}
