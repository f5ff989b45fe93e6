import FlowModel

/// The DPA chains from each controller: who processes its data under contract, and through whom.
struct CustodyIndex: Sendable {
    struct Chain: Sendable {
        /// Controller first, the organization last.
        var organizations: [Int]
        /// The DPA between each consecutive pair.
        var agreements: [Int]
    }

    /// Per controller: each reached organization's predecessor and the DPA between them.
    private var parents: [Int: [Int: (parent: Int, agreement: Int)]] = [:]
    /// Per controller: the organizations in its chain, built once (asked for every flow and recipient).
    private var memberSets: [Int: Set<Int>] = [:]

    init() {}

    /// A breadth-first search over DPA edges from each controller: the work is the size of the
    /// part of the DPA graph each controller reaches. Controllers share nothing: every core searches.
    init(model: Model, agreements: AgreementIndex, controllers: Set<Int>) {
        let sorted = controllers.sorted()
        let searches = Parallel.mapSlices(sorted.count, minimumSlice: 256) { range in
            range.map { position in
                let reached = Self.reach(from: sorted[position], agreements: agreements)
                return (reached, Set(reached.keys))
            }
        }.joined()
        parents.reserveCapacity(sorted.count)
        memberSets.reserveCapacity(sorted.count)
        for (controller, search) in zip(sorted, searches) {
            parents[controller] = search.0
            memberSets[controller] = search.1
        }
    }

    private static func reach(from controller: Int, agreements: AgreementIndex) -> [Int: (parent: Int, agreement: Int)] {
        var reached: [Int: (parent: Int, agreement: Int)] = [:]
        var queue = [controller]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for (processor, agreement) in agreements.dpaEdges[current] ?? []
            where processor != controller && reached[processor] == nil {
                reached[processor] = (current, agreement)
                queue.append(processor)
            }
        }
        return reached
    }

    /// Organizations in the controller's chain (the controller itself excluded).
    func members(of controller: Int) -> Set<Int> {
        memberSets[controller] ?? []
    }

    /// `members(of:).contains(organization)`, without handing out (retaining) the set.
    func isMember(_ organization: Int, of controller: Int) -> Bool {
        memberSets[controller]?.contains(organization) ?? false
    }

    func chain(from controller: Int, to organization: Int) -> Chain? {
        guard let reached = parents[controller], reached[organization] != nil else { return nil }
        var organizations = [organization]
        var agreementIndices: [Int] = []
        var current = organization
        while let step = reached[current], organizations.count <= reached.count + 1 {
            agreementIndices.append(step.agreement)
            organizations.append(step.parent)
            current = step.parent
            if current == controller { break }
        }
        return Chain(organizations: organizations.reversed(), agreements: agreementIndices.reversed())
    }

    /// Art. 28(2)/(4): a direct processor is authorised by its DPA; a sub-processor needs the
    /// controller's DPA with the first processor to allow it (general, or specific naming it),
    /// and every DPA in between to allow sub-processing at all.
    func isAuthorised(_ chain: Chain, organizationId: String, agreements: [Agreement]) -> Bool {
        guard chain.agreements.count > 1, let first = chain.agreements.first else { return true }
        let firstDPA = agreements[first]
        let firstAllows: Bool = switch firstDPA.subprocessors {
        case .general: true
        case .specific: firstDPA.approved.contains(organizationId)
        case .none: false
        }
        let intermediatesAllow = chain.agreements.dropFirst().dropLast().allSatisfy { agreements[$0].subprocessors != .none }
        return firstAllows && intermediatesAllow
    }
}
