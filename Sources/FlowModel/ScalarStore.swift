import FlowYAML

/// How one non-null scalar is stored into an entity at an address: the value of a scalar field,
/// or one item of a list field. Text, most of a model's values, is stored by the property's
/// offset as data; the rest is parsed by a closure. False when the text is not a value of the kind.
enum ScalarStore: Sendable {
    typealias Parse = @Sendable (UnsafeMutableRawPointer, YAMLScalar) -> Bool

    case text(offset: Int)
    case optionalText(offset: Int)
    case appendedText(offset: Int)
    case parsed(Parse)

    @inline(__always)
    func store(_ scalar: YAMLScalar, into raw: UnsafeMutableRawPointer) -> Bool {
        switch self {
        case .text(let offset):
            (raw + offset).assumingMemoryBound(to: String.self).pointee = scalar.string
        case .optionalText(let offset):
            (raw + offset).assumingMemoryBound(to: String?.self).pointee = scalar.string
        case .appendedText(let offset):
            (raw + offset).assumingMemoryBound(to: [String].self).pointee.append(scalar.string)
        case .parsed(let parse):
            return parse(raw, scalar)
        }
        return true
    }

    /// The same store with a closure of its own: a table's closures are shared by every reading,
    /// and retaining one from two cores at once makes its count bounce between their caches.
    var unshared: ScalarStore {
        guard case .parsed(let parse) = self else { return self }
        return .parsed { raw, scalar in parse(raw, scalar) }
    }
}
