import FlowModel
import FlowPolicy
import FlowRuntime
internal import FlowYAML

/// What a SARIF log leaves out: GitHub code scanning opens an alert for every result, suppressed
/// or not, and rejects an upload of more than 25,000 results.
public struct SARIFOptions: Sendable, Hashable {
    /// Keep waived and baselined findings, marked with `suppressions` and `baselineState`.
    public var includeSuppressed: Bool
    /// Results kept at most, the most severe first; a notification counts the rest.
    public var maxResults: Int

    public static let defaultMaxResults = 5000

    public init(includeSuppressed: Bool = false, maxResults: Int = defaultMaxResults) {
        self.includeSuppressed = includeSuppressed
        self.maxResults = maxResults
    }
}

/// SARIF 2.1.0 for code-scanning dashboards. Waived and baselined findings are left out unless
/// asked for (`SARIFOptions`): dashboards that ignore `suppressions` would show them as open.
public enum SARIFReporter {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Key of our fingerprint in `partialFingerprints`; bump the suffix if its meaning changes.
    public static let fingerprintKey = "flowaudit/v1"
    /// The base id relative artifact URIs name.
    static let srcRoot = "%SRCROOT%"
    /// `automationDetails.id`: the category of the analysis (GitHub keeps one per category).
    static let automationId = "flowaudit/"

    public static func render(_ report: AuditReport, root: SourceRoot, options: SARIFOptions = SARIFOptions()) -> String {
        String(decoding: renderBytes(report, root: root, options: options), as: UTF8.self)
    }

    /// The log as UTF-8 bytes (see `JSONValue.renderedDocumentBytes`).
    public static func renderBytes(_ report: AuditReport, root: SourceRoot, options: SARIFOptions = SARIFOptions()) -> [UInt8] {
        renderChunks(report, root: root, options: options).joined
    }

    /// The log's bytes in the pieces they are written in (see `JSONValue.renderedDocumentChunks`).
    package static func renderChunks(
        _ report: AuditReport, root: SourceRoot, options: SARIFOptions = SARIFOptions()
    ) -> ReportChunks {
        // A descriptor per rule and severity it can give: GitHub reads `security-severity` from
        // the descriptor only, so an escalated finding needs one of its own to show as what it is.
        let descriptors = report.rules.flatMap { rule in severities(of: rule).map { (rule, $0) } }
        let ruleIndex = Dictionary(uniqueKeysWithValues: descriptors.enumerated().map { (descriptorId($1.0.id, $1.1, base: $1.0.severity), $0) })
        // Report order is most severe first: the cap keeps the most severe.
        let shown = options.includeSuppressed ? report.findings : report.findings.filter(\.isActive)
        let findings = Array(shown.prefix(max(0, options.maxResults)))
        var invocation: [String: JSONValue] = [
            "executionSuccessful": .bool(true),
            "properties": .object(["asOf": .string(report.asOf.description)]),
        ]
        if findings.count < shown.count {
            invocation["toolExecutionNotifications"] = .array([.object([
                "level": .string("warning"),
                "descriptor": .object(["id": .string("results-left-out")]),
                "message": .object(["text": .string(
                    "\(shown.count - findings.count) of \(shown.count) results left out, the least severe: --max-results keeps \(findings.count)")]),
            ])])
        }
        let run: [String: JSONValue] = [
            "tool": .object(["driver": .object([
                "name": .string(AuditReport.toolName),
                "version": .string(report.version),
                "semanticVersion": .string(report.version),
                "rules": .array(descriptors.map { descriptor($0.0, severity: $0.1) }),
            ])]),
            "columnKind": .string("unicodeCodePoints"),
            // Relative artifact URIs resolve against the checkout's root, as GitHub's guide asks;
            // its absolute location is left out so that the log does not depend on the machine.
            "originalUriBaseIds": .object([srcRoot: .object([
                "description": .object(["text": .string("The root of the repository or folder the check ran in")]),
            ])]),
            // One category per tool: a second analysis of the same commit replaces this one.
            "automationDetails": .object(["id": .string(automationId)]),
            "invocations": .array([.object(invocation)]),
            // Built and written on every core as the writer reaches them, at their depth in the log
            // (root, runs, run, results, result).
            "results": .lazyItems(ItemSlices(Parallel.slices(findings.count, minimumSlice: 2000)) { range in
                var bytes: [UInt8] = []
                for index in range {
                    JSONValue.writeIndentation(4, to: &bytes)
                    bytes += result(findings[index], ruleIndex: ruleIndex, root: root).rendered(indent: 4)
                    JSONValue.endItem(isLast: index == findings.count - 1, to: &bytes)
                }
                return bytes
            }),
        ]
        let log: [String: JSONValue] = [
            "$schema": .string(schema),
            "version": .string("2.1.0"),
            "runs": .array([.object(run)]),
        ]
        return JSONValue.object(log).renderedDocumentChunks()
    }

    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// The `security-severity` score GitHub code scanning shows and gates on: over 9.0 is
    /// Critical, 7.0 to 8.9 High, 4.0 to 6.9 Medium, under 4.0 Low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    /// The rule's base severity, then those its escalations give, each once.
    static func severities(of rule: Rule) -> [Severity] {
        var seen: Set<Severity> = [rule.severity]
        return [rule.severity] + rule.escalations.map(\.severity).filter { seen.insert($0).inserted }
    }

