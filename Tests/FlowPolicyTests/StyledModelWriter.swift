import FlowModel

/// Writes a model back as YAML from its field tables, in one of the styles users write models
/// in, so that the same model can be read in every style and compared.
struct StyledModelWriter {
    enum Style: String, CaseIterable, Sendable {
        case block, flow, doubleQuoted, singleQuoted, blockScalars, comments, crlf, byteOrderMark, documents, aliases, mergeKeys
    }

    let style: Style

    /// The model as one file, or as `files` files with every section's entries shared out.
    func files(_ model: Model, count: Int = 1) -> [String] {
        var outputs = Array(repeating: "", count: count)
        // Anchors are a document's own: one set per file.
        var aliases = Array(repeating: Aliases(), count: count)
        for section in ModelSections.all {
            let entries = section.entries(model)
            guard !entries.isEmpty else { continue }
            let share = (entries.count + count - 1) / count
            for file in 0..<count {
                let slice = entries.dropFirst(file * share).prefix(share)
                guard !slice.isEmpty else { continue }
                var text = style == .documents ? "---\n" : ""
                text += section.name + ":\n"
                for entry in slice {
                    if style == .comments { text += "  # \(entry.id)\n" }
                    text += self.entry(entry, of: section, aliases: &aliases[file])
                }
                outputs[file] += text
            }
        }
        return outputs.map(finish)
    }

    private func finish(_ text: String) -> String {
        switch style {
        case .crlf: text.replacingOccurrences(of: "\n", with: "\r\n")
        case .byteOrderMark: "\u{FEFF}" + text
        default: text
        }
    }

    private func entry(_ entry: SectionEntry, of section: ModelSection, aliases: inout Aliases) -> String {
        let layout = section.layout
        // Only the fields of the entry's variant; an empty list is written (`clauses: []` is not an absent list).
        let variant = section.fields.variantField.flatMap { name in entry.fields.first { $0.name == name }?.value }
        let fields = zip(entry.fields, section.fields.fields).filter { field, description in
            if field.value == .absent { return false }
            if let variants = description.variants, case .text(let word) = variant, !variants.contains(word) { return false }
            return true
        }.map(\.0)
        let head = layout == .keyed ? "  \(scalar(entry.id, quoted: false)):" : "  -"
        if style == .flow {
            let body = fields.map { "\($0.name): \(flowValue($0.value))" }.joined(separator: ", ")
            return "\(head) {\(body)}\n"
        }
        // Block: keyed entries put their fields on the lines below, listed ones after `- `.
        var lines: [String] = []
        var merged: [String] = []
        for (position, field) in fields.enumerated() {
            if style == .mergeKeys, layout == .keyed, position == 0, case .text = field.value {
                merged.append("\(field.name): \(flowValue(field.value))")
                continue
            }
            lines += blockField(field.name, field.value, aliases: &aliases)
        }
        if !merged.isEmpty { lines.append("<<: {\(merged.joined(separator: ", "))}") }
        let indent = "    "
        if layout == .keyed {
            return head + "\n" + lines.map { indent + $0 + "\n" }.joined()
        }
        guard let first = lines.first else { return head + " {}\n" }
        return head + " " + first + "\n" + lines.dropFirst().map { indent + $0 + "\n" }.joined()
    }

    private func blockField(_ name: String, _ value: FieldValue, aliases: inout Aliases) -> [String] {
        switch value {
        case .absent: return []
        case .texts(let items):
            if items.isEmpty { return ["\(name): []"] }
            return ["\(name):"] + items.map { "  - " + scalar($0, quoted: true) }
        case .text(let text):
            if style == .blockScalars {
                return ["\(name): |-"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            }
            if style == .aliases, Aliases.plain(text) {
                return ["\(name): " + aliases.mark(text)]
            }
            let comment = style == .comments ? " # \(name)" : ""
            return ["\(name): " + scalar(text, quoted: true) + comment]
        default:
            return ["\(name): " + flowValue(value)]
        }
    }

    private func flowValue(_ value: FieldValue) -> String {
        switch value {
        case .absent: "null"
        case .text(let text): scalar(text, quoted: true)
        case .texts(let items): "[" + items.map { scalar($0, quoted: true) }.joined(separator: ", ") + "]"
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        }
    }

    /// Text in the style's quotes (`quoted`), or plain where that reads back the same.
    private func scalar(_ text: String, quoted: Bool) -> String {
        switch style {
        case .doubleQuoted where quoted: Self.doubleQuoted(text)
        case .singleQuoted where quoted && !text.contains("\n") && !text.contains("\t"):
            "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        default: Aliases.plain(text) ? text : Self.doubleQuoted(text)
        }
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Anchors on the first use of a value, aliases on the later ones.
    struct Aliases {
        private var anchors: [String: String] = [:]

        mutating func mark(_ text: String) -> String {
            if let anchor = anchors[text] { return "*" + anchor }
            let anchor = "a\(anchors.count)"
            anchors[text] = anchor
            return "&\(anchor) \(text)"
        }

        /// Text that a plain scalar writes as it is.
        static func plain(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
            let indicators = "-?:,[]{}#&*!|>'\"%@`~ "
            if indicators.unicodeScalars.contains(first) || last == " " || last == ":" { return false }
            if ["null", "Null", "NULL", "true", "false", "<<"].contains(text) { return false }
            return !text.contains(": ") && !text.contains(" #") && !text.contains("\n") && !text.contains("\t")
                && !text.contains(",") && !text.contains("[") && !text.contains("]") && !text.contains("{") && !text.contains("}")
        }
    }
}
