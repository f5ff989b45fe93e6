import FlowGraph
public import FlowModel
public import FlowPolicy

/// What a change to a model does to the data's journey, from the graphs of both sides: who
/// starts or stops receiving personal data, new and removed sub-processors (the Art. 28(2)
/// notice a processor owes its controllers), transfers, data categories reaching organizations
/// and countries, stores whose security changed, agreements, and the findings it adds or
/// resolves, each with the change behind it where the graph shows one. Items are keyed by id:
/// a renamed id is one removed and one added.
public struct ModelDiff: Sendable {
    public enum Change: String, Sendable {
        case added, removed, changed, expired
    }

    /// An organization or a country, as a reader needs it.
    public struct Party: Sendable, Hashable {
        public var id: String
        public var name: String
        public var country: String
    }

    /// An organization that starts or stops receiving a controller's personal data.
    public struct RecipientChange: Sendable {
        public var change: Change
        public var controller: Party
        public var organization: Party
        public var relation: String
        public var categories: [String]
    }

    /// A sub-processor a processor starts or stops using for its controllers' data.
    public struct SubprocessorNotice: Sendable {
        public var change: Change
        public var processor: Party
        public var subprocessor: Party
        public var controllers: [Party]
        public var data: [String]
        public var categories: [String]
        /// The DPA binding the sub-processor to the processor; nil when none does.
        public var agreement: String?
    }

    public struct TransferChange: Sendable {
        public var change: Change
        public var key: String
        public var via: String
        public var exporters: [Party]
        public var importer: Party
        public var countries: [String]
        public var categories: [String]
        public var safeguard: String?
        /// The safeguard before, for a changed transfer.
        public var previousSafeguard: String?
    }

    /// Personal data categories that newly reach an organization or a country.
    public struct CategoryReach: Sendable {
        public enum Place: String, Sendable { case organization, country }
        public var place: Place
        public var id: String
        public var name: String
        public var categories: [String]
        public var special: Bool
    }

    public struct StoreChange: Sendable {
        public var store: String
        public var name: String
        public var field: String
        public var before: String?
        public var after: String?
    }

    public struct AgreementChange: Sendable {
        public var change: Change
        public var id: String
        public var type: String
        public var parties: [String]
        public var expires: String?
    }

    public struct FindingChange: Sendable {
        public var change: Change
        public var finding: Finding
        /// The change this finding comes with, where the graph shows one.
        public var cause: String?
    }

    public var recipients: [RecipientChange] = []
    public var subprocessors: [SubprocessorNotice] = []
    public var transfers: [TransferChange] = []
    public var reach: [CategoryReach] = []
    public var stores: [StoreChange] = []
    public var agreements: [AgreementChange] = []
    public var findings: [FindingChange] = []

    public var isEmpty: Bool {
        recipients.isEmpty && subprocessors.isEmpty && transfers.isEmpty && reach.isEmpty && stores.isEmpty
            && agreements.isEmpty && findings.isEmpty
    }

    /// New findings at or above `threshold`.
    public func newFindings(atLeast threshold: Severity) -> [Finding] {
        findings.filter { $0.change == .added && $0.finding.severity >= threshold }.map(\.finding)
    }

    /// `old` and `new` judged on the same day; `expiredSince`, the day the old side was written
    /// (a git revision's commit), lists the agreements that expired since.
    public init(old: Audit, new: Audit, expiredSince: CivilDate? = nil) {
        let (before, after) = (Side(old.graph), Side(new.graph))
        recipients = Self.changes(before.recipients, after.recipients) { $1.recipientChange($0) }
        subprocessors = Self.changes(before.subprocessors, after.subprocessors) { $1.notice($0) }
        transfers = Self.transferChanges(before, after)
        reach = Self.reachChanges(before, after)
        stores = Self.storeChanges(before, after)
        agreements = Self.agreementChanges(old.graph.model, new.graph.model, asOf: new.graph.asOf, since: expiredSince)
        findings = findingChanges(old.findings, new.findings)
    }

    /// Items keyed alike on both sides: those only after (added), then those only before (removed).
    private static func changes<Item, Result>(
        _ before: [String: Item], _ after: [String: Item], _ make: (Change, Item) -> Result
    ) -> [Result] {
        after.keys.filter { before[$0] == nil }.sorted().compactMap { after[$0].map { make(.added, $0) } }
            + before.keys.filter { after[$0] == nil }.sorted().compactMap { before[$0].map { make(.removed, $0) } }
    }

