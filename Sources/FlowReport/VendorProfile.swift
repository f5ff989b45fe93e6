public import FlowGraph
public import FlowPolicy
import FlowModel

/// Procurement's view of one organization: where it stands legally, what it signed, who works
/// for it, what data reaches it, what it runs, what is wrong, and what to ask before signing.
public struct VendorProfile: Sendable {
    public struct AgreementLine: Sendable {
        public var id: String
        public var type: String
        public var counterparties: [String]
        public var role: String
        public var signed: String?
        public var expires: String?
        public var expired: Bool
        public var subprocessors: String?
        public var approved: [String]
    }

    public struct SubProcessor: Sendable {
        public var id: String
        public var name: String
        public var country: String
        public var depth: Int
        public var authorisation: String
    }

    public struct Received: Sendable {
        public var controller: String
        public var data: [String]
        /// The controller's processing activities whose flows bring the data here.
        public var activities: [String]
        public var categories: [String]
        public var subjects: [String]
        public var records: Int
        public var relation: String
        public var path: [String]
    }

    public struct RunNode: Sendable {
        public var id: String
        public var kind: String
        public var name: String
        public var location: String
        public var encryptionAtRest: String?
        public var access: String?
        public var retention: String?
    }

    public var id: String
    public var name: String
    public var country: String
    public var countryName: String
    public var eea: Bool
    /// How the GDPR sees the country for this organization.
    public var standing: String
    public var role: String?
    public var sector: String
    public var certifications: [String]
    public var dpo: String?
    public var agreements: [AgreementLine]
    public var subprocessors: [SubProcessor]
    public var received: [Received]
    public var runs: [RunNode]
    public var findings: [Finding]
    public var checklist: VendorChecklist
    public var questions: [String]

