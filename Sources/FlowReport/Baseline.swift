package import FlowPolicy
package import FlowYAML
internal import FlowModel

/// Findings accepted when a model adopts the tool: CI then fails only on new ones. An entry is
/// the rule, the subject and the file it is defined in — never a line, so moving YAML keeps it
/// valid — with the file relative to the baseline's own folder, so that the same baseline works
/// from any working directory (format 1 held paths relative to the working directory).
package struct Baseline: Sendable, Equatable {
    package struct Entry: Sendable, Hashable, Comparable {
        package var rule: String
        package var subject: String
        package var file: String

        package static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.rule, lhs.subject, lhs.file) < (rhs.rule, rhs.subject, rhs.file)
        }

        package var description: String { "\(rule)@\(subject) (\(file))" }
    }

    package static let formatVersion = 2
    package var entries: Set<Entry>
    /// The folder entries' files are relative to: the baseline file's (nil for format 1, whose
    /// files are relative to the working directory).
    package var folder: String?

    package init(entries: Set<Entry>, folder: String?) {
        self.entries = entries
        self.folder = folder
    }

    /// Every finding that is not waived (waivers already accept theirs, with an end date), with
    /// files relative to the folder of the baseline file at `path`.
    package init(findings: [Finding], workingDirectory: String, path: String) {
        let folder = Self.folder(of: path, workingDirectory: workingDirectory)
        self.folder = folder
        entries = Set(findings.filter { !$0.isWaived }.map {
            Self.entry(for: $0, workingDirectory: workingDirectory, folder: folder)
        })
    }

    static func entry(for finding: Finding, workingDirectory: String, folder: String?) -> Entry {
        let file = folder.map { FilePaths.relative(FilePaths.absolute(finding.span.file, workingDirectory: workingDirectory), to: $0) }
            ?? normalize(finding.span.file, workingDirectory: workingDirectory)
        return Entry(rule: finding.rule, subject: finding.subject.key, file: file)
    }

    /// The absolute, standardised folder of the file at `path`.
    static func folder(of path: String, workingDirectory: String) -> String {
        let file = FilePaths.absolute(path, workingDirectory: workingDirectory)
        return String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)])
    }

    /// Paths relative to the working directory where possible, so a baseline works from any checkout.
    static func normalize(_ path: String, workingDirectory: String) -> String {
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        var result = path.hasPrefix(base) ? Substring(path.dropFirst(base.count)) : Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }

    package func rendered() -> String {
        JSONValue.object([
            "tool": .string(AuditReport.toolName),
            "version": .integer(Self.formatVersion),
            "findings": .array(entries.sorted().map { entry in
                .object(["rule": .string(entry.rule), "subject": .string(entry.subject), "file": .string(entry.file)])
            }),
        ]).renderedDocument()
    }

    /// Reads a baseline (JSON, read as YAML for exact error positions).
    package static func load(path: String, workingDirectory: String) throws(DiagnosticList) -> Baseline {
        let result = YAMLReader().read(path: path)
        guard result.diagnostics.isEmpty else { throw DiagnosticList(result.diagnostics) }
        var decoder = NodeDecoder()
        var entries = Set<Entry>()
        var version = formatVersion
        if let root = result.documents.first?.root,
           let fields = decoder.fields(of: root, allowed: ["tool", "version", "findings"], required: ["findings"], context: "baseline") {
            if let written = decoder.integer(fields["version"], field: "version") {
                version = written
                if !(1...formatVersion).contains(written) {
                    decoder.report("baseline format version \(written) is not supported (expected 1 to \(formatVersion))",
                                   at: fields["version"]?.span ?? root.span)
                }
            }
            if let list = fields["findings"], decoder.expect(.sequence, list, what: "'findings'") {
                for item in list.items {
                    guard let entry = decoder.fields(of: item, allowed: ["rule", "subject", "file"],
                                                     required: ["rule", "subject", "file"], context: "baseline entry"),
                          let rule = decoder.string(entry["rule"], field: "rule"),
                          let subject = decoder.string(entry["subject"], field: "subject"),
                          let file = decoder.string(entry["file"], field: "file")
                    else { continue }
                    entries.insert(Entry(rule: rule, subject: subject, file: file))
                }
            }
        } else if result.documents.first?.root == nil {
            decoder.report("the baseline is empty", at: .wholeFile(path))
        }
        guard decoder.diagnostics.isEmpty else { throw DiagnosticList(decoder.diagnostics.sorted()) }
        return Baseline(entries: entries, folder: version >= 2 ? folder(of: path, workingDirectory: workingDirectory) : nil)
    }

    /// Marks findings in the baseline as baselined; returns the entries that no longer occur.
    package func apply(to findings: [Finding], workingDirectory: String) -> (findings: [Finding], resolved: [String]) {
        var seen = Set<Entry>()
        let marked = findings.map { finding -> Finding in
            let entry = Self.entry(for: finding, workingDirectory: workingDirectory, folder: folder)
            guard entries.contains(entry) else { return finding }
            seen.insert(entry)
            guard finding.acceptance == nil else { return finding }
            var copy = finding
            copy.acceptance = Finding.Acceptance(kind: .baseline, reason: "in the baseline", approvedBy: nil, expires: nil, span: nil)
            return copy
        }
        return (marked, entries.subtracting(seen).sorted().map(\.description))
    }
}
