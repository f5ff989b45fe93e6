import Testing
import FlowModel
import FlowGraph

@Suite struct FlowEdgeTests {
    static let text = """
    organizations:
      clinic: {name: Clinic, country: SE, role: controller}
      vendor: {name: Vendor, country: TH, role: processor}
    data:
      calls: {controller: clinic, categories: [special.health]}
      notes: {controller: clinic, categories: [personal.contact]}
    systems:
      phone: {operator: vendor, location: TH}
    stores:
      audio: {operator: vendor, location: TH, holds: [calls]}
    flows:
      - {from: clinic, to: phone, data: [notes, calls]}
      - {from: phone, to: audio, data: [calls, calls]}
      - {from: audio, to: vendor, data: [notes]}
    """

    static func shape(_ graph: FlowGraph) -> [String] {
        graph.edges.map { "\($0.origin) \($0.from)->\($0.to) \($0.data) \($0.span)" }
    }

    /// The graph builds flow edges from the ids resolved while loading; a model without them
    /// (put together by hand) gets the same edges by resolving them itself.
    @Test func edgesFromResolvedIdsEqualEdgesResolvedByTheGraph() throws {
        let model = try GraphFixtures.model(Self.text)
        #expect(model.flowEnds.count == model.flows.count)
        var unresolved = model
        unresolved.flowEnds = []
        let resolved = try FlowGraph(model: model, asOf: GraphFixtures.asOf)
        let byItself = try FlowGraph(model: unresolved, asOf: GraphFixtures.asOf)
        #expect(Self.shape(resolved) == Self.shape(byItself))
        #expect(resolved.flowEdge == byItself.flowEdge)
        #expect(resolved.edges.filter(\.isDeclaredFlow).map(\.data) == [[0, 1], [0], [1]])
    }
}
