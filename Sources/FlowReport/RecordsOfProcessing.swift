public import FlowGraph
import FlowModel

/// Art. 30 records derived from the model: 30(1) for each controller, 30(2) for each processor.
public struct RecordsOfProcessing: Sendable {
    public struct TransferLine: Sendable {
        public var importer: String
        public var countries: [String]
        public var data: [String]
        /// adequacy, scc, bcr, derogation, or nil: none (a finding).
        public var safeguard: String?
        public var via: String
        public var subject: String
    }

    public struct ControllerRecord: Sendable {
        public var id: String
        public var name: String
        public var country: String
        public var dpo: String?
        public var purposes: [String]
        public var subjects: [String]
        public var categories: [String]
        public var recipients: [String]
        public var transfers: [TransferLine]
        public var retention: [String]
        public var security: [String]
    }

    public struct ProcessorRecord: Sendable {
        public var id: String
        public var name: String
        public var country: String
        public var dpo: String?
        public var controllers: [String]
        public var processing: [String]
        public var transfers: [TransferLine]
        public var security: [String]
    }

    public var controllers: [ControllerRecord] = []
    public var processors: [ProcessorRecord] = []

    public init(graph: FlowGraph) {
        let model = graph.model
        func transferLine(_ transfer: Transfer) -> TransferLine {
            TransferLine(importer: model.organizations[transfer.importer].id, countries: transfer.countries,
                         data: transfer.data.map { model.data[$0].id }, safeguard: transfer.safeguard,
                         via: transfer.via.rawValue, subject: transfer.key)
        }
        func security(of nodes: [Int]) -> [String] {
            nodes.compactMap { node -> String? in
                guard graph.kind(ofNode: node) == .store else { return nil }
                let store = model.stores[graph.localIndex(ofNode: node)]
                return "\(store.id): encryption at rest \(store.encryptionAtRest?.rawValue ?? "undeclared"), access \(store.access?.rawValue ?? "undeclared")"
            }
        }
        var storesHolding = Array(repeating: [Int](), count: model.data.count)
        for offset in model.stores.indices {
            let node = graph.node(store: offset)
            for data in graph.nodeData[node] { storesHolding[data].append(node) }
        }
        // Flows, recipients and transfers grouped once by the organizations they concern, in
        // their order: filtering all of them for each controller and each processor was
        // quadratic (24 s at N = 20,000).
        var purposesOf: [Int: Set<String>] = [:]
        for flow in model.flows.indices {
            guard let purpose = model.flows[flow].purpose else { continue }
            for data in graph.edges[graph.flowEdge[flow]].data where graph.dataPersonal[data] {
                purposesOf[graph.dataController[data], default: []].insert(purpose)
            }
        }
        var recipientsOf: [Int: [Recipient]] = [:]
        var receivedBy: [Int: [Recipient]] = [:]
        for recipient in graph.recipients {
            recipientsOf[recipient.controller, default: []].append(recipient)
            receivedBy[recipient.organization, default: []].append(recipient)
        }
        var transfersOf: [Int: [Int]] = [:]
        var transfersFrom: [Int: [Int]] = [:]
        for (index, transfer) in graph.transfers.enumerated() {
            for controller in Set(transfer.data.filter { graph.dataPersonal[$0] }.map { graph.dataController[$0] }) {
                transfersOf[controller, default: []].append(index)
            }
            for exporter in Set(transfer.exporters) { transfersFrom[exporter, default: []].append(index) }
        }
        let controllerNodes = graph.controlledData.indices.filter { organization in
            graph.controlledData[organization].contains { graph.dataPersonal[$0] }
        }
        for controller in controllerNodes {
            let organization = model.organizations[controller]
            let data = graph.controlledData[controller].filter { graph.dataPersonal[$0] }
            let recipients = (recipientsOf[controller] ?? []).map {
                "\(model.organizations[$0.organization].name) (\(model.organizations[$0.organization].id), \($0.relation == .unlinked ? "no agreement" : $0.relation.rawValue))"
            }
            let stores = Array(Set(data.flatMap { storesHolding[$0] })).sorted()
            controllers.append(ControllerRecord(
                id: organization.id, name: organization.name, country: organization.country, dpo: organization.dpo,
                purposes: (purposesOf[controller] ?? []).sorted(),
                subjects: Array(Set(data.flatMap { model.data[$0].subjects })).sorted(),
                categories: graph.categories.names(in: graph.categories(of: data)),
                recipients: recipients,
                transfers: (transfersOf[controller] ?? []).map { transferLine(graph.transfers[$0]) },
                retention: stores.map { node in
                    let store = model.stores[graph.localIndex(ofNode: node)]
                    return "\(store.id): \(store.retention?.description ?? "undeclared")"
                },
                security: security(of: stores)))
        }
        let processorNodes = Set(graph.recipients.filter { $0.relation == .processor || $0.relation == .subprocessor }.map(\.organization))
        for processor in processorNodes.sorted() {
            let organization = model.organizations[processor]
            let received = receivedBy[processor] ?? []
            processors.append(ProcessorRecord(
                id: organization.id, name: organization.name, country: organization.country, dpo: organization.dpo,
                controllers: Array(Set(received.map { model.organizations[$0.controller].id })).sorted(),
                processing: Array(Set(received.flatMap { $0.data.map { model.data[$0].name ?? model.data[$0].id } })).sorted(),
                transfers: (transfersFrom[processor] ?? []).map { transferLine(graph.transfers[$0]) },
                security: security(of: graph.operatedNodes[processor])))
        }
    }
}

