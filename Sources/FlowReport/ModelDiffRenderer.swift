import FlowPolicy

/// `flowaudit diff` as text for a terminal, markdown for a pull-request comment (a summary table,
/// the details folded), or JSON.
public enum ModelDiffRenderer {
    /// Names the two sides and the day both were judged on.
    public struct Heading: Sendable {
        public var old: String
        public var new: String
        public var asOf: String

        public init(old: String, new: String, asOf: String) {
            self.old = old
            self.new = new
            self.asOf = asOf
        }
    }

    // MARK: One line per change

    static func party(_ party: ModelDiff.Party) -> String {
        "\(party.name) (\(party.id), \(party.country))"
    }

    static func summary(_ change: ModelDiff.RecipientChange) -> String {
        let verb = change.change == .added ? "now receives" : "no longer receives"
        return "\(party(change.organization)) \(verb) personal data of \(change.controller.name) as \(relation(change.relation)): "
            + change.categories.joined(separator: ", ")
    }

    /// How a recipient stands with the controller, in words.
    private static func relation(_ relation: String) -> String {
        switch relation {
        case "subprocessor": "a sub-processor"
        case "processor": "a processor"
        case "joint-controller": "a joint controller"
        case "third-party": "a third party"
        default: "a recipient with no contract"
        }
    }

    static func summary(_ notice: ModelDiff.SubprocessorNotice) -> String {
        let verb = notice.change == .added ? "engages" : "no longer engages"
        let controllers = notice.controllers.map(\.name).joined(separator: ", ")
        let agreement = notice.agreement.map { "under DPA \($0)" } ?? "under no DPA"
        return "\(party(notice.processor)) \(verb) sub-processor \(party(notice.subprocessor)) for \(controllers): "
            + "\(notice.data.joined(separator: ", ")) (\(notice.categories.joined(separator: ", "))), \(agreement)"
    }

    static func summary(_ transfer: ModelDiff.TransferChange) -> String {
        let route = "\(transfer.exporters.map(\.name).joined(separator: ", ")) → \(party(transfer.importer))"
        let safeguard = transfer.safeguard ?? "none"
        switch transfer.change {
        case .changed:
            return "transfer \(transfer.key) (\(transfer.via)) \(route): safeguard \(transfer.previousSafeguard ?? "none") → \(safeguard), to \(transfer.countries.joined(separator: ", "))"
        case .removed:
            return "transfer \(transfer.key) (\(transfer.via)) \(route) ends"
        default:
            return "transfer \(transfer.key) (\(transfer.via)) \(route) to \(transfer.countries.joined(separator: ", ")): "
                + "\(transfer.categories.joined(separator: ", ")); safeguard: \(safeguard)"
        }
    }

    static func summary(_ reach: ModelDiff.CategoryReach) -> String {
        let place = reach.place == .country ? reach.id : "\(reach.name) (\(reach.id))"
        return "\(place) newly reached by \(reach.categories.joined(separator: ", "))\(reach.special ? " (special categories)" : "")"
    }

    static func summary(_ store: ModelDiff.StoreChange) -> String {
        "store \(store.name) (\(store.store)): \(store.field) \(store.before ?? "undeclared") → \(store.after ?? "undeclared")"
    }

    static func summary(_ agreement: ModelDiff.AgreementChange) -> String {
        let what = "\(agreement.type) \(agreement.id) (\(agreement.parties.joined(separator: ", ")))"
        switch agreement.change {
        case .added: return "agreement \(what) added"
        case .removed: return "agreement \(what) removed"
        default: return "agreement \(what) expired on \(agreement.expires ?? "?")"
        }
    }

    // MARK: A change named in a few words (a finding's cause)

    static func reference(_ transfer: ModelDiff.TransferChange) -> String {
        switch transfer.change {
        case .changed: "transfer \(transfer.key) now under \(transfer.safeguard ?? "no safeguard") (was \(transfer.previousSafeguard ?? "none"))"
        case .removed: "transfer \(transfer.key) ended"
        default: "new transfer \(transfer.key) to \(transfer.countries.joined(separator: ", "))"
        }
    }

    static func reference(_ notice: ModelDiff.SubprocessorNotice) -> String {
        "\(notice.change == .added ? "new" : "removed") sub-processor \(notice.subprocessor.name) of \(notice.processor.name)"
    }

    static func reference(_ recipient: ModelDiff.RecipientChange) -> String {
        "\(recipient.organization.name) \(recipient.change == .added ? "starts" : "stops") receiving \(recipient.controller.name)'s data"
    }

