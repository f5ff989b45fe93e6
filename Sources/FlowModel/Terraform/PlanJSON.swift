internal import Foundation

/// A JSON value of a plan, read through Foundation and looked at through typed accessors: a
/// plan's shape varies by provider and version, so every access may find nothing.
struct PlanJSON: @unchecked Sendable {
    // JSONSerialization's objects are immutable once read; the value is only read.
    let value: Any?

    init(_ value: Any?) {
        self.value = value
    }

    subscript(key: String) -> PlanJSON {
        PlanJSON((value as? [String: Any])?[key])
    }

    subscript(index: Int) -> PlanJSON {
        guard let items = value as? [Any], items.indices.contains(index) else { return PlanJSON(nil) }
        return PlanJSON(items[index])
    }

    var string: String? {
        if let text = value as? String { return text }
        // JSONSerialization reads numbers as NSNumber; a bool is one too, and is not a string.
        if let number = value as? NSNumber, !Self.isBool(number) { return number.stringValue }
        return nil
    }

    var bool: Bool? {
        guard let number = value as? NSNumber, Self.isBool(number) else { return nil }
        return number.boolValue
    }

    var number: Double? {
        guard let number = value as? NSNumber, !Self.isBool(number) else { return (value as? String).flatMap(Double.init) }
        return number.doubleValue
    }

    var array: [PlanJSON] { (value as? [Any])?.map(PlanJSON.init) ?? [] }

    var object: [String: PlanJSON]? { (value as? [String: Any])?.mapValues(PlanJSON.init) }

    /// Compared by type: `is NSNull` on a dictionary would bridge the whole of it first.
    var isNull: Bool {
        guard let value else { return true }
        return type(of: value) == NSNull.self
    }

    /// The first item of a nested block (`[{...}]` in plan JSON), or the value when it is an object.
    var block: PlanJSON { value is [Any] ? self[0] : self }

    /// `true` in `after_unknown` at this place (a block's first item for nested blocks).
    var isUnknownMark: Bool { bool == true }

    /// Foundation reads `true` and `false` as a boolean subclass of NSNumber: told apart from 1
    /// and 0 by that class.
    private static func isBool(_ number: NSNumber) -> Bool {
        type(of: number) == booleanClass
    }

    private static let booleanClass: AnyClass = type(of: NSNumber(value: true))
}
