/// When something happened: a date (`2020-09-28`), or a date and time in ISO 8601
/// (`2020-09-28T14:05Z`, `2020-09-28T16:05:00+02:00`, or without an offset, read as the
/// organization's local time). The Art. 33 deadline counts hours, so a time matters when known.
public struct Moment: Sendable, Hashable, CustomStringConvertible {
    /// The calendar day as written.
    public let date: CivilDate
    /// Minutes since 1970-01-01T00:00 in UTC (local time when no offset is written); nil for a date alone.
    public let minutes: Int?
    /// As written.
    public let description: String

    public init?(_ text: String) {
        if let date = CivilDate(text) {
            self.date = date
            minutes = nil
            description = text
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, let date = CivilDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
              let clock = Self.clock(bytes[11...]) else { return nil }
        self.date = date
        minutes = date.daysSinceEpoch * 1440 + clock
        description = text
    }

    /// `HH:MM[:SS[.fraction]][Z|±HH:MM]` as minutes of the day in UTC (may fall on the day
    /// before or after); nil when malformed.
    private static func clock(_ bytes: ArraySlice<UInt8>) -> Int? {
        var rest = bytes
        func digits(_ count: Int, max: Int) -> Int? {
            guard rest.count >= count else { return nil }
            var value = 0
            for byte in rest.prefix(count) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            rest = rest.dropFirst(count)
            return value <= max ? value : nil
        }
        func take(_ character: Character) -> Bool {
            guard rest.first == character.asciiValue else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let hour = digits(2, max: 23), take(":"), let minute = digits(2, max: 59) else { return nil }
        if take(":") {
            guard digits(2, max: 60) != nil else { return nil }
            if take(".") {
                guard rest.first.map({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) == true else { return nil }
                rest = rest.drop { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            }
        }
        var offset = 0
        if take("Z") || take("z") {
            offset = 0
        } else if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            rest = rest.dropFirst()
            guard let hours = digits(2, max: 23), take(":"), let minutes = digits(2, max: 59) else { return nil }
            offset = (hours * 60 + minutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
        }
        guard rest.isEmpty else { return nil }
        return hour * 60 + minute - offset
    }

    /// Hours from `self` to `later`: exact when both have a time, else whole days times 24
    /// (a date alone cannot tell the hour).
    public func hours(until later: Moment) -> Double {
        if let start = minutes, let end = later.minutes { return Double(end - start) / 60 }
        return Double(later.date.daysSinceEpoch - date.daysSinceEpoch) * 24
    }
}