    private static func transferChanges(_ before: Side, _ after: Side) -> [TransferChange] {
        var result = changes(before.transfers, after.transfers) { change, transfer in transfer.change(change) }
        for key in after.transfers.keys.sorted() {
            guard let old = before.transfers[key], let new = after.transfers[key],
                  old.transfer.safeguard != new.transfer.safeguard || old.transfer.countries != new.transfer.countries
            else { continue }
            var change = new.change(.changed)
            change.previousSafeguard = old.transfer.safeguard
            result.append(change)
        }
        return result
    }

    private static func reachChanges(_ before: Side, _ after: Side) -> [CategoryReach] {
        var result: [CategoryReach] = []
        for (place, old, new) in [(CategoryReach.Place.organization, before.organizationReach, after.organizationReach),
                                  (.country, before.countryReach, after.countryReach)] {
            for id in new.keys.sorted() {
                guard let reached = new[id] else { continue }
                let fresh = reached.categories.subtracting(old[id]?.categories ?? [])
                guard !fresh.isEmpty else { continue }
                result.append(CategoryReach(
                    place: place, id: id, name: reached.name, categories: fresh.sorted(),
                    special: fresh.contains { after.isSpecial($0) }))
            }
        }
        // Special categories first: they are what a reviewer must not miss.
        return result.enumerated().sorted { ($0.element.special ? 0 : 1, $0.offset) < ($1.element.special ? 0 : 1, $1.offset) }.map(\.element)
    }

    private static func storeChanges(_ before: Side, _ after: Side) -> [StoreChange] {
        var result: [StoreChange] = []
        for id in after.stores.keys.sorted() {
            guard let old = before.stores[id], let new = after.stores[id] else { continue }
            for (field, was, now) in zip(Side.storeFields, zip(old.values, new.values)).map({ ($0, $1.0, $1.1) }) where was != now {
                result.append(StoreChange(store: id, name: new.name, field: field, before: was, after: now))
            }
        }
        return result
    }

    private static func agreementChanges(_ old: Model, _ new: Model, asOf: CivilDate, since: CivilDate?) -> [AgreementChange] {
        func line(_ agreement: Agreement, _ change: Change) -> AgreementChange {
            AgreementChange(change: change, id: agreement.id, type: agreement.type.rawValue,
                            parties: agreement.boundOrganizations, expires: agreement.expires?.description)
        }
        let before = Dictionary(old.agreements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.agreements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result = changes(before, after) { change, agreement in line(agreement, change) }
        if let since {
            for id in after.keys.sorted() {
                guard let agreement = after[id], let expires = agreement.expires, expires > since, expires <= asOf else { continue }
                result.append(line(agreement, .expired))
            }
        }
        return result
    }

    /// Active findings (neither waived nor baselined) by fingerprint, each with the change behind it.
    private func findingChanges(_ old: [Finding], _ new: [Finding]) -> [FindingChange] {
        let before = Set(old.filter(\.isActive).map(\.fingerprint))
        let after = Set(new.filter(\.isActive).map(\.fingerprint))
        let added = new.filter { $0.isActive && !before.contains($0.fingerprint) }
        let removed = old.filter { $0.isActive && !after.contains($0.fingerprint) }
        let (causesOfNew, causesOfResolved) = (CauseIndex(self, .added), CauseIndex(self, .removed))
        return added.map { FindingChange(change: .added, finding: $0, cause: causesOfNew.cause(of: $0, in: self)) }
            + removed.map { FindingChange(change: .removed, finding: $0, cause: causesOfResolved.cause(of: $0, in: self)) }
    }
}

/// The changes that can explain a finding of one direction, by the ids a finding names: the
/// first change (in list order) that names its subject or an organization on its path, among
/// transfers, then sub-processors, recipients, stores and agreements (one removed or expired
/// explains a new finding, one added a resolved one). Indexed once, so that finding a cause
/// costs a few lookups whatever the number of changes.
private struct CauseIndex {
    private var transferByKey: [String: Int] = [:]
    private var subprocessorById: [String: Int] = [:]
    private var recipientByKey: [String: Int] = [:]
    private var recipientByOrganization: [String: Int] = [:]
    private var storeById: [String: Int] = [:]
    private var agreementByParty: [String: Int] = [:]
    private var agreementById: [String: Int] = [:]

