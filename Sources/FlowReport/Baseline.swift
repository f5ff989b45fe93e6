package import FlowPolicy
package import FlowYAML
internal import FlowModel

/// Findings accepted when a model adopts the tool: CI then fails only on new ones. An entry is
/// the rule, the subject and the file it is defined in — never a line, so moving YAML keeps it valid.
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

    package static let formatVersion = 1
    package var entries: Set<Entry>

    package init(entries: Set<Entry>) {
        self.entries = entries
    }

    /// Every finding that is not waived (waivers already accept theirs, with an end date).
    package init(findings: [Finding], workingDirectory: String) {
        entries = Set(findings.filter { !$0.isWaived }.map { Self.entry(for: $0, workingDirectory: workingDirectory) })
    }

    static func entry(for finding: Finding, workingDirectory: String) -> Entry {
        Entry(rule: finding.rule, subject: finding.subject.key,
              file: normalize(finding.span.file, workingDirectory: workingDirectory))
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
    package static func load(path: String) throws(DiagnosticList) -> Baseline {
        let result = YAMLReader().read(path: path)
        guard result.diagnostics.isEmpty else { throw DiagnosticList(result.diagnostics) }
        var decoder = NodeDecoder()
        var entries = Set<Entry>()
        if let root = result.documents.first?.root,
           let fields = decoder.fields(of: root, allowed: ["tool", "version", "findings"], required: ["findings"], context: "baseline") {
            if let version = decoder.integer(fields["version"], field: "version"), version != formatVersion {
                decoder.report("baseline format version \(version) is not supported (expected \(formatVersion))",
                               at: fields["version"]?.span ?? root.span)
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
        return Baseline(entries: entries)
    }

    /// Marks findings in the baseline as baselined; returns the entries that no longer occur.
    package func apply(to findings: [Finding], workingDirectory: String) -> (findings: [Finding], resolved: [String]) {
        var seen = Set<Entry>()
        let marked = findings.map { finding -> Finding in
            let entry = Self.entry(for: finding, workingDirectory: workingDirectory)
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
