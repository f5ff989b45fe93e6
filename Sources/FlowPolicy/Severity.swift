/// Finding severities, most severe first.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case critical
    case high
    case medium
    case low
    case info

    /// Higher is more severe.
    public var rank: Int {
        switch self {
        case .critical: 4
        case .high: 3
        case .medium: 2
        case .low: 1
        case .info: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
