public import FlowGraph
import FlowModel
import FlowYAML
import FlowRuntime

/// Runs compiled rules over a graph. Phase one: every rule but the waiver rules, then waivers are
/// applied; phase two: waiver rules, which see which waivers matched a finding.
public enum Evaluator {
    public static func evaluate(rules: [Rule], graph: FlowGraph) -> [Finding] {
        // Rules are independent of each other in phase one, and so are their subjects: a rule is
        // cut into slices of its subjects, so one rule over a national model's flows does not
        // keep one core busy while the other waits.
        let firstPhase = rules.filter { !$0.inspectsWaivers }
        let contexts = firstPhase.map { EvaluationContext(graph: graph, rule: $0, waiverMatched: []) }
        let units = SubjectSlice.slices(of: firstPhase, contexts: contexts)
        var sliced = Parallel.map(units.count) { index in
            let unit = units[index]
            return run(firstPhase[unit.rule], contexts[unit.rule], unit.kind, unit.range)
        }
        let waivers = graph.model.waivers
        var matched = Array(repeating: false, count: waivers.count)
        // Waivers by exact rule id, plus the few whose rule is a glob: each finding is compared with
        // the waivers that can apply to its rule, not with every waiver of the model.
        var byRule: [String: [Int]] = [:]
        var globRules: [Int] = []
        for (index, waiver) in waivers.enumerated() {
            if waiver.rule.contains("*") || waiver.rule.contains("?") {
                globRules.append(index)
            } else {
                byRule[waiver.rule, default: []].append(index)
            }
        }
        // In model order, so the first matching waiver is the one reported.
        let candidatesByRule = firstPhase.map { ((byRule[$0.id] ?? []) + globRules).sorted() }
        for unit in units.indices {
            let candidates = candidatesByRule[units[unit].rule]
            guard !candidates.isEmpty else { continue }
            for index in sliced[unit].indices {
                for waiverIndex in candidates where applies(waivers[waiverIndex], to: sliced[unit][index]) {
                    let waiver = waivers[waiverIndex]
                    matched[waiverIndex] = true
                    // An expired waiver no longer accepts the finding; expired-waiver reports it.
                    if sliced[unit][index].acceptance == nil, graph.asOf <= waiver.expires {
                        sliced[unit][index].acceptance = Finding.Acceptance(
                            kind: .waiver, reason: waiver.reason, approvedBy: waiver.approvedBy,
                            expires: waiver.expires, span: waiver.origin.span)
                    }
                }
            }
        }
        for rule in rules where rule.inspectsWaivers {
            sliced.append(run(rule, graph: graph, waiverMatched: matched))
        }
        // Slices are in rule order, each rule's in subject order: joined once, the findings are
        // moved into one array (joining per rule, then appending the waiver rules', moved and
        // regrew a national model's findings three times over, on one core).
        return Finding.sortedForReport(Parallel.concatenated(consume sliced))
    }

    /// How many subjects of each kind `rule` inspects in `graph`.
    public static func checkedCounts(rule: Rule, graph: FlowGraph) -> [(kind: SubjectKind, count: Int)] {
        let context = EvaluationContext(graph: graph, rule: rule, waiverMatched: [])
        return rule.kinds.map { ($0, context.count(of: $0)) }
    }

    static func applies(_ waiver: Waiver, to finding: Finding) -> Bool {
        Glob.matches(waiver.rule, finding.rule)
            && (Glob.matches(waiver.subject, finding.subject.key) || Glob.matches(waiver.subject, finding.subject.id))
    }

    static func run(_ rule: Rule, graph: FlowGraph, waiverMatched: [Bool]) -> [Finding] {
        let context = EvaluationContext(graph: graph, rule: rule, waiverMatched: waiverMatched)
        return rule.kinds.flatMap { run(rule, context, $0, 0..<context.count(of: $0)) }
    }

    /// The findings of one rule over the subjects of one kind in `range`, in subject order.
    static func run(_ rule: Rule, _ context: EvaluationContext, _ kind: SubjectKind, _ range: Range<Int>) -> [Finding] {
        // Looked up once per kind, not hashed again for every subject.
        guard let condition = rule.conditions[kind] else { return [] }
        let describer = SubjectDescriber(context: context)
        var findings: [Finding] = []
        for index in range where condition(context, index) {
            let described = describer.describe(kind, index)
            findings.append(Finding(
                rule: rule.id, title: rule.title,
                severity: rule.severity(context, index, kind: kind),
                message: rule.message(context, index, kind: kind),
                subject: described.subject, span: described.span,
                articles: rule.citations, remediation: rule.remediation,
                path: described.path, fix: describer.fix(rule, kind, index, subject: described.subject), acceptance: nil))
        }
        return findings
    }
}

/// A piece of phase one's work: one rule over a consecutive range of one kind's subjects.
struct SubjectSlice {
    /// Slices smaller than this cost more to hand out than they save.
    static let minimumSubjects = 2048

    let rule: Int
    let kind: SubjectKind
    let range: Range<Int>

    /// Every rule's subjects, by rule, kind (in the rule's order) and range: concatenating the
    /// slices' findings in this order gives each rule's findings in the order of a whole run.
    static func slices(of rules: [Rule], contexts: [EvaluationContext]) -> [SubjectSlice] {
        rules.indices.flatMap { index in
            rules[index].kinds.flatMap { kind in
                Parallel.slices(contexts[index].count(of: kind), minimumSlice: minimumSubjects)
                    .map { SubjectSlice(rule: index, kind: kind, range: $0) }
            }
        }
    }
}

