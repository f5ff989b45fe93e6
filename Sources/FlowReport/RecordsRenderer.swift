/// `flowaudit ropa` as CSV, Markdown or JSON, with the columns named as in Art. 30.
public enum RecordsRenderer {
    static func transferText(_ line: RecordsOfProcessing.TransferLine) -> String {
        "to \(line.importer) in \(line.countries.joined(separator: "/")) (\(line.via) \(line.subject); \(line.data.joined(separator: ", "))): safeguard \(line.safeguard ?? "NONE")"
    }

    static func party(_ party: RecordsOfProcessing.Party) -> String {
        "\(party.name) (\(party.id), \(party.country))"
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "none recorded" : items.joined(separator: "; ") }

    static let activityColumns = [
        "record", "controller (a)", "controller's DPO (a)", "activity", "purposes (b)", "legal basis (Art. 6(1))",
        "Art. 9(2) condition", "data subjects (c)", "personal data (c)", "recipients (d)", "transfers to third countries (e)",
        "erasure time limits (f)", "security measures (g)", "DPIA",
    ]

    public static func csv(_ records: RecordsOfProcessing) -> String {
        var rows = [activityColumns]
        for record in records.activities {
            rows.append(["30(1) activity", party(record.controller), record.controller.dpo ?? "", record.activity ?? RecordsOfProcessing.undeclared,
                         record.purposes.joined(separator: "; "), record.legalBases.joined(separator: "; "),
                         record.article9.joined(separator: "; "), record.subjects.joined(separator: "; "),
                         record.categories.joined(separator: "; "), record.recipients.joined(separator: "; "),
                         record.transfers.map(transferText).joined(separator: "; "), record.retention.joined(separator: "; "),
                         record.security.joined(separator: "; "), record.dpia ?? ""])
        }
        // A processor's record in the same columns: (a) names both, (b) is the processing, (c) the transfers, (d) the measures.
        for record in records.processors {
            rows.append(["30(2) processor", party(record.processor) + " for " + party(record.controller), record.processor.dpo ?? "",
                         record.processing.joined(separator: "; "), "", "", "", "", "", "",
                         record.transfers.map(transferText).joined(separator: "; "), "", record.security.joined(separator: "; "), ""])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; double inner quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", "\"\"") + "\""
    }

    /// A document a DPO can file: per controller, a table with one row per processing activity;
    /// per processor and controller served, its own record.
    public static func markdown(_ records: RecordsOfProcessing) -> String {
        func cell(_ items: [String]) -> String {
            items.isEmpty ? "—" : items.map(MarkdownReporter.cell).joined(separator: "<br>")
        }
        var lines = ["# Records of processing activities (Art. 30 GDPR)", ""]
        var controllers: [String] = []
        for record in records.activities where !controllers.contains(record.controller.id) { controllers.append(record.controller.id) }
        for id in controllers {
            let rows = records.activities.filter { $0.controller.id == id }
            guard let controller = rows.first?.controller else { continue }
            lines += ["## Controller: \(party(controller)) — Art. 30(1)", ""]
            lines.append("(a) Controller: \(controller.name); data protection officer: \(controller.dpo ?? "none declared").")
            lines.append("")
            lines.append("| Activity | Purposes (b) | Legal basis | Art. 9(2) condition | Data subjects (c) | Personal data (c) | Recipients (d) | Transfers to third countries (e) | Erasure time limits (f) | Security measures (g) |")
            lines.append("|---|---|---|---|---|---|---|---|---|---|")
            for row in rows {
                let name = row.activity.map { "\(row.name) (`\($0)`)" } ?? "_\(RecordsOfProcessing.undeclared)_: \(row.data.joined(separator: ", "))"
                let cells = [name, cell(row.purposes), cell(row.legalBases), cell(row.article9), cell(row.subjects), cell(row.categories),
                             cell(row.recipients), cell(row.transfers.map(transferText)), cell(row.retention), cell(row.security)]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        for record in records.processors {
            lines += ["## Processor: \(party(record.processor)) for \(party(record.controller)) — Art. 30(2)", ""]
            lines.append("- **(a) Processor:** \(record.processor.name), data protection officer: \(record.processor.dpo ?? "none declared"); **controller:** \(record.controller.name), data protection officer: \(record.controller.dpo ?? "none declared")")
            lines.append("- **(b) Categories of processing:** \(list(record.processing))")
            lines.append("- **(c) Transfers to third countries:** \(list(record.transfers.map(transferText)))")
            lines.append("- **(d) Security measures:** \(list(record.security))")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ records: RecordsOfProcessing) -> String {
        func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func party(_ party: RecordsOfProcessing.Party) -> JSONValue {
            .object(["id": .string(party.id), "name": .string(party.name), "country": .string(party.country), "dpo": optional(party.dpo)])
        }
        func transfers(_ lines: [RecordsOfProcessing.TransferLine]) -> JSONValue {
            .array(lines.map {
                .object(["importer": .string($0.importer), "countries": strings($0.countries), "data": strings($0.data),
                         "safeguard": optional($0.safeguard), "via": .string($0.via), "subject": .string($0.subject)])
            })
        }
        return JSONValue.object([
            "activities": .array(records.activities.map {
                .object(["controller": party($0.controller), "activity": optional($0.activity), "name": .string($0.name),
                         "purposes": strings($0.purposes), "legalBases": strings($0.legalBases), "article9": strings($0.article9),
                         "data": strings($0.data), "dataSubjects": strings($0.subjects), "personalData": strings($0.categories),
                         "recipients": strings($0.recipients), "transfers": transfers($0.transfers),
                         "retention": strings($0.retention), "securityMeasures": strings($0.security), "dpia": optional($0.dpia)])
            }),
            "processors": .array(records.processors.map {
                .object(["processor": party($0.processor), "controller": party($0.controller), "processing": strings($0.processing),
                         "transfers": transfers($0.transfers), "securityMeasures": strings($0.security)])
            }),
        ]).renderedDocument()
    }
}
