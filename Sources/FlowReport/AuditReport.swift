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
        findings.filter { $0.isActive && $0.severity == severity }.count
    }

    public var waivedCount: Int { findings.filter(\.isWaived).count }
    public var baselinedCount: Int { findings.filter(\.isBaselined).count }

    /// Whether any active finding is at or above the threshold (nil: never fail).
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.isActive && $0.severity >= threshold }
    }
}
