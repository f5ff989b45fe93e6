public import FlowModel
public import FlowYAML
import FlowRuntime

/// One violation: which rule, about what, where in the YAML, and through which path.
public struct Finding: Sendable, Hashable {
    public struct Subject: Sendable, Hashable {
        /// organization, data, system, store, flow, agreement, waiver, access
        public var kind: String
        public var id: String
        public var name: String
        /// What fingerprints and waivers match: the id, or `controller/organization`, or `node->organization`.
        public var key: String
    }

    /// The change that clears the finding, and the entity it is made to: findings with the same
    /// target are cleared by one piece of work on it.
    public struct Fix: Sendable, Hashable {
        /// The target's kind, id and name, shared with the model's strings: a key built for each
        /// finding would be one more string for every finding of a report.
        public var kind: String
        public var id: String
        public var name: String
        public var change: String

        public init(target: Subject, change: String) {
            kind = target.kind
            id = target.id
            name = target.name
            self.change = change
        }

        /// `kind:id`: findings with the same key are cleared by one change.
        public var key: String { "\(kind):\(id)" }

        public var target: Subject { Subject(kind: kind, id: id, name: name, key: key) }
    }

    /// The waiver (or baseline) that accepts this finding.
    public struct Acceptance: Sendable, Hashable {
        public enum Kind: String, Sendable {
            case waiver
            case baseline
        }

        public var kind: Kind
        public var reason: String
        public var approvedBy: String?
        public var expires: CivilDate?
        public var span: SourceSpan?

        public init(kind: Kind, reason: String, approvedBy: String?, expires: CivilDate?, span: SourceSpan?) {
            self.kind = kind
            self.reason = reason
            self.approvedBy = approvedBy
            self.expires = expires
            self.span = span
        }
    }

    public var rule: String
    public var title: String
    public var severity: Severity
    public var message: String
    public var subject: Subject
    public var span: SourceSpan
    public var articles: [String]
    public var remediation: String
    /// Ids from the data's controller to the subject; empty where no data path applies.
    public var path: [String]
    public var fix: Fix
    /// Boxed: most findings have none, and inline it is the largest part of every finding.
    private var acceptanceBox: AcceptanceBox?

    public var acceptance: Acceptance? {
        get { acceptanceBox?.value }
        set { acceptanceBox = newValue.map(AcceptanceBox.init) }
    }

    public init(
        rule: String, title: String, severity: Severity, message: String, subject: Subject, span: SourceSpan,
        articles: [String], remediation: String, path: [String], fix: Fix, acceptance: Acceptance?
    ) {
        self.rule = rule
        self.title = title
        self.severity = severity
        self.message = message
        self.subject = subject
        self.span = span
        self.articles = articles
        self.remediation = remediation
        self.path = path
        self.fix = fix
        acceptanceBox = acceptance.map(AcceptanceBox.init)
    }

    /// `rule@subject`: stable when YAML moves around, so baselines and waivers survive edits.
    public var fingerprint: String { "\(rule)@\(subject.key)" }

    public var isWaived: Bool { acceptance?.kind == .waiver }
    public var isBaselined: Bool { acceptance?.kind == .baseline }
    /// Counts towards the exit code.
    public var isActive: Bool { acceptance == nil }

    /// Most severe first, then by place in the files, then rule and subject.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.span != rhs.span { return lhs.span < rhs.span }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.subject.key < rhs.subject.key
    }

    /// `findings` in `reportOrder`. Sorts integer keys (severity, file rank, positions) and
    /// compares strings only on ties: comparing spans would compare their file paths every time.
    public static func sortedForReport(_ findings: consuming [Finding]) -> [Finding] {
        // Every field is read through the buffer: `findings` is a variable here, and mapping it,
        // or reading it from a closure, copied each whole finding (a dozen retains) first.
        let order = findings.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            // Files ranked once; a finding's file is looked up only when it differs from the
            // one before it (findings come in runs from one file's subjects).
            let rankOf = Dictionary(
                uniqueKeysWithValues: Set(buffer.indices.map { buffer[$0].span.file }).sorted().enumerated().map { ($1, $0) })
            var (lastFile, lastRank) = ("", 0)
            let keys = buffer.indices.map { index in
                let span = buffer[index].span
                if span.file != lastFile { (lastFile, lastRank) = (span.file, rankOf[span.file] ?? 0) }
                return (-buffer[index].severity.rank, lastRank, span.start.line, span.start.column, span.end.line, span.end.column)
            }
            // Equal keys are equal severities and spans: `reportOrder` goes on to the rule and
            // the subject, compared in place.
            let less = { @Sendable (left: Int, right: Int) -> Bool in
                if keys[left] != keys[right] { return keys[left] < keys[right] }
                if buffer[left].rule != buffer[right].rule { return buffer[left].rule < buffer[right].rule }
                return buffer[left].subject.key < buffer[right].subject.key
            }
            return sortedIndices(buffer.count, by: less)
        }
        permute(&findings, by: order)
        return findings
    }

    /// Below this many findings the order is sorted on one core.
    static let parallelSortMinimum = 4096

    /// `0..<count` sorted by `less`: each half on a core of its own, then merged, taking the
    /// first half's index on ties (as one stable sort would), so that no core waits for the sort.
    static func sortedIndices(_ count: Int, by less: @escaping @Sendable (Int, Int) -> Bool) -> [Int] {
        guard count >= parallelSortMinimum else { return (0..<count).sorted(by: less) }
        let middle = count / 2
        let halves = Parallel.map(2) { half in (half == 0 ? 0..<middle : middle..<count).sorted(by: less) }
        let (first, second) = (halves[0], halves[1])
        var merged: [Int] = []
        merged.reserveCapacity(count)
        var (left, right) = (0, 0)
        while left < first.count, right < second.count {
            if less(second[right], first[left]) {
                merged.append(second[right])
                right += 1
            } else {
                merged.append(first[left])
                left += 1
            }
        }
        merged.append(contentsOf: first[left...])
        merged.append(contentsOf: second[right...])
        return merged
    }

    /// `findings = order.map { findings[$0] }` by swapping along the permutation's cycles: a swap
    /// moves findings, where building a new array copied (and retained) each of their dozen strings.
    static func permute(_ findings: inout [Finding], by order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        // Swapped through the buffer: `Array.swapAt` copied (and retained) both findings.
        findings.withUnsafeMutableBufferPointer { buffer in
            for start in order.indices where !placed[start] {
                // Position `current` takes the finding at `order[current]`, which is still in
                // place unless that position was already visited in this cycle.
                var current = start
                placed[current] = true
                while order[current] != start {
                    let next = order[current]
                    buffer.swapAt(current, next)
                    placed[next] = true
                    current = next
                }
            }
        }
    }
}

/// An acceptance behind a reference (see `Finding.acceptance`); equal and hashed by its value.
final class AcceptanceBox: Sendable, Hashable {
    let value: Finding.Acceptance

    init(_ value: Finding.Acceptance) {
        self.value = value
    }

    static func == (lhs: AcceptanceBox, rhs: AcceptanceBox) -> Bool { lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
