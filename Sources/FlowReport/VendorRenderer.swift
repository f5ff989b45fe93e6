import FlowPolicy

/// `flowaudit vendor` as text, Markdown or JSON.
public enum VendorRenderer {
    public static func text(_ profile: VendorProfile) -> String {
        var lines = ["\(profile.name) (\(profile.id))"]
        lines.append("  established in \(profile.countryName) (\(profile.country)): \(profile.standing)")
        lines.append("  role: \(profile.role ?? "undeclared"); sector: \(profile.sector); certifications: \(profile.certifications.isEmpty ? "none" : profile.certifications.joined(separator: ", ")); DPO: \(profile.dpo ?? "none declared")")
        lines += ["", "Agreements (\(profile.agreements.count))"]
        if profile.agreements.isEmpty { lines.append("  none") }
        for agreement in profile.agreements {
            var line = "  \(agreement.id): \(agreement.type) as \(agreement.role) with \(agreement.counterparties.joined(separator: ", "))"
            if let signed = agreement.signed { line += "; signed \(signed)" }
            if let expires = agreement.expires { line += "; expires \(expires)\(agreement.expired ? " (EXPIRED)" : "")" }
            if let subprocessors = agreement.subprocessors {
                line += "; sub-processors: \(subprocessors)" + (agreement.approved.isEmpty ? "" : " (\(agreement.approved.joined(separator: ", ")))")
            }
            lines.append(line)
        }
        lines += ["", "Sub-processors"]
        if profile.subprocessors.isEmpty { lines.append("  none under its DPAs") }
        for sub in profile.subprocessors {
            lines.append(String(repeating: "  ", count: sub.depth) + "└ \(sub.name) (\(sub.id), \(sub.country)); may engage others: \(sub.authorisation)")
        }
        lines += ["", "Personal data that reaches it"]
        if profile.received.isEmpty { lines.append("  none") }
        for item in profile.received {
            lines.append("  of \(item.controller) as \(relation(item.relation)): \(item.data.joined(separator: ", ")) — \(item.categories.joined(separator: ", "))")
            lines.append("    subjects: \(item.subjects.isEmpty ? "not stated" : item.subjects.joined(separator: ", ")); records: \(item.records); path: \(item.path.joined(separator: " → "))")
            if !item.activities.isEmpty { lines.append("    for: \(item.activities.joined(separator: ", "))") }
        }
        lines += ["", "Systems and stores it runs"]
        if profile.runs.isEmpty { lines.append("  none") }
        for node in profile.runs {
            var line = "  \(node.kind) \(node.id) (\(node.name)) in \(node.location)"
            if node.kind == "store" {
                line += "; encryption at rest: \(node.encryptionAtRest ?? "undeclared"), access: \(node.access ?? "undeclared"), retention: \(node.retention ?? "undeclared")"
            }
            lines.append(line)
        }
        lines += ["", "Findings that involve it (\(profile.findings.count))"]
        if profile.findings.isEmpty { lines.append("  none") }
        for finding in profile.findings {
            lines.append("  [\(finding.severity.rawValue)] \(finding.rule): \(finding.message) (\(finding.span))")
        }
        lines += ["", "Due-diligence checklist"]
        let width = VendorChecklist.Status.notApplicable.rawValue.count + 2
        for item in profile.checklist.items {
            let mark = "[\(item.status.rawValue)]"
            lines.append("  " + mark.padding(toLength: width + 1, withPad: " ", startingAt: 0) + "\(item.title) (\(item.basis)): \(item.detail)")
        }
        lines += ["", "Questions for the vendor"]
        if profile.questions.isEmpty { lines.append("  none: everything the model asks about is declared") }
        for (number, question) in profile.questions.enumerated() { lines.append("  \(number + 1). \(question)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How the organization stands towards the controller, in words.
    static func relation(_ relation: String) -> String {
        relation == "unlinked" ? "a recipient with no agreement" : relation
    }

    public static func markdown(_ profile: VendorProfile) -> String {
        var lines = ["## Vendor profile: \(profile.name) (`\(profile.id)`)", ""]
        lines.append("- **Established in** \(profile.countryName) (\(profile.country)): \(profile.standing)")
        lines.append("- **Role** \(profile.role ?? "undeclared"), **sector** \(profile.sector), **certifications** \(profile.certifications.isEmpty ? "none" : profile.certifications.joined(separator: ", ")), **DPO** \(profile.dpo ?? "none declared")")
        lines += ["", "### Agreements", ""]
        if profile.agreements.isEmpty { lines.append("None in the model.") } else {
            lines += ["| id | type | role | with | signed | expires | sub-processors |", "|---|---|---|---|---|---|---|"]
        }
        for agreement in profile.agreements {
            lines.append("| `\(agreement.id)` | \(agreement.type) | \(agreement.role) | \(agreement.counterparties.joined(separator: ", ")) | \(agreement.signed ?? "") | \(agreement.expires ?? "")\(agreement.expired ? " **expired**" : "") | \(agreement.subprocessors ?? "") |")
        }
        lines += ["", "### Sub-processors", ""]
        lines += profile.subprocessors.isEmpty ? ["None under its DPAs."] : profile.subprocessors.map {
            String(repeating: "  ", count: $0.depth - 1) + "- \($0.name) (`\($0.id)`, \($0.country)); may engage others: \($0.authorisation)"
        }
        lines += ["", "### Personal data that reaches it", ""]
        lines += profile.received.isEmpty ? ["None."] : profile.received.map {
            "- of `\($0.controller)` as \(relation($0.relation)): \($0.data.joined(separator: ", ")) — \($0.categories.joined(separator: ", ")); \($0.records) records; path \($0.path.joined(separator: " → "))"
                + ($0.activities.isEmpty ? "" : "; for " + $0.activities.map { "`\($0)`" }.joined(separator: ", "))
        }
        lines += ["", "### Systems and stores it runs", ""]
        lines += profile.runs.isEmpty ? ["None."] : profile.runs.map {
            "- \($0.kind) `\($0.id)` in \($0.location)" + ($0.kind == "store" ? ": encryption \($0.encryptionAtRest ?? ""), access \($0.access ?? ""), retention \($0.retention ?? "")" : "")
        }
        lines += ["", "### Findings", ""]
        lines += profile.findings.isEmpty ? ["None."] : profile.findings.map { "- **\($0.severity.rawValue)** `\($0.rule)`: \($0.message)" }
        lines += ["", "### Due-diligence checklist", "", "| status | topic | basis | what the model says |", "|---|---|---|---|"]
        lines += profile.checklist.items.map {
            "| \($0.status == .gap ? "**gap**" : $0.status.rawValue) | \($0.title) | \($0.basis) | \(MarkdownReporter.cell($0.detail)) |"
        }
        lines += ["", "### Questions for the vendor", ""]
        lines += profile.questions.isEmpty ? ["None."] : profile.questions.enumerated().map { "\($0.offset + 1). \($0.element)" }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ profile: VendorProfile) -> String {
        func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return JSONValue.object([
            "id": .string(profile.id), "name": .string(profile.name), "country": .string(profile.country),
            "countryName": .string(profile.countryName), "eea": .bool(profile.eea), "standing": .string(profile.standing),
            "role": optional(profile.role), "sector": .string(profile.sector), "certifications": strings(profile.certifications),
            "dpo": optional(profile.dpo),
            "agreements": .array(profile.agreements.map {
                .object(["id": .string($0.id), "type": .string($0.type), "role": .string($0.role), "with": strings($0.counterparties),
                         "signed": optional($0.signed), "expires": optional($0.expires), "expired": .bool($0.expired),
                         "subprocessors": optional($0.subprocessors), "approved": strings($0.approved)])
            }),
            "subprocessors": .array(profile.subprocessors.map {
                .object(["id": .string($0.id), "name": .string($0.name), "country": .string($0.country),
                         "depth": .integer($0.depth), "authorisation": .string($0.authorisation)])
            }),
            "received": .array(profile.received.map {
                .object(["controller": .string($0.controller), "data": strings($0.data), "categories": strings($0.categories),
                         "subjects": strings($0.subjects), "records": .integer($0.records), "relation": .string($0.relation),
                         "path": strings($0.path), "activities": strings($0.activities)])
            }),
            "runs": .array(profile.runs.map {
                .object(["id": .string($0.id), "kind": .string($0.kind), "name": .string($0.name), "location": .string($0.location),
                         "encryptionAtRest": optional($0.encryptionAtRest), "access": optional($0.access), "retention": optional($0.retention)])
            }),
            // Items of an array in the document's root: level 2, as in the audit report.
            "findings": .array(profile.findings.map { .rendered(JSONReporter.finding($0, level: 2)) }),
            "checklist": .array(profile.checklist.items.map {
                .object(["topic": .string($0.topic.rawValue), "title": .string($0.title), "basis": .string($0.basis),
                         "status": .string($0.status.rawValue), "detail": .string($0.detail)])
            }),
            "questions": strings(profile.questions),
        ]).renderedDocument()
    }
}
