import FlowModel

/// `flowaudit impact` as text, Markdown or JSON.
public enum ImpactRenderer {
    public static func text(_ impact: ImpactAnalysis) -> String {
        var lines = ["Breach of \(impact.kind) \(impact.node) (\(impact.name)), run by \(impact.operatorId) in \(impact.location)"]
        if let encryption = impact.encryptionAtRest { lines.append("encryption at rest: \(encryption)") }
        lines.append("")
        guard !impact.exposed.isEmpty else {
            lines.append("No personal data is held, processed or received here.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Exposed personal data (\(impact.totalRecords) records; subjects: \(impact.subjectGroups.joined(separator: ", ")))")
        for data in impact.exposed {
            let records = data.records.map { "\($0) records" } ?? "records not stated"
            let activities = data.activities.isEmpty ? "" : "; for \(data.activities.joined(separator: ", "))"
            lines.append("  \(data.id): \(data.name) — \(data.categories.joined(separator: ", ")); \(records); controller \(data.controller)\(activities)")
        }
        lines.append("")
        lines.append("Controllers that must notify their supervisory authority within 72 hours (Art. 33(1))")
        for notifier in impact.controllers {
            lines.append("  \(notifier.name) (\(notifier.id), \(notifier.country)) → \(notifier.authority ?? "no authority in the catalogue for \(notifier.country)")")
            if notifier.chain.count > 1 { lines.append("    custody chain: " + notifier.chain.joined(separator: " → ")) }
            if notifier.dataPath.count > 1 { lines.append("    data path: " + notifier.dataPath.joined(separator: " → ")) }
        }
        lines.append("")
        lines.append("Processors that must tell their controller without undue delay (Art. 33(2))")
        lines.append(impact.processors.isEmpty ? "  none" : "  " + impact.processors.joined(separator: ", "))
        lines.append("")
        lines.append("Telling the data subjects (Art. 34): " + (impact.subjectsLikely ? "likely required" : "not clearly required"))
        if !impact.reasons.isEmpty { lines.append("  " + impact.reasons.joined(separator: "; ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ impact: ImpactAnalysis) -> String {
        var lines = ["## Breach impact: \(impact.name) (`\(impact.node)`)", ""]
        lines.append("- kind: \(impact.kind), run by `\(impact.operatorId)` in \(impact.location)")
        if let encryption = impact.encryptionAtRest { lines.append("- encryption at rest: \(encryption)") }
        lines.append("- records exposed: \(impact.totalRecords); subjects: \(impact.subjectGroups.joined(separator: ", "))")
        lines.append("- telling the data subjects (Art. 34): **\(impact.subjectsLikely ? "likely required" : "not clearly required")**" +
                     (impact.reasons.isEmpty ? "" : " — " + impact.reasons.joined(separator: "; ")))
        lines += ["", "| data set | categories | records | controller | activities |", "|---|---|---:|---|---|"]
        for data in impact.exposed {
            lines.append("| `\(data.id)` \(data.name) | \(data.categories.joined(separator: ", ")) | \(data.records.map(String.init) ?? "") | `\(data.controller)` | \(data.activities.map { "`\($0)`" }.joined(separator: ", ")) |")
        }
        lines += ["", "| controller (Art. 33(1)) | authority | custody chain |", "|---|---|---|"]
        for notifier in impact.controllers {
            lines.append("| \(notifier.name) (\(notifier.country)) | \(notifier.authority ?? "—") | \(notifier.chain.joined(separator: " → ")) |")
        }
        lines.append("")
        lines.append("Processors to tell their controller (Art. 33(2)): " + (impact.processors.isEmpty ? "none" : impact.processors.map { "`\($0)`" }.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ impact: ImpactAnalysis) -> String {
        JSONValue.object([
            "node": .object(["id": .string(impact.node), "kind": .string(impact.kind), "name": .string(impact.name),
                             "operator": .string(impact.operatorId), "location": .string(impact.location),
                             "encryptionAtRest": impact.encryptionAtRest.map(JSONValue.string) ?? .null]),
            "exposed": .array(impact.exposed.map { data in
                .object(["id": .string(data.id), "name": .string(data.name), "controller": .string(data.controller),
                         "categories": .array(data.categories.map(JSONValue.string)),
                         "subjects": .array(data.subjects.map(JSONValue.string)),
                         "records": data.records.map(JSONValue.integer) ?? .null, "special": .bool(data.special),
                         "activities": .array(data.activities.map(JSONValue.string))])
            }),
            "totalRecords": .integer(impact.totalRecords),
            "subjectGroups": .array(impact.subjectGroups.map(JSONValue.string)),
            "controllers": .array(impact.controllers.map { notifier in
                .object(["id": .string(notifier.id), "name": .string(notifier.name), "country": .string(notifier.country),
                         "authority": notifier.authority.map(JSONValue.string) ?? .null,
                         "chain": .array(notifier.chain.map(JSONValue.string)),
                         "dataPath": .array(notifier.dataPath.map(JSONValue.string))])
            }),
            "processors": .array(impact.processors.map(JSONValue.string)),
            "notifySubjects": .object(["likely": .bool(impact.subjectsLikely), "reasons": .array(impact.reasons.map(JSONValue.string))]),
        ]).renderedDocument()
    }
}
