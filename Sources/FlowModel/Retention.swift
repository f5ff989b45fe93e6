/// An ISO 8601 duration (`P6Y`, `P1Y6M`, `P30D`, `P2W`, `PT12H`), kept with its text.
public struct ISODuration: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Rough length in days (years 365, months 30), for comparisons in rules.
    public let approximateDays: Double

    public init?(_ text: String) {
        // Read as bytes, not Characters (no grapheme breaking for every store's retention).
        // Anything not ASCII fails: no unit or digit is outside ASCII.
        var days = 0.0
        var inTime = false
        var digits: [UInt8] = []
        var sawComponent = false
        var bytes = text.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "P") else { return nil }
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                digits.append(byte)
                continue
            case UInt8(ascii: ","):
                digits.append(UInt8(ascii: "."))
                continue
            case UInt8(ascii: "T"):
                guard !inTime, digits.isEmpty else { return nil }
                inTime = true
                continue
            default:
                break
            }
            guard let value = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
            digits.removeAll(keepingCapacity: true)
            sawComponent = true
            switch (byte, inTime) {
            case (UInt8(ascii: "Y"), false): days += value * 365
            case (UInt8(ascii: "M"), false): days += value * 30
            case (UInt8(ascii: "W"), false): days += value * 7
            case (UInt8(ascii: "D"), false): days += value
            case (UInt8(ascii: "H"), true): days += value / 24
            case (UInt8(ascii: "M"), true): days += value / 1440
            case (UInt8(ascii: "S"), true): days += value / 86400
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

    /// `unlimited` or an ISO 8601 duration.
    public init?(_ text: String) {
        if text == "unlimited" {
            self = .unlimited
        } else if let duration = ISODuration(text) {
            self = .duration(duration)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .duration(let duration): duration.text
        case .unlimited: "unlimited"
        }
    }
}
