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

    public init(version: String, asOf: CivilDate, findings: [Finding], rules: [Rule], resolvedBaseline: [String] = []) {
        self.version = version
        self.asOf = asOf
        self.findings = findings
        self.rules = rules
        self.resolvedBaseline = resolvedBaseline
    }

    /// Active findings per severity.
    public func count(_ severity: Severity) -> Int {
        // Counted, not filtered: `filter` copied every matching finding into a new array.
        findings.reduce(0) { $1.isActive && $1.severity == severity ? $0 + 1 : $0 }
    }

    public var waivedCount: Int { findings.reduce(0) { $1.isWaived ? $0 + 1 : $0 } }
    public var baselinedCount: Int { findings.reduce(0) { $1.isBaselined ? $0 + 1 : $0 } }

    /// Whether any active finding is at or above the threshold (nil: never fail).
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.isActive && $0.severity >= threshold }
    }
}