    static func reference(_ agreement: ModelDiff.AgreementChange) -> String {
        "agreement \(agreement.id) \(agreement.change == .expired ? "expired" : agreement.change.rawValue)"
    }

    static func summary(_ finding: Finding) -> String {
        "[\(finding.severity.rawValue)] \(finding.rule) \(finding.subject.key): \(finding.message) (\(finding.span))"
    }

    private static func sign(_ change: ModelDiff.Change) -> String {
        switch change {
        case .added: "+"
        case .removed: "-"
        case .changed: "~"
        case .expired: "!"
        }
    }

    // MARK: Sections

    private struct Section {
        var title: String
        var lines: [(sign: String, text: String, note: String?)]
    }

    private static func sections(_ diff: ModelDiff) -> [Section] {
        [
            Section(title: "Sub-processors (Art. 28(2) notices)", lines: diff.subprocessors.map { (sign($0.change), summary($0), nil) }),
            Section(title: "Recipients of personal data", lines: diff.recipients.map { (sign($0.change), summary($0), nil) }),
            Section(title: "Transfers to third countries", lines: diff.transfers.map { (sign($0.change), summary($0), nil) }),
            Section(title: "Data categories reaching organizations and countries", lines: diff.reach.map { ("+", summary($0), nil) }),
            Section(title: "Stores", lines: diff.stores.map { ("~", summary($0), nil) }),
            Section(title: "Agreements", lines: diff.agreements.map { (sign($0.change), summary($0), nil) }),
            Section(title: "Findings", lines: diff.findings.map { (sign($0.change), summary($0.finding), $0.cause) }),
        ].filter { !$0.lines.isEmpty }
    }

    /// "2 new sub-processors, 1 transfer added, ..."
    private static func counts(_ diff: ModelDiff) -> [(label: String, count: Int)] {
        func count(_ changes: [ModelDiff.Change], _ wanted: ModelDiff.Change) -> Int {
            changes.filter { $0 == wanted }.count
        }
        let newFindings = diff.findings.filter { $0.change == .added }
        let bySeverity = Severity.allCases.compactMap { severity -> String? in
            let number = newFindings.filter { $0.finding.severity == severity }.count
            return number == 0 ? nil : "\(number) \(severity.rawValue)"
        }
        let findingLabel = bySeverity.isEmpty ? "new findings" : "new findings (" + bySeverity.joined(separator: ", ") + ")"
        let (subprocessors, recipients) = (diff.subprocessors.map(\.change), diff.recipients.map(\.change))
        let (transfers, agreements) = (diff.transfers.map(\.change), diff.agreements.map(\.change))
        var rows: [(label: String, count: Int)] = []
        rows.append(("sub-processors added", count(subprocessors, .added)))
        rows.append(("sub-processors removed", count(subprocessors, .removed)))
        rows.append(("organizations starting to receive personal data", count(recipients, .added)))
        rows.append(("organizations no longer receiving personal data", count(recipients, .removed)))
        rows.append(("transfers added", count(transfers, .added)))
        rows.append(("transfers removed", count(transfers, .removed)))
        rows.append(("transfers whose safeguard or country changed", count(transfers, .changed)))
        rows.append(("places newly reached by special categories", diff.reach.filter(\.special).count))
        rows.append(("store settings changed", diff.stores.count))
        rows.append(("agreements added", count(agreements, .added)))
        rows.append(("agreements removed", count(agreements, .removed)))
        rows.append(("agreements expired since", count(agreements, .expired)))
        rows.append((findingLabel, newFindings.count))
        rows.append(("resolved findings", diff.findings.filter { $0.change == .removed }.count))
        return rows.filter { $0.count > 0 }
    }

    // MARK: Formats

    public static func text(_ diff: ModelDiff, heading: Heading) -> String {
        var out = "flowaudit diff \(heading.old) → \(heading.new) (as of \(heading.asOf))\n"
        guard !diff.isEmpty else { return out + "no change to the data's journey and no new or resolved finding\n" }
        for section in sections(diff) {
            out += "\n\(section.title.uppercased())\n"
            for line in section.lines {
                out += "  \(line.sign) \(line.text)\n"
                if let note = line.note { out += "      caused by: \(note)\n" }
            }
        }
        out += "\n" + counts(diff).map { "\($0.label): \($0.count)" }.joined(separator: "; ") + "\n"
        return out
    }

