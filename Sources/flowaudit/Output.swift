import FlowYAML
import FlowReport
internal import Foundation

/// Writing to the terminal, in one place.
enum Output {
    static func print(_ text: String) {
        write(text + "\n")
    }

    /// Text that already ends with its newline (a whole report).
    static func write(_ text: String) {
        var text = text
        // Straight from the string's bytes: a national report is tens of megabytes.
        text.withUTF8(write(buffer:))
    }

    /// UTF-8 bytes that already end with their newline (a report rendered as bytes), in the
    /// chunks they were written in.
    static func write(chunks: ReportChunks) {
        chunks.forEach { chunk in chunk.withUnsafeBufferPointer(write(buffer:)) }
    }

    private static func write(buffer bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
    }

    static func error(_ text: String) {
        var standardError = StandardError()
        Swift.print(text, to: &standardError)
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            error(diagnostic.description)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        error("\(errors) error\(errors == 1 ? "" : "s")")
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