    public init?(organization id: String, graph: FlowGraph, findings: [Finding]) {
        let model = graph.model
        guard let ref = model.index[id], ref.kind == .organization else { return nil }
        let index = ref.index
        let organization = model.organizations[index]
        self.id = id
        name = organization.name
        country = organization.country
        countryName = model.jurisdictions[organization.country]?.name ?? organization.country
        eea = graph.isEEA(organization.country)
        if eea {
            standing = "in the EEA: no transfer safeguard needed"
        } else if let decision = graph.adequacy(of: organization.country, for: index) {
            standing = "adequacy decision \(decision.decision)" + (decision.scope.map { " (\($0))" } ?? "") + " covers it"
        } else if let decision = model.jurisdictions[organization.country]?.adequacy {
            standing = "third country: \(decision.decision) exists but does not cover it" + (decision.scope.map { " (scope: \($0))" } ?? "")
        } else {
            standing = "third country without an adequacy decision: transfers need SCCs, BCRs or a derogation"
        }
        role = organization.role?.rawValue
        sector = organization.sector.rawValue
        certifications = organization.certifications
        dpo = organization.dpo
        agreements = model.agreements.filter { $0.boundOrganizations.contains(id) }.map { agreement in
            let role: String = switch agreement.type {
            case .dpa: agreement.processor == id ? "processor" : "controller"
            case .scc: agreement.importer == id ? "importer" : "exporter"
            case .bcr, .jointController: "party"
            }
            return AgreementLine(
                id: agreement.id, type: agreement.type.rawValue,
                counterparties: agreement.boundOrganizations.filter { $0 != id },
                role: role, signed: agreement.signed?.description, expires: agreement.expires?.description,
                expired: agreement.expires.map { $0 < graph.asOf } ?? false,
                subprocessors: agreement.type == .dpa ? agreement.subprocessors.rawValue : nil,
                approved: agreement.approved)
        }
        subprocessors = Self.tree(below: id, model: model)
        // Organizations the data reaches through it with no DPA under it: sub-processors in fact.
        let bound = Set(subprocessors.map(\.id))
        let unbound = Array(Set(graph.recipients.filter { recipient in
            recipient.organization != index && (recipient.sources.contains(index) || recipient.viaProcessor == index)
                && !bound.contains(model.organizations[recipient.organization].id)
        }.map(\.organization))).sorted { model.organizations[$0].id < model.organizations[$1].id }
        subprocessors += unbound.map { organization in
            let entity = model.organizations[organization]
            return SubProcessor(id: entity.id, name: entity.name, country: entity.country, depth: 1, authorisation: "no DPA with it")
        }
        received = graph.recipients.filter { $0.organization == index }.map { recipient in
            Received(
                controller: model.organizations[recipient.controller].id,
                data: recipient.data.map { model.data[$0].id },
                activities: Self.activities(bringing: recipient, to: index, graph: graph),
                categories: graph.categories.names(in: graph.categories(of: recipient.data)),
                subjects: Array(Set(recipient.data.flatMap { model.data[$0].subjects })).sorted(),
                records: recipient.data.compactMap { model.data[$0].records }.reduce(0, +),
                relation: recipient.relation.rawValue,
                path: recipient.inChain ? recipient.chain.map { model.organizations[$0].id } : graph.path(for: recipient.data, to: index))
        }
        runs = graph.operatedNodes[index].map { node in
            let local = graph.localIndex(ofNode: node)
            if graph.kind(ofNode: node) == .store {
                let store = model.stores[local]
                return RunNode(id: store.id, kind: "store", name: store.name ?? store.id, location: graph.nodeCountry[node],
                               encryptionAtRest: store.encryptionAtRest?.rawValue ?? "undeclared",
                               access: store.access?.rawValue ?? "undeclared", retention: store.retention?.description ?? "undeclared")
            }
            let system = model.systems[local]
            return RunNode(id: system.id, kind: "system", name: system.name ?? system.id, location: graph.nodeCountry[node],
                           encryptionAtRest: nil, access: nil, retention: nil)
        }
        // It is the subject or runs it, it is the change's target, or the data passes it or what
        // it runs (as exporter, importer, operator or along the path).
        let involved = Set(runs.map(\.id) + [id])
        self.findings = findings.filter { finding in
            involved.contains(finding.subject.id) || (finding.fix.kind == "organization" && finding.fix.id == id)
                || finding.path.contains(where: involved.contains)
                || finding.subject.key.hasSuffix("/\(id)") || finding.subject.key.hasSuffix("->\(id)")
        }
        let downstream = subprocessors.filter { $0.depth == 1 }.compactMap { sub -> (organization: Int, bound: Bool)? in
            model.index[sub.id].map { ($0.index, sub.authorisation != "no DPA with it") }
        }
        checklist = VendorChecklist(organization: index, graph: graph, downstream: downstream)
        questions = VendorQuestions.generate(organization: index, graph: graph, checklist: checklist)
    }

    /// Sub-processors reached through this organization's DPAs, depth-first, each once.
    /// The controller's activities whose flows reach a node the organization runs, or one it
    /// has access to, with the data it receives.
    static func activities(bringing recipient: Recipient, to organization: Int, graph: FlowGraph) -> [String] {
        let model = graph.model
        let controller = model.organizations[recipient.controller].id
        let received = Set(recipient.data.map { model.data[$0].id })
        return model.activities.indices.filter { activity in
            model.activities[activity].controller == controller && model.activities[activity].data.contains(where: received.contains)
                && graph.activityReach[activity].organizations.contains(organization)
        }.map { model.activities[$0].id }
    }

    static func tree(below id: String, model: Model) -> [SubProcessor] {
        var result: [SubProcessor] = []
        var seen: Set<String> = [id]
        func visit(_ controller: String, depth: Int) {
            for agreement in model.agreements where agreement.type == .dpa && agreement.controller == controller {
                guard let processor = agreement.processor, seen.insert(processor).inserted,
                      let ref = model.index[processor] else { continue }
                let organization = model.organizations[ref.index]
                result.append(SubProcessor(id: processor, name: organization.name, country: organization.country,
                                           depth: depth, authorisation: agreement.subprocessors.rawValue))
                visit(processor, depth: depth + 1)
            }
        }
        visit(id, depth: 1)
        return result
    }
}