    /// GitHub refuses a comment over 65,536 characters; the details stop short of that.
    public static let markdownLimit = 60_000

    public static func markdown(_ diff: ModelDiff, heading: Heading, limit: Int = markdownLimit) -> String {
        var out = "## flowaudit: what this change does to the data map\n\n"
        out += "`\(heading.old)` → `\(heading.new)`, judged as of \(heading.asOf).\n\n"
        guard !diff.isEmpty else { return out + "No change to the data's journey, and no new or resolved finding.\n" }
        out += "| Change | Count |\n|---|---:|\n"
        for (label, count) in counts(diff) { out += "| \(MarkdownReporter.textCell(label)) | \(count) |\n" }
        var left = 0
        // Room kept for the sections' frames and the closing note.
        let budget = limit - 1_000
        for section in sections(diff) {
            var body = ""
            for line in section.lines {
                var item = "- \(word(line.sign)) \(MarkdownReporter.textCell(line.text))"
                if let note = line.note { item += "<br>caused by: \(MarkdownReporter.textCell(note))" }
                item += "\n"
                guard out.utf8.count + body.utf8.count + item.utf8.count < budget else {
                    left += 1
                    continue
                }
                body += item
            }
            guard !body.isEmpty else { continue }
            out += "\n<details\(section.title == "Findings" || section.title.hasPrefix("Sub-processors") ? " open" : "")>"
            out += "<summary><b>\(section.title)</b> (\(section.lines.count))</summary>\n\n" + body + "\n</details>\n"
        }
        if left > 0 {
            out += "\n\(left) more \(left == 1 ? "change is" : "changes are") left out to keep this comment within GitHub's size limit; `flowaudit diff` lists every one.\n"
        }
        return out
    }

    public static func json(_ diff: ModelDiff, heading: Heading) -> String {
        func party(_ party: ModelDiff.Party) -> JSONValue {
            .object(["id": .string(party.id), "name": .string(party.name), "country": .string(party.country)])
        }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        let document: [String: JSONValue] = [
            "old": .string(heading.old), "new": .string(heading.new), "asOf": .string(heading.asOf),
            "subprocessors": .array(diff.subprocessors.map {
                .object(["change": .string($0.change.rawValue), "processor": party($0.processor), "subprocessor": party($0.subprocessor),
                         "controllers": .array($0.controllers.map(party)), "data": strings($0.data),
                         "categories": strings($0.categories), "agreement": optional($0.agreement)])
            }),
            "recipients": .array(diff.recipients.map {
                .object(["change": .string($0.change.rawValue), "controller": party($0.controller), "organization": party($0.organization),
                         "relation": .string($0.relation), "categories": strings($0.categories)])
            }),
            "transfers": .array(diff.transfers.map {
                .object(["change": .string($0.change.rawValue), "key": .string($0.key), "via": .string($0.via),
                         "exporters": .array($0.exporters.map(party)), "importer": party($0.importer),
                         "countries": strings($0.countries), "categories": strings($0.categories),
                         "safeguard": optional($0.safeguard), "previousSafeguard": optional($0.previousSafeguard)])
            }),
            "reach": .array(diff.reach.map {
                .object(["place": .string($0.place.rawValue), "id": .string($0.id), "name": .string($0.name),
                         "categories": strings($0.categories), "special": .bool($0.special)])
            }),
            "stores": .array(diff.stores.map {
                .object(["store": .string($0.store), "name": .string($0.name), "field": .string($0.field),
                         "before": optional($0.before), "after": optional($0.after)])
            }),
            "agreements": .array(diff.agreements.map {
                .object(["change": .string($0.change.rawValue), "id": .string($0.id), "type": .string($0.type),
                         "parties": strings($0.parties), "expires": optional($0.expires)])
            }),
            "findings": .array(diff.findings.map {
                .object(["change": .string($0.change.rawValue), "fingerprint": .string($0.finding.fingerprint),
                         "rule": .string($0.finding.rule), "severity": .string($0.finding.severity.rawValue),
                         "message": .string($0.finding.message), "location": .string($0.finding.span.description),
                         "cause": optional($0.cause)])
            }),
        ]
        return JSONValue.object(document).renderedDocument()
    }

    private static func word(_ sign: String) -> String {
        switch sign {
        case "+": "**added**"
        case "-": "**removed**"
        case "!": "**expired**"
        default: "**changed**"
        }
    }
}