    /// The rule's id for its base severity, `id/severity` for an escalated one.
    static func descriptorId(_ rule: String, _ severity: Severity, base: Severity) -> String {
        severity == base ? rule : "\(rule)/\(severity.rawValue)"
    }

    static func descriptor(_ rule: Rule, severity: Severity) -> JSONValue {
        let articles = rule.citations.isEmpty ? "" : "\n\nArticles: " + rule.citations.joined(separator: ", ")
        let id = descriptorId(rule.id, severity, base: rule.severity)
        return .object([
            "id": .string(id),
            "name": .string(pascalCase(rule.id) + (id == rule.id ? "" : pascalCase(severity.rawValue))),
            "shortDescription": .object(["text": .string(rule.title)]),
            "fullDescription": .object(["text": .string(rule.rationale)]),
            "help": .object([
                "text": .string("Remediation: \(rule.remediation)\(articles)"),
                "markdown": .string("**Remediation:** \(rule.remediation)\(articles)"),
            ]),
            "defaultConfiguration": .object(["level": .string(level(severity))]),
            "properties": .object([
                "rule": .string(rule.id),
                // `security` makes GitHub list the alerts under security and read their severity.
                "tags": .array((["security", "gdpr", "privacy"] + rule.citations).map(JSONValue.string)),
                "severity": .string(severity.rawValue),
                "security-severity": .string(securitySeverity(severity)),
            ]),
        ])
    }

    static func result(_ finding: Finding, ruleIndex: [String: Int], root: SourceRoot) -> JSONValue {
        let escalated = "\(finding.rule)/\(finding.severity.rawValue)"
        let ruleId = ruleIndex[escalated] != nil ? escalated : finding.rule
        let artifact = ArtifactURI.uri(for: finding.span.file, root: root)
        var location: [String: JSONValue] = ["uri": .string(artifact.uri)]
        if artifact.relative { location["uriBaseId"] = .string(srcRoot) }
        var object: [String: JSONValue] = [
            "ruleId": .string(ruleId),
            "level": .string(level(finding.severity)),
            "message": .object(["text": .string(finding.message)]),
            "locations": .array([.object(["physicalLocation": .object([
                "artifactLocation": .object(location),
                "region": .object(region(finding.span)),
            ])])]),
            // GitHub matches alerts across commits by `primaryLocationLineHash`, which it would
            // otherwise compute from the line's text: derived from the stable fingerprint, a
            // finding keeps its alert when the YAML around it moves.
            "partialFingerprints": .object([
                fingerprintKey: .string(finding.fingerprint),
                "primaryLocationLineHash": .string(lineHash(finding.fingerprint)),
            ]),
            "properties": .object([
                "severity": .string(finding.severity.rawValue),
                "subject": .object(["kind": .string(finding.subject.kind), "id": .string(finding.subject.id), "key": .string(finding.subject.key)]),
                "path": .array(finding.path.map(JSONValue.string)),
                "articles": .array(finding.articles.map(JSONValue.string)),
            ]),
        ]
        if let index = ruleIndex[ruleId] { object["ruleIndex"] = .integer(index) }
        if let acceptance = finding.acceptance {
            let justification: String
            switch acceptance.kind {
            case .waiver:
                let until = acceptance.expires.map { " until \($0)" } ?? ""
                justification = "\(acceptance.reason) (waived by \(acceptance.approvedBy ?? "unknown")\(until))"
            case .baseline:
                justification = acceptance.reason
            }
            object["suppressions"] = .array([.object([
                "kind": .string("external"),
                "status": .string("accepted"),
                "justification": .string(justification),
            ])])
            if acceptance.kind == .baseline { object["baselineState"] = .string("unchanged") }
        }
        return .object(object)
    }

    /// A region without `endColumn` runs to the end of `endLine` (SARIF 2.1.0, 3.30.8).
    private static func region(_ span: SourceSpan) -> [String: JSONValue] {
        var region: [String: JSONValue] = [
            "startLine": .integer(span.start.line),
            "startColumn": .integer(span.start.column),
            "endLine": .integer(span.lastLine),
        ]
        if let column = span.lastColumn { region["endColumn"] = .integer(column) }
        return region
    }

    /// A hash of the fingerprint, in the form GitHub's own line hashes take (hex, `:1`): FNV-1a
    /// over its UTF-8 bytes, the same on every machine and run.
    static func lineHash(_ fingerprint: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in fingerprint.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + ":1"
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
