public import FlowPolicy

/// The active findings grouped by what must change: each group is one entity (an organization
/// to sign agreements with, a store to secure, an activity to document) and the changes its
/// findings ask of it. Most severe groups first, so that the first few clear the worst.
public struct FixPlan: Sendable {
    public struct Group: Sendable {
        /// The entity to change; its `key` is `kind:id`.
        public let target: Finding.Subject
        /// Distinct changes, the one asked by the most severe finding first.
        public let changes: [String]
        /// Indices into the report's findings, in report order.
        public let findings: [Int]
        /// Findings cleared per severity, most severe first (in `Severity.allCases` order).
        let counts: [Int]

        public var worst: Severity { zip(Severity.allCases, counts).first { $0.1 > 0 }?.0 ?? .info }
        public func count(_ severity: Severity) -> Int { zip(Severity.allCases, counts).first { $0.0 == severity }?.1 ?? 0 }

        /// "3 critical, 1 high".
        public var clears: String {
            zip(Severity.allCases, counts).filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        }

        /// "MediCall Co. Ltd (organization medicall)".
        public var label: String {
            target.name == target.id ? "\(target.kind) \(target.id)" : "\(target.name) (\(target.kind) \(target.id))"
        }
    }

    public let groups: [Group]
    /// Active findings the groups cover (all of them).
    public let findingCount: Int

    /// A target by its kind and id, hashed without building a `kind:id` string per finding.
    private struct Key: Hashable {
        let kind: String
        let id: String
    }

    public init(_ report: AuditReport) {
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for index in report.findings.indices where report.findings[index].isActive {
            let key = Key(kind: report.findings[index].fix.kind, id: report.findings[index].fix.id)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(index)
        }
        let groups = order.map { key -> Group in
            let indices = members[key] ?? []
            var counts = Array(repeating: 0, count: Severity.allCases.count)
            var changes: [String] = []
            // Report order is most severe first: the first change is the most pressing.
            for index in indices {
                counts[Severity.allCases.firstIndex(of: report.findings[index].severity) ?? 0] += 1
                let change = report.findings[index].fix.change
                if !changes.contains(change) { changes.append(change) }
            }
            return Group(target: report.findings[indices[0]].fix.target, changes: changes, findings: indices, counts: counts)
        }
        // Most severe first: more critical findings first, then more high ones and so on, then by key.
        self.groups = groups.sorted { left, right in
            if left.counts != right.counts { return left.counts.lexicographicallyPrecedes(right.counts, by: >) }
            return (left.target.kind, left.target.id) < (right.target.kind, right.target.id)
        }
        findingCount = groups.reduce(0) { $0 + $1.findings.count }
    }

    /// "4 changes clear all 21 findings" / "1 change clears the finding".
    public var headline: String {
        let changes = groups.count == 1 ? "1 change clears" : "\(groups.count) changes clear"
        let findings = findingCount == 1 ? "the finding" : "all \(findingCount) findings"
        return "\(changes) \(findings)"
    }
}