/// Questions for the vendor, from what the model leaves undeclared or unresolved.
enum VendorQuestions {
    static func generate(organization index: Int, graph: FlowGraph, checklist: VendorChecklist) -> [String] {
        let model = graph.model
        let organization = model.organizations[index]
        let specialMask = graph.categories.special
        var questions: [String] = []
        let receives = graph.recipients.filter { $0.organization == index }
        let handlesSpecial = receives.contains { graph.categories(of: $0.data).intersects(specialMask) }
        if organization.dpo == nil, handlesSpecial || organization.sector == .publicSector {
            questions.append("Who is your data protection officer, and how is the DPO reached (Art. 37)?")
        }
        // SCCs the vendor has signed as importer: ask what they rest on rather than for them again.
        let sccs = model.agreements.filter { $0.type == .scc && $0.importer == organization.id }.map(\.id).sorted()
        let countryName = model.jurisdictions[organization.country]?.name ?? organization.country
        if !graph.isEEA(organization.country), !sccs.isEmpty, graph.adequacy(of: organization.country, for: index) == nil {
            questions.append("Under \(sccs.joined(separator: ", ")): what does your transfer impact assessment (Clause 14) conclude about public authorities' access to data in \(countryName), and which supplementary measures do you apply?")
        } else if !graph.isEEA(organization.country) {
            if organization.country == "US", !organization.certifications.contains("dpf") {
                questions.append("Are you certified under the EU-US Data Privacy Framework for this kind of data? If not, will you sign SCCs?")
            } else if graph.adequacy(of: organization.country, for: index) == nil {
                questions.append("You are established in \(countryName), which has no adequacy decision covering you: will you sign SCCs (Decision (EU) 2021/914) with each exporter, and what supplementary measures do you apply?")
            }
        }
        for recipient in receives where !recipient.dpaWithController && recipient.relation != .jointController && recipient.relation != .thirdParty {
            let controller = model.organizations[recipient.controller]
            if recipient.inChain {
                if !recipient.chainAuthorised {
                    questions.append("\(controller.name) has not authorised you as a sub-processor: who engaged you, and under which written authorisation (Art. 28(2))?")
                }
            } else {
                questions.append("You receive personal data of \(controller.name) without a data processing agreement: will you sign one (Art. 28(3)), or are you a controller in your own right?")
            }
        }
        for node in graph.operatedNodes[index] where graph.kind(ofNode: node) == .store {
            let store = model.stores[graph.localIndex(ofNode: node)]
            let data = graph.nodeData[node].filter { graph.dataPersonal[$0] }
            guard !data.isEmpty else { continue }
            let special = graph.categories(of: data).intersects(specialMask)
            let label = store.name ?? store.id
            if store.encryptionAtRest == nil {
                questions.append("Is \(label) encrypted at rest, and who holds the keys?" + (special ? " It holds special-category data." : ""))
            } else if store.encryptionAtRest == EncryptionAtRest.none {
                questions.append("\(label) is not encrypted at rest: when will it be, and with whose keys?")
            }
            if store.access == nil { questions.append("Who can reach \(label): the public, authenticated users, or internal staff only?") }
            if store.access == .public { questions.append("\(label) is open to the public: why, and what stops anyone from downloading its personal data?") }
            if store.retention == nil { questions.append("How long does \(label) keep personal data, and how is it deleted?") }
            if store.deletion == .unsupported { questions.append("Single records cannot be erased from \(label): how do you honour erasure requests (Art. 17)?") }
        }
        // Sign-in and logging of what it runs, and of what it reaches in others' systems.
        for node in graph.operatedNodes[index] where graph.nodeData[node].contains(where: { graph.dataPersonal[$0] }) {
            questions += signInQuestions(node, graph: graph, remote: false)
        }
        // An access edge runs from the node reached to the organization reaching in.
        for node in 0..<graph.nodeCount where graph.kind(ofNode: node) != .organization && graph.nodeOperator[node] != index
            && graph.outgoing[node].contains(where: { !graph.edges[$0].isDeclaredFlow && graph.edges[$0].to == index }) {
            questions += signInQuestions(node, graph: graph, remote: true)
        }
        for transfer in graph.transfers where transfer.safeguard == nil && transfer.exporters.contains(index) {
            let importer = model.organizations[transfer.importer]
            questions.append("Which safeguard covers your transfer of personal data to \(importer.name) in \(transfer.countries.joined(separator: ", ")) (SCCs, BCRs)?")
        }
        for agreement in model.agreements where agreement.type == .dpa && agreement.processor == organization.id {
            if agreement.subprocessors == .general {
                questions.append("Which sub-processors do you use under \(agreement.id), and how do you notify changes so they can be objected to (Art. 28(2))?")
            }
            if let expires = agreement.expires, expires < graph.asOf {
                questions.append("\(agreement.id) expired on \(expires): will you renew it?")
            }
        }
        for edgeIndex in graph.operatedNodes[index].flatMap({ graph.incoming[$0] }) + graph.incoming[index] {
            let edge = graph.edges[edgeIndex]
            guard case .flow(let flow) = edge.origin, model.flows[flow].encryptedInTransit == nil,
                  edge.data.contains(where: { graph.dataPersonal[$0] }) else { continue }
            questions.append("Is the connection for flow \(model.flows[flow].id) (from \(model.flows[flow].from)) encrypted in transit?")
        }
        // What the checklist leaves open and no question above asks (measures are asked above, per store and system).
        let isProcessorUnderDPA = model.agreements.contains { $0.type == .dpa && $0.processor == organization.id }
        for item in checklist.items where item.status == .unanswered || item.status == .gap {
            switch item.topic {
            case .contract, .confidentiality, .breachNotice, .deletion, .audits where !isProcessorUnderDPA:
                break // the DPA itself is asked for above
            case .contract where item.status == .unanswered:
                questions.append("Does your DPA contain the eight clauses Art. 28(3) requires (\(item.detail))?")
            case .contract:
                questions.append("Will you add the missing Art. 28(3) clauses (\(item.detail))?")
            case .breachNotice:
                questions.append("How soon after discovering a breach do you tell the controller, and what do you tell it (Art. 33(2))?")
            case .deletion:
                questions.append("How do you delete or return all personal data when the service ends, backups included (Art. 28(3)(g))?")
            case .audits:
                questions.append("Will you allow audits and inspections by the controller or its auditor (Art. 28(3)(h))?")
            case .confidentiality:
                questions.append("Are the people who process the data bound to confidentiality (Art. 28(3)(b))?")
            case .security, .remoteAccess:
                break
            case .subprocessors:
                questions.append("Which contracts bind the organizations you pass personal data to (\(item.detail); Art. 28(4))?")
            case .transfer:
                break // asked above, with the SCCs the model records
            }
        }
        var seen = Set<String>()
        return questions.filter { seen.insert($0).inserted }
    }

