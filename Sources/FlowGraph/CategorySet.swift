import FlowModel
import FlowYAML

/// A set of data categories as a 256-bit mask: union and "covers" are a few AND/OR operations.
public struct CategorySet: Sendable, Hashable {
    public var bits: SIMD4<UInt64>

    public init(bits: SIMD4<UInt64> = .zero) {
        self.bits = bits
    }

    public var isEmpty: Bool { bits == .zero }

    public mutating func insert(_ index: Int) {
        bits[index / 64] |= 1 << UInt64(index % 64)
    }

    public func contains(_ index: Int) -> Bool {
        bits[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    public func union(_ other: CategorySet) -> CategorySet { CategorySet(bits: bits | other.bits) }

    public mutating func formUnion(_ other: CategorySet) { bits |= other.bits }

    public func intersects(_ other: CategorySet) -> Bool { (bits & other.bits) != .zero }
}

/// Interns every category key in the catalogue and the model to a bit.
public struct CategoryIndex: Sendable {
    /// Distinct keys a model and the catalogue may use together.
    public static let maxCategories = CategoryCatalogue.maxCategories

    public let keys: [String]
    private let bitOfKey: [String: Int]
    /// Every personal key (below `personal`, `special` or `criminal`), and the special ones
    /// (Art. 9 and 10: below `special` or `criminal`).
    public let personal: CategorySet
    public let special: CategorySet

    public static let personalRoots = ["personal", "special", "criminal"]
    public static let specialRoots = ["special", "criminal"]

    init(catalogue: CategoryCatalogue, model: Model) throws(DiagnosticList) {
        var all = Set(catalogue.descriptions.keys)
        for dataSet in model.data {
            all.formUnion(dataSet.categories)
            // Reported at the data set that goes over the limit, like any model error.
            if all.count > Self.maxCategories {
                throw DiagnosticList([Diagnostic(
                    "the model uses more than \(Self.maxCategories) distinct data categories",
                    at: dataSet.categoriesSpan)])
            }
        }
        let sorted = all.sorted()
        keys = sorted
        bitOfKey = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        personal = Self.mask(sorted, covering: Self.personalRoots)
        special = Self.mask(sorted, covering: Self.specialRoots)
    }

    public func set(of keys: [String]) -> CategorySet {
        var set = CategorySet()
        for key in keys { if let bit = bitOfKey[key] { set.insert(bit) } }
        return set
    }

    /// Every key equal to or below one of `ancestors`: what `covers: special` matches.
    public func mask(covering ancestors: [String]) -> CategorySet {
        Self.mask(keys, covering: ancestors)
    }

    private static func mask(_ keys: [String], covering ancestors: [String]) -> CategorySet {
        var set = CategorySet()
        for (bit, key) in keys.enumerated() where ancestors.contains(where: { CategoryCatalogue.covers($0, key) }) {
            set.insert(bit)
        }
        return set
    }

    public func names(in set: CategorySet) -> [String] {
        // By position: enumerating copied (and retained) every key for each message.
        keys.indices.filter { set.contains($0) }.map { keys[$0] }
    }
}