/// `flowaudit ropa` as CSV, Markdown or JSON.
public enum RecordsRenderer {
    static func transferText(_ line: RecordsOfProcessing.TransferLine) -> String {
        "to \(line.importer) in \(line.countries.joined(separator: "/")) (\(line.via) \(line.subject); \(line.data.joined(separator: ", "))): safeguard \(line.safeguard ?? "NONE")"
    }

    public static func csv(_ records: RecordsOfProcessing) -> String {
        let header = ["record", "organization", "name", "country", "dpo", "purposes", "data_subjects", "personal_data",
                      "recipients_or_controllers", "third_country_transfers", "retention", "security_measures"]
        var rows = [header]
        for record in records.controllers {
            rows.append(["30(1) controller", record.id, record.name, record.country, record.dpo ?? "",
                         record.purposes.joined(separator: "; "), record.subjects.joined(separator: "; "),
                         record.categories.joined(separator: "; "), record.recipients.joined(separator: "; "),
                         record.transfers.map(transferText).joined(separator: "; "), record.retention.joined(separator: "; "),
                         record.security.joined(separator: "; ")])
        }
        for record in records.processors {
            rows.append(["30(2) processor", record.id, record.name, record.country, record.dpo ?? "",
                         record.processing.joined(separator: "; "), "", "", record.controllers.joined(separator: "; "),
                         record.transfers.map(transferText).joined(separator: "; "), "", record.security.joined(separator: "; ")])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; double inner quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", "\"\"") + "\""
    }

    public static func markdown(_ records: RecordsOfProcessing) -> String {
        func list(_ items: [String]) -> String { items.isEmpty ? "none recorded" : items.joined(separator: "; ") }
        var lines = ["# Records of processing activities (Art. 30)", ""]
        for record in records.controllers {
            lines += ["## Controller: \(record.name) (`\(record.id)`, \(record.country)) — Art. 30(1)", ""]
            lines.append("- **Contact / DPO:** \(record.dpo ?? "none declared")")
            lines.append("- **Purposes:** \(list(record.purposes))")
            lines.append("- **Categories of data subjects:** \(list(record.subjects))")
            lines.append("- **Categories of personal data:** \(list(record.categories))")
            lines.append("- **Recipients:** \(list(record.recipients))")
            lines.append("- **Transfers to third countries:** \(list(record.transfers.map(transferText)))")
            lines.append("- **Retention:** \(list(record.retention))")
            lines.append("- **Security measures:** \(list(record.security))")
            lines.append("")
        }
        for record in records.processors {
            lines += ["## Processor: \(record.name) (`\(record.id)`, \(record.country)) — Art. 30(2)", ""]
            lines.append("- **Contact / DPO:** \(record.dpo ?? "none declared")")
            lines.append("- **On behalf of:** \(list(record.controllers))")
            lines.append("- **Categories of processing:** \(list(record.processing))")
            lines.append("- **Transfers to third countries:** \(list(record.transfers.map(transferText)))")
            lines.append("- **Security measures:** \(list(record.security))")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ records: RecordsOfProcessing) -> String {
        func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        func transfers(_ lines: [RecordsOfProcessing.TransferLine]) -> JSONValue {
            .array(lines.map {
                .object(["importer": .string($0.importer), "countries": strings($0.countries), "data": strings($0.data),
                         "safeguard": $0.safeguard.map(JSONValue.string) ?? .null, "via": .string($0.via), "subject": .string($0.subject)])
            })
        }
        return JSONValue.object([
            "controllers": .array(records.controllers.map {
                .object(["id": .string($0.id), "name": .string($0.name), "country": .string($0.country),
                         "dpo": $0.dpo.map(JSONValue.string) ?? .null, "purposes": strings($0.purposes),
                         "dataSubjects": strings($0.subjects), "personalData": strings($0.categories),
                         "recipients": strings($0.recipients), "transfers": transfers($0.transfers),
                         "retention": strings($0.retention), "securityMeasures": strings($0.security)])
            }),
            "processors": .array(records.processors.map {
                .object(["id": .string($0.id), "name": .string($0.name), "country": .string($0.country),
                         "dpo": $0.dpo.map(JSONValue.string) ?? .null, "controllers": strings($0.controllers),
                         "processing": strings($0.processing), "transfers": transfers($0.transfers),
                         "securityMeasures": strings($0.security)])
            }),
        ]).renderedDocument()
    }
}
