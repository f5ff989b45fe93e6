package import FlowYAML
internal import Foundation

/// The lines of a file a node spans, as written (for `explain` and reports).
package enum SourceExcerpt {
    package static func lines(of span: SourceSpan) -> [String] {
        guard let data = FileManager.default.contents(atPath: span.file) else { return [] }
        let all = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let last = span.lastLine
        guard span.start.line >= 1, last >= span.start.line, last <= all.count else { return [] }
        let slice = all[(span.start.line - 1)..<last].map(String.init)
        let indent = slice.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        return slice.map { String($0.dropFirst(min(indent, $0.prefix(while: { $0 == " " }).count))) }
    }
}
