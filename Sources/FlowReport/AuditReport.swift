public import FlowModel
public import FlowPolicy

/// Everything a report format needs from one run of `check`.
public struct AuditReport: Sendable {
    public static let toolName = "flowaudit"

    public let version: String
    public let asOf: CivilDate
    public let findings: [Finding]
    public let rules: [Rule]
    /// Baselined fingerprints that no longer occur (the baseline can be refreshed).
    public let resolvedBaseline: [String]
    /// Active findings per severity (by `Severity.rank`), counted once rather than by walking
    /// every finding for each count.
    private let activeCounts: [Int]
    public let waivedCount: Int
    public let baselinedCount: Int

    public init(version: String, asOf: CivilDate, findings: [Finding], rules: [Rule], resolvedBaseline: [String] = []) {
        self.version = version
        self.asOf = asOf
        self.findings = findings
        self.rules = rules
        self.resolvedBaseline = resolvedBaseline
        var active = Array(repeating: 0, count: Severity.allCases.count)
        var waived = 0
        var baselined = 0
        // Indexed so that each finding is read in place, never copied.
        for index in findings.indices {
            switch findings[index].acceptance?.kind {
            case nil: active[findings[index].severity.rank] += 1
            case .waiver: waived += 1
            case .baseline: baselined += 1
            }
        }
        activeCounts = active
        waivedCount = waived
        baselinedCount = baselined
    }

    /// Active findings per severity.
    public func count(_ severity: Severity) -> Int { activeCounts[severity.rank] }

    /// Whether any active finding is at or above the threshold (nil: never fail).
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return activeCounts[threshold.rank...].contains { $0 > 0 }
    }
}
