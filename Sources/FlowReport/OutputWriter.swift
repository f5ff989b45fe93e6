internal import Foundation
public import FlowYAML

/// Writes a report to a file atomically: a temporary file beside it, then a rename, so a killed
/// run never leaves a half-written report for the next CI step to read.
public enum OutputWriter {
    public static func write(_ text: String, to path: String) throws(DiagnosticList) {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes: [UInt8], to path: String) throws(DiagnosticList) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DiagnosticList([Diagnostic("cannot write the report: \(error.localizedDescription)", file: path, position: nil)])
        }
    }
}