/// The subject, place and data path of a finding, per kind.
struct SubjectDescriber {
    let context: EvaluationContext
    var graph: FlowGraph { context.graph }
    var model: Model { context.model }

    /// The subject alone, without its place and path.
    func subject(_ kind: SubjectKind, _ index: Int) -> Finding.Subject {
        // Fields read in place: binding an entity copied (and retained) all of them.
        switch kind {
        case .organization:
            return subject("organization", model.organizations[index].id, model.organizations[index].name)
        case .data:
            let id = model.data[index].id
            return subject("data", id, model.data[index].name ?? id)
        case .activity:
            let id = model.activities[index].id
            return subject("activity", id, model.activities[index].name ?? id)
        case .system:
            let id = model.systems[index].id
            return subject("system", id, model.systems[index].name ?? id)
        case .store:
            let id = model.stores[index].id
            return subject("store", id, model.stores[index].name ?? id)
        case .flow:
            let id = model.flows[index].id
            return subject("flow", id, id)
        case .agreement:
            let id = model.agreements[index].id
            return subject("agreement", id, id)
        case .incident:
            let id = model.incidents[index].id
            return subject("incident", id, id)
        case .waiver:
            let id = model.waivers[index].id
            return subject("waiver", id, id)
        case .transfer:
            let transfer = graph.transfers[index]
            return Finding.Subject(kind: transfer.subjectKind, id: transfer.key, name: transfer.subjectName, key: transfer.key)
        case .recipient:
            let recipient = graph.recipients[index]
            let organization = model.organizations[recipient.organization]
            return Finding.Subject(kind: "organization", id: organization.id, name: organization.name, key: recipient.key)
        case .resource:
            let address = DeploymentFacts.resource(context, index)?.address ?? ""
            return Finding.Subject(kind: "resource", id: address, name: address, key: address)
        }
    }

    /// The subject, where it is written and the path its data took.
    func describe(_ kind: SubjectKind, _ index: Int) -> (subject: Finding.Subject, span: SourceSpan, path: [String]) {
        let subject = subject(kind, index)
        switch kind {
        case .organization:
            return (subject, model.organizations[index].origin.span, nodePath(graph.node(organization: index)))
        case .data:
            return (subject, model.data[index].origin.span, [])
        case .activity:
            return (subject, model.activities[index].origin.span, [])
        case .system:
            return (subject, model.systems[index].origin.span, nodePath(graph.node(system: index)))
        case .store:
            return (subject, model.stores[index].origin.span, nodePath(graph.node(store: index)))
        case .flow:
            let edge = graph.flowEdge[index]
            // The way the data came to the sender, then this flow.
            var path = graph.path(for: personalFirst(graph.edges[edge].data), to: graph.edges[edge].from)
            path.append(model.flows[index].to)
            return (subject, model.flows[index].origin.span, path)
        case .agreement:
            return (subject, model.agreements[index].origin.span, [])
        case .incident:
            return (subject, model.incidents[index].origin.span, model.incidents[index].affected)
        case .waiver:
            return (subject, model.waivers[index].origin.span, [])
        case .transfer:
            let transfer = graph.transfers[index]
            var path = graph.path(for: transfer.data, to: transfer.destination)
            let importer = model.organizations[transfer.importer].id
            if path.last != importer { path.append(importer) }
            return (subject, transfer.span, path)
        case .resource:
            // A plan is JSON without lines: the finding names the file, and its message the pointer.
            let file = DeploymentFacts.resource(context, index)?.file ?? ""
            let start = SourcePosition(line: 1, column: 1)
            return (subject, SourceSpan(file: file, start: start, end: start), [])
        case .recipient:
            let recipient = graph.recipients[index]
            let organization = model.organizations[recipient.organization].id
            let path = if recipient.inChain {
                recipient.chain.map { model.organizations[$0].id }
            } else if !recipient.direct, let processor = recipient.viaProcessor {
                // The way through the processor that passed it on: the finding is about that hand-over.
                graph.path(for: recipient.data, to: processor) + [organization]
            } else {
                graph.path(for: recipient.data, to: recipient.organization)
            }
            return (subject, model.organizations[recipient.organization].origin.span, path)
        }
    }

    /// The change `rule` asks for, made to its `fix` target, else to the subject (for a
    /// recipient, the organization).
    func fix(_ rule: Rule, _ kind: SubjectKind, _ index: Int, subject: Finding.Subject) -> Finding.Fix {
        let change = rule.fix?.change ?? rule.title
        if let target = rule.fix?.targets[kind], case .ref(let targetKind, let targetIndex) = target.get(context, index) {
            return Finding.Fix(target: self.subject(targetKind, targetIndex), change: change)
        }
        return Finding.Fix(target: subject, change: change)
    }

    private func subject(_ kind: String, _ id: String, _ name: String) -> Finding.Subject {
        Finding.Subject(kind: kind, id: id, name: name, key: id)
    }

    private func personalFirst(_ data: [Int]) -> [Int] {
        data.filter { graph.dataPersonal[$0] } + data.filter { !graph.dataPersonal[$0] }
    }

    private func nodePath(_ node: Int) -> [String] {
        let data = personalFirst(graph.nodeData[node])
        return data.isEmpty ? [] : graph.path(for: data, to: node)
    }
}
