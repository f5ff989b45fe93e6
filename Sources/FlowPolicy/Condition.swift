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

    func value(_ context: EvaluationContext, _ index: Int) -> FactValue {
        switch self {
        case .literal(let value): value
        case .parameter(let name): context.parameters[name] ?? .absent
        case .fact(let accessor): accessor.get(context, index)
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

    func evaluate(_ context: EvaluationContext, _ index: Int) -> Bool {
        switch self {
        case .constant(let value):
            return value
        case .all(let conditions):
            return conditions.allSatisfy { $0.evaluate(context, index) }
        case .any(let conditions):
            return conditions.contains { $0.evaluate(context, index) }
        case .not(let condition):
            return !condition.evaluate(context, index)
        case .compare(let accessor, let comparison, let operand):
            return Self.compare(accessor.get(context, index), comparison, operand.value(context, index), context)
        case .oneOf(let accessor, let operands):
            let value = accessor.get(context, index)
            return operands.contains { Self.compare(value, .equals, $0.value(context, index), context) }
        case .present(let accessor, let wanted):
            return Self.isPresent(accessor.get(context, index)) == wanted
        case .contains(let accessor, let operand):
            return Self.contains(accessor.get(context, index), operand.value(context, index), context)
        case .matches(let accessor, let pattern):
            switch accessor.get(context, index) {
            case .string(let text): return pattern.matches(text)
            case .strings(let texts): return texts.contains(where: pattern.matches)
            default: return false
            }
        case .covers(let accessor, let slot):
            guard case .categories(let set) = accessor.get(context, index) else { return false }
            return set.intersects(context.categoryMasks[slot])
        case .quantified(let quantifier, let accessor, let condition):
            guard case .refs(_, let items) = accessor.get(context, index) else { return quantifier != .some }
            switch quantifier {
            case .some: return items.contains { condition.evaluate(context, $0) }
            case .every: return items.allSatisfy { condition.evaluate(context, $0) }
            case .none: return !items.contains { condition.evaluate(context, $0) }
            }
        case .reaches(let reach):
            return reach.evaluate(context, index)
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
    func evaluate(_ context: EvaluationContext, _ index: Int) -> Bool {
        let graph = context.graph
        let kind = startKind
        var start: [Int] = []
        if let node = context.node(kind, index) {
            start = [node]
        } else if kind == .flow {
            let edge = graph.edges[graph.flowEdge[index]]
            if along?.evaluate(context, index) ?? true {
                start = [direction == .downstream ? edge.to : edge.from]
                if matchesTarget(start[0], context) { return true }
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
                    if let along, !along.evaluate(context, flow) { continue }
                    let target = direction == .downstream ? edge.to : edge.from
                    guard seen.insert(target).inserted else { continue }
                    if matchesTarget(target, context) { return true }
                    if passes(target, context) { next.append(target) }
                }
            }
            frontier = next
        }
        return false
    }

    private func matchesTarget(_ node: Int, _ context: EvaluationContext) -> Bool {
        let (kind, local) = context.subject(ofNode: node)
        return target[kind]?.evaluate(context, local) ?? false
    }

    private func passes(_ node: Int, _ context: EvaluationContext) -> Bool {
        guard let through else { return true }
        let (kind, local) = context.subject(ofNode: node)
        return through[kind]?.evaluate(context, local) ?? false
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
