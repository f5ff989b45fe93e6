/// The organizations, data sets, activities, systems and stores of every part, taken out of the parts so
/// that they can be moved into the model whole: copying them into it retained every field of a
/// hundred thousand entities on the one core that also built the id index.
struct DefinitionLists: Sendable {
    var organizations: [[Organization]] = []
    var data: [[DataSet]] = []
    var activities: [[ProcessingActivity]] = []
    var systems: [[ProcessingSystem]] = []
    var stores: [[Store]] = []

    /// Takes `part`'s definitions out of it (its `definitions` stay, to say in what order).
    mutating func take(from part: inout ModelPart) {
        organizations.append(Self.moved(&part.organizations))
        data.append(Self.moved(&part.data))
        activities.append(Self.moved(&part.activities))
        systems.append(Self.moved(&part.systems))
        stores.append(Self.moved(&part.stores))
    }

    /// The id of the entity `definition` names in part `part`.
    func id(of definition: EntityRef, inPart part: Int) -> String? {
        switch definition.kind {
        case .organization: organizations[part][definition.index].id
        case .data: data[part][definition.index].id
        case .activity: activities[part][definition.index].id
        case .system: systems[part][definition.index].id
        case .store: stores[part][definition.index].id
        case .flow, .agreement, .incident, .waiver: nil
        }
    }

    /// `list`'s value, leaving it empty: handed on, not shared.
    static func moved<Element>(_ list: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &list)
        return taken
    }
}
