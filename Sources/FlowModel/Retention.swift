/// An ISO 8601 duration (`P6Y`, `P1Y6M`, `P30D`, `P2W`, `PT12H`), kept with its text.
public struct ISODuration: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Rough length in days (years 365, months 30), for comparisons in rules.
    public let approximateDays: Double

    public init?(_ text: String) {
        var days = 0.0
        var inTime = false
        var digits = ""
        var sawComponent = false
        var chars = Substring(text)
        guard chars.first == "P" else { return nil }
        chars = chars.dropFirst()
        for char in chars {
            if char.isASCII, char.isNumber || char == "." || char == "," {
                digits.append(char == "," ? "." : char)
                continue
            }
            if char == "T" {
                guard !inTime, digits.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Double(digits) else { return nil }
            digits = ""
            sawComponent = true
            switch (char, inTime) {
            case ("Y", false): days += value * 365
            case ("M", false): days += value * 30
            case ("W", false): days += value * 7
            case ("D", false): days += value
            case ("H", true): days += value / 24
            case ("M", true): days += value / 1440
            case ("S", true): days += value / 86400
            default: return nil
            }
        }
        guard digits.isEmpty, sawComponent else { return nil }
        self.text = text
        self.approximateDays = days
    }

    public var description: String { text }
}

/// How long a store keeps data: a duration, or `unlimited` said out loud.
public enum Retention: Sendable, Hashable, CustomStringConvertible {
    case duration(ISODuration)
    case unlimited

    public var description: String {
        switch self {
        case .duration(let duration): duration.text
        case .unlimited: "unlimited"
        }
    }
}