    init(_ diff: ModelDiff, _ direction: ModelDiff.Change) {
        func matches(_ change: ModelDiff.Change) -> Bool {
            change == direction || (direction == .added && change == .changed)
        }
        func first(_ map: inout [String: Int], _ key: String, _ position: Int) {
            if map[key] == nil { map[key] = position }
        }
        for (position, transfer) in diff.transfers.enumerated() where matches(transfer.change) {
            first(&transferByKey, transfer.key, position)
        }
        for (position, notice) in diff.subprocessors.enumerated() where matches(notice.change) {
            first(&subprocessorById, notice.subprocessor.id, position)
        }
        for (position, recipient) in diff.recipients.enumerated() where matches(recipient.change) {
            first(&recipientByKey, "\(recipient.controller.id)/\(recipient.organization.id)", position)
            first(&recipientByOrganization, recipient.organization.id, position)
        }
        for (position, store) in diff.stores.enumerated() { first(&storeById, store.store, position) }
        let agreementDirection: Set<ModelDiff.Change> = direction == .added ? [.removed, .expired] : [.added]
        for (position, agreement) in diff.agreements.enumerated() where agreementDirection.contains(agreement.change) {
            for party in agreement.parties { first(&agreementByParty, party, position) }
            first(&agreementById, agreement.id, position)
        }
    }

    func cause(of finding: Finding, in diff: ModelDiff) -> String? {
        let subject = [finding.subject.id, finding.subject.key]
        let involved = subject + finding.path
        func earliest(_ candidates: [Int?]) -> Int? { candidates.compactMap { $0 }.min() }
        if let position = earliest(subject.map { transferByKey[$0] }) {
            return ModelDiffRenderer.reference(diff.transfers[position])
        }
        if let position = earliest(involved.map { subprocessorById[$0] }) {
            return ModelDiffRenderer.reference(diff.subprocessors[position])
        }
        if let position = earliest(subject.map { recipientByKey[$0] } + involved.map { recipientByOrganization[$0] }) {
            return ModelDiffRenderer.reference(diff.recipients[position])
        }
        if let position = earliest(subject.map { storeById[$0] }) {
            return ModelDiffRenderer.summary(diff.stores[position])
        }
        if let position = earliest(involved.map { agreementByParty[$0] } + subject.map { agreementById[$0] }) {
            return ModelDiffRenderer.reference(diff.agreements[position])
        }
        return nil
    }
}

typealias GraphTransfer = Transfer

/// One side's graph, indexed by the ids a diff compares.
private struct Side {
    static let storeFields = ["location", "encryption_at_rest", "access", "retention", "access_logging", "authentication", "deletion"]

    struct Recipient {
        var controller: ModelDiff.Party
        var organization: ModelDiff.Party
        var relation: String
        var categories: [String]

        func recipientChange(_ change: ModelDiff.Change) -> ModelDiff.RecipientChange {
            ModelDiff.RecipientChange(change: change, controller: controller, organization: organization,
                                      relation: relation, categories: categories)
        }
    }

    struct Subprocessor {
        var processor: ModelDiff.Party
        var subprocessor: ModelDiff.Party
        var controllers: Set<ModelDiff.Party> = []
        var data: Set<String> = []
        var categories: Set<String> = []
        var agreement: String?

        func notice(_ change: ModelDiff.Change) -> ModelDiff.SubprocessorNotice {
            ModelDiff.SubprocessorNotice(
                change: change, processor: processor, subprocessor: subprocessor,
                controllers: controllers.sorted { $0.id < $1.id }, data: data.sorted(), categories: categories.sorted(),
                agreement: agreement)
        }
    }

    struct Transfer {
        var transfer: GraphTransfer
        var exporters: [ModelDiff.Party]
        var importer: ModelDiff.Party
        var categories: [String]

        func change(_ change: ModelDiff.Change) -> ModelDiff.TransferChange {
            ModelDiff.TransferChange(
                change: change, key: transfer.key, via: transfer.via.rawValue, exporters: exporters, importer: importer,
                countries: transfer.countries, categories: categories, safeguard: transfer.safeguard, previousSafeguard: nil)
        }
    }

    struct Reached {
        var name: String
        var categories: Set<String> = []
    }

