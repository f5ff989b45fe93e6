internal import Foundation
import FlowYAML

/// A plan's bytes as UTF-8: PowerShell's `>` writes UTF-16 with a byte order mark, which is
/// read; UTF-16 without one is refused with what to do, as is anything that is not JSON.
enum PlanEncoding {
    struct Problem: Error {
        let message: String
    }

    static func utf8(_ bytes: [UInt8]) -> Result<[UInt8], Problem> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .success(Array(bytes.dropFirst(3))) }
        for (mark, encoding) in [([UInt8(0xFF), 0xFE], String.Encoding.utf16LittleEndian), ([0xFE, 0xFF], .utf16BigEndian)]
        where bytes.starts(with: mark) {
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                return .failure(Problem(message: "is UTF-16 that does not decode"))
            }
            return .success(Array(text.utf8))
        }
        // JSON text begins with ASCII: a zero byte next to each of its first characters is UTF-16.
        let head = bytes.prefix(64)
        if head.count >= 4, head.enumerated().filter({ $0.element == 0 }).count * 2 >= head.count - 1 {
            return .failure(Problem(message:
                "is UTF-16 without a byte order mark; write the plan as UTF-8 (`terraform show -json plan.out > plan.json` in a POSIX shell, `| Out-File -Encoding utf8 plan.json` in PowerShell)"))
        }
        return .success(bytes)
    }

    /// Foundation's reason, with the line and column it names as a place in the file.
    static func describe(_ error: Error, in text: [UInt8]) -> (reason: String, position: SourcePosition?) {
        let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = reason.range(of: "around character "),
              let offset = Int(reason[range.upperBound...].prefix { $0.isNumber }), offset <= text.count else {
            return (reason.hasSuffix(".") ? String(reason.dropLast()) : reason, reason.contains("end of file") ? end(of: text) : nil)
        }
        var line = 1, column = 1
        for byte in text.prefix(offset) {
            if byte == UInt8(ascii: "\n") { (line, column) = (line + 1, 1) } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (reason.hasSuffix(".") ? String(reason.dropLast()) : reason, SourcePosition(line: line, column: column))
    }

    /// Where a truncated file ends.
    private static func end(of text: [UInt8]) -> SourcePosition {
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return SourcePosition(line: lines.count, column: (lines.last?.count ?? 0) + 1)
    }
}
