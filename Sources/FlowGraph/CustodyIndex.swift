import FlowModel
import FlowRuntime

/// The DPA chains from each controller: who processes its data under contract, and through whom.
struct CustodyIndex: Sendable {
    struct Chain: Sendable {
        /// Controller first, the organization last.
        var organizations: [Int]
        /// The DPA between each consecutive pair.
        var agreements: [Int]
    }

    /// Per organization, when it controls data: each organization its DPA chains reach (itself
    /// excluded), sorted, with the one before it and the DPA between them; empty for the others.
    /// Rows by organization and a search by halving: dictionaries of dictionaries and sets
    /// hashed twice for every flow and recipient of a national model.
    private var reached: [[Reach]] = []

    private struct Reach: Sendable {
        var organization: Int
        var parent: Int
        var agreement: Int
    }

    init() {}

    /// A breadth-first search over DPA edges from each controller: the work is the size of the
    /// part of the DPA graph each controller reaches. Controllers share nothing: every core searches.
    init(model: Model, agreements: AgreementIndex, controllers: Set<Int>) {
        let sorted = controllers.sorted()
        let organizationCount = model.organizations.count
        let searches = Parallel.mapSlices(sorted.count, minimumSlice: 256) { range in
            // Organizations marked with the controller they were last reached from.
            var reachedFrom = [Int](repeating: -1, count: organizationCount)
            return range.map { position in
                Self.reach(from: sorted[position], agreements: agreements, reachedFrom: &reachedFrom)
            }
        }.joined()
        reached = Array(repeating: [], count: organizationCount)
        for (controller, search) in zip(sorted, searches) where controller >= 0 && controller < organizationCount {
            reached[controller] = search
        }
    }

    private static func reach(from controller: Int, agreements: AgreementIndex, reachedFrom: inout [Int]) -> [Reach] {
        var found: [Reach] = []
        var queue = [controller]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for (processor, agreement) in agreements.dpaEdges(from: current)
            where processor != controller && reachedFrom[processor] != controller {
                reachedFrom[processor] = controller
                found.append(Reach(organization: processor, parent: current, agreement: agreement))
                queue.append(processor)
            }
        }
        found.sort { $0.organization < $1.organization }
        return found
    }

    /// Where `organization` is in the controller's chain, found by halving.
    private func reach(_ organization: Int, of controller: Int) -> Reach? {
        guard controller >= 0, controller < reached.count else { return nil }
        let row = reached[controller]
        var (low, high) = (0, row.count)
        while low < high {
            let middle = (low + high) / 2
            if row[middle].organization < organization { low = middle + 1 } else { high = middle }
        }
        return low < row.count && row[low].organization == organization ? row[low] : nil
    }

    /// Whether `organization` is in the controller's chain (the controller itself is not).
    func isMember(_ organization: Int, of controller: Int) -> Bool {
        reach(organization, of: controller) != nil
    }

    func chain(from controller: Int, to organization: Int) -> Chain? {
        guard reach(organization, of: controller) != nil else { return nil }
        let limit = reached[controller].count + 1
        var organizations = [organization]
        var agreementIndices: [Int] = []
        var current = organization
        while let step = reach(current, of: controller), organizations.count <= limit {
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