    struct StoreState {
        var name: String
        var values: [String?]
    }

    let graph: FlowGraph
    var recipients: [String: Recipient] = [:]
    var subprocessors: [String: Subprocessor] = [:]
    var transfers: [String: Transfer] = [:]
    var organizationReach: [String: Reached] = [:]
    var countryReach: [String: Reached] = [:]
    var stores: [String: StoreState] = [:]
    private let specialMask: CategorySet

    init(_ graph: FlowGraph) {
        self.graph = graph
        specialMask = graph.categories.special
        let model = graph.model
        let organizations = model.organizations
        func party(_ index: Int) -> ModelDiff.Party {
            ModelDiff.Party(id: organizations[index].id, name: organizations[index].name, country: organizations[index].country)
        }
        // The DPA under which one organization engages another (the first by id), by the pair.
        var dpas: [String: String] = [:]
        for agreement in model.agreements where agreement.type == .dpa {
            guard let controller = agreement.controller, let processor = agreement.processor else { continue }
            let pair = "\(controller)/\(processor)"
            if dpas[pair].map({ agreement.id < $0 }) ?? true { dpas[pair] = agreement.id }
        }
        // The data on edges from one organization's nodes to another's, by the pair: each
        // recipient then reads its own pair rather than every edge.
        var passedBetween: [Int: [Int]] = [:]
        for edge in graph.edges {
            let pair = graph.nodeOperator[edge.from] * organizations.count + graph.nodeOperator[edge.to]
            passedBetween[pair, default: []].append(contentsOf: edge.data)
        }
        for recipient in graph.recipients {
            let categories = graph.categories.names(in: graph.categories(of: recipient.data))
            recipients[recipient.key] = Recipient(
                controller: party(recipient.controller), organization: party(recipient.organization),
                relation: recipient.relation.rawValue, categories: categories)
            organizationReach[organizations[recipient.organization].id, default: Reached(name: organizations[recipient.organization].name)]
                .categories.formUnion(categories)
            // Who engaged it: the processor before it in the controller's chain, or one that passed
            // the data on without a DPA.
            let engagedBy: Int?
            if recipient.relation == .subprocessor, recipient.chain.count >= 3 {
                engagedBy = recipient.chain[recipient.chain.count - 2]
            } else {
                engagedBy = recipient.viaProcessor
            }
            guard let processor = engagedBy else { continue }
            // The controller's data that passes from the processor's nodes to the sub-processor's.
            let passed = Set(passedBetween[processor * organizations.count + recipient.organization] ?? [])
                .intersection(recipient.data).sorted()
            guard !passed.isEmpty else { continue }
            let key = "\(organizations[processor].id)/\(organizations[recipient.organization].id)"
            var entry = subprocessors[key] ?? Subprocessor(
                processor: party(processor), subprocessor: party(recipient.organization),
                agreement: dpas["\(organizations[processor].id)/\(organizations[recipient.organization].id)"])
            entry.controllers.insert(party(recipient.controller))
            entry.data.formUnion(passed.map { model.data[$0].id })
            entry.categories.formUnion(graph.categories.names(in: graph.categories(of: passed)))
            subprocessors[key] = entry
        }
        for transfer in graph.transfers {
            transfers[transfer.key] = Transfer(
                transfer: transfer, exporters: transfer.exporters.map(party), importer: party(transfer.importer),
                categories: graph.categories.names(in: graph.categories(of: transfer.data)))
        }
        let personal = graph.categories.personal
        for node in 0..<graph.nodeCount {
            let held = graph.categories(of: graph.nodeData[node])
            let categories = graph.categories.names(in: CategorySet(bits: held.bits & personal.bits))
            guard !categories.isEmpty else { continue }
            let country = graph.nodeCountry[node]
            countryReach[country, default: Reached(name: country)].categories.formUnion(categories)
        }
        for (index, store) in model.stores.enumerated() {
            let node = graph.node(store: index)
            stores[store.id] = StoreState(name: store.name ?? store.id, values: [
                graph.nodeCountry[node], store.encryptionAtRest?.rawValue, store.access?.rawValue,
                store.retention?.description, store.accessLogging?.rawValue, store.authentication?.rawValue, store.deletion?.rawValue,
            ])
        }
    }

    func isSpecial(_ category: String) -> Bool {
        graph.categories.set(of: [category]).intersects(specialMask)
    }
}