    /// How people sign in to a store or system and whether access is logged, when the model does
    /// not say or says too little (Art. 32(1)(b)).
    static func signInQuestions(_ node: Int, graph: FlowGraph, remote: Bool) -> [String] {
        let local = graph.localIndex(ofNode: node)
        let (label, logging, authentication): (String, AccessLogging?, Authentication?) = graph.kind(ofNode: node) == .store
            ? (graph.model.stores[local].name ?? graph.model.stores[local].id, graph.model.stores[local].accessLogging, graph.model.stores[local].authentication)
            : (graph.model.systems[local].name ?? graph.model.systems[local].id, graph.model.systems[local].accessLogging, graph.model.systems[local].authentication)
        let whose = remote ? "your staff's remote access to \(label)" : label
        var questions: [String] = []
        switch authentication {
        case nil where remote: questions.append("How do your staff sign in when they reach \(label) remotely: is a second factor required?")
        case nil: questions.append("How do people sign in to \(label): is a second factor required?")
        case .none?: questions.append("\(label) needs no sign-in: when will it require one, with a second factor?")
        case .password?: questions.append("Sign-in to \(label) takes a password only: when will a second factor be required?")
        default: break
        }
        switch logging {
        case nil: questions.append("Is \(whose) logged (who opened which record), and does anyone review the logs?")
        case .none?: questions.append("Access to \(label) is not logged: when will it be, and who will review the logs?")
        default: break
        }
        return questions
    }
}
