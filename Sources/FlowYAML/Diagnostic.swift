/// One problem in user input, printed as `path:line:col: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    /// Absent when the fault has no place in the file (unreadable file, file too large).
    public var position: SourcePosition?
    public var message: String

    public init(_ message: String, file: String, position: SourcePosition?, severity: Severity = .error) {
        self.message = message
        self.file = file
        self.position = position
        self.severity = severity
    }

    public init(_ message: String, at span: SourceSpan, severity: Severity = .error) {
        self.init(message, file: span.file, position: span.start, severity: severity)
    }

    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let left = (lhs.file, lhs.position?.line ?? 0, lhs.position?.column ?? 0, lhs.message)
        let right = (rhs.file, rhs.position?.line ?? 0, rhs.position?.column ?? 0, rhs.message)
        return left < right
    }
}

/// Several diagnostics thrown together (a model with many errors).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
