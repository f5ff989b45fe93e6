#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Foundation
package import FlowYAML

/// Writes a report to a file atomically: a temporary file beside it, then a rename, so a killed
/// run never leaves a half-written report for the next CI step to read.
package enum OutputWriter {
    package static func write(_ text: String, to path: String) throws(DiagnosticList) {
        try write(bytes: Array(text.utf8), to: path)
    }

    package static func write(bytes: [UInt8], to path: String) throws(DiagnosticList) {
        try write(chunks: ReportChunks(bytes: bytes), to: path)
    }

    /// Adds `text` at the end of the file, creating it: the GitHub step summary, which other steps
    /// write to as well.
    package static func append(_ text: String, to path: String) throws(DiagnosticList) {
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Array(text.utf8))
        } catch {
            throw DiagnosticList([Diagnostic("cannot write the step summary: \(error.localizedDescription)", file: path, position: nil)])
        }
    }

    /// The chunks one after another (see `ReportFormat.renderChunks`).
    package static func write(chunks: ReportChunks, to path: String) throws(DiagnosticList) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try chunks.forEach { chunk throws(any Error) in try handle.write(contentsOf: chunk) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            // rename(2) replaces an existing report in one step. FileManager.replaceItemAt on
            // Linux failed ("the file doesn't exist") and lost the old report.
            guard rename(temporary.path, url.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DiagnosticList([Diagnostic("cannot write the report: \(error.localizedDescription)", file: path, position: nil)])
        }
    }
}
