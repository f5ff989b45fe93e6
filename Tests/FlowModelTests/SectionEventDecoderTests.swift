import Testing
import FlowSynth
import FlowYAML
@testable import FlowModel

/// A chunk of `flows:`, `stores:`, `organizations:`, `systems:` or `agreements:` decoded from its events must give exactly the entities that
/// reading it into nodes gives, or nothing (the chunk is then read into nodes).
@Suite struct SectionEventDecoderTests {
    static let reader = YAMLReader()

    /// The chunk read from events by the section it continues.
    static func events(_ source: YAMLSource, _ chunk: YAMLChunk, _ reader: YAMLReader) -> [ModelPart]? {
        chunk.continuedSection.flatMap(ModelSections.named)?.decodeEvents(source, chunk, reader)
    }

    static func describe(_ flow: Flow) -> String {
        let optionals = [flow.purpose, flow.legalBasis?.rawValue, flow.article9?.rawValue, flow.encryptedInTransit.map(String.init),
                         flow.derogation?.rawValue].map { $0 ?? "-" }
        return "flow \(flow.id) \(flow.from) \(flow.to) \(flow.data) \(optionals) \(flow.origin.span)-\(flow.origin.span.end)"
    }

    static func describe(_ part: ModelPart) -> [String] {
        part.organizations.map { "org \($0.id) \($0.name) \($0.country) \(String(describing: $0.role)) \($0.sector) \($0.certifications) \(String(describing: $0.dpo)) \($0.origin.span)-\($0.origin.span.end)" }
            + part.systems.map { "system \($0.id) \(String(describing: $0.name)) \($0.operator_) \(String(describing: $0.location)) \($0.accessedBy) \($0.accessedBySpans.map { "\($0)-\($0.end)" }) \($0.origin.span)-\($0.origin.span.end)" }
            + part.stores.map(describe) + part.definitions.map { "\($0.kind) \($0.index)" }
            + part.flows.map(describe) + part.flowIdOrigins.map { "\($0)" }
            + part.agreements.map(describe) + part.agreementIdOrigins.map { "\($0)" }
    }

    static func describe(_ agreement: Agreement) -> String {
        let optionals = [agreement.controller, agreement.processor, agreement.exporter, agreement.importer,
                         agreement.signed.map { "\($0)" }, agreement.expires.map { "\($0)" }].map { $0 ?? "-" }
        return "agreement \(agreement.id) \(agreement.type) \(optionals) \(agreement.subprocessors) \(agreement.approved) "
            + "\(agreement.parties) \(agreement.measures) \(agreement.origin.span)-\(agreement.origin.span.end)"
    }

    /// `section:` then `entries`, as one chunk continuing it: decoded from events, and read into
    /// nodes and decoded (nil when that has problems).
    static func bothWays(section: String, _ entries: String) throws -> (events: [String]?, nodes: [String]?) {
        let text = section + ":\n" + entries
        let source = try reader.source(bytes: Array(text.utf8), file: "e.yaml").get()
        let chunk = YAMLChunk(bytes: section.utf8.count + 2..<text.utf8.count, continuedSection: section, firstLine: 2)
        let events = SectionEventDecoderTests.events(source, chunk, reader)
        let nodes = reader.read(source, chunk: chunk).map { SectionDecoder.decode($0, keepingNodes: false) }
        return (events?.flatMap(describe), nodes.flatMap { $0.diagnostics.isEmpty ? describe($0) : nil })
    }

    @Test func generatedChunksDecodeFromEvents() throws {
        let text = ModelGenerator(organizations: 300).files(1)[0]
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "g.yaml").get()
        let chunks = Self.reader.chunks(
            of: source, pieces: 16, minimumChunkBytes: 4096, sections: ModelSections.splittable, cutAtStart: ModelSections.splittable)
        let flowChunks = chunks.filter { $0.continuedSection == "flows" }
        #expect(flowChunks.count > 4)
        // The planner cut where flows start: every flow is in a chunk that continues them.
        let whole = try #require(Self.reader.read(source).documents.first.map { SectionDecoder.decode($0) })
        let fromEvents = flowChunks.compactMap { SectionEventDecoderTests.events(source, $0, Self.reader) }
        #expect(fromEvents.count == flowChunks.count)
        #expect(fromEvents.flatMap { $0.flatMap(\.flows) }.map(Self.describe) == whole.flows.map(Self.describe))
        for chunk in flowChunks {
            let nodes = try #require(Self.reader.read(source, chunk: chunk).map { SectionDecoder.decode($0, keepingNodes: false) })
            let parts = try #require(SectionEventDecoderTests.events(source, chunk, Self.reader), "chunk at line \(chunk.firstLine)")
            let events = try #require(parts.first)
            #expect(events.flows.map(Self.describe) == nodes.flows.map(Self.describe))
            #expect(events.flowIdOrigins.map { $0 == .generated } == nodes.flowIdOrigins.map { $0 == .generated })
            #expect(events.flows.allSatisfy { $0.origin.node == nil })
            // The chunk running on into the next sections: those are read into nodes.
            #expect(parts.count == (nodes.sectionKeys.isEmpty ? 1 : 2))
            if let rest = parts.dropFirst().first {
                #expect(rest.sectionKeys.map(\.name) == nodes.sectionKeys.map(\.name))
                #expect(rest.sectionKeys.map(\.span) == nodes.sectionKeys.map(\.span))
                #expect(rest.agreements.map(\.origin.span) == nodes.agreements.map(\.origin.span))
                #expect(rest.agreements.map(\.id) == nodes.agreements.map(\.id))
                #expect(rest.flows.isEmpty && rest.diagnostics.isEmpty)
            }
        }
        #expect(flowChunks.contains { Self.reader.read(source, chunk: $0).map { SectionDecoder.decode($0).sectionKeys.isEmpty } == false })
    }

    /// A chunk that ends `flows:` and goes on: the rest is read from where the next section starts.
    @Test func theRestOfAChunkIsReadFromTheNextSection() throws {
        let items = "  - {from: a, to: b, data: [d]}\nagreements:\n  - {type: dpa, controller: a, processor: b}\nwaivers: []\n"
        let text = "flows:\n" + items
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "f.yaml").get()
        let chunk = YAMLChunk(bytes: 7..<text.utf8.count, continuedSection: "flows", firstLine: 2)
        let parts = try #require(SectionEventDecoderTests.events(source, chunk, Self.reader))
        #expect(parts.count == 2)
        #expect(parts.first?.flows.map(\.id) == ["a->b"])
        #expect(parts.last?.sectionKeys.map { "\($0.name)@\($0.span)" } == ["agreements@f.yaml:3:1", "waivers@f.yaml:5:1"])
        #expect(parts.last?.agreements.map { "\($0.id)@\($0.origin.span)" } == ["dpa:a->b@f.yaml:4:5"])
        let rest = try #require(Self.reader.rest(of: chunk, fromLine: 3, in: source))
        #expect(rest.bytes.lowerBound == text.utf8.count - items.utf8.count + "  - {from: a, to: b, data: [d]}\n".utf8.count)
        #expect(Self.reader.rest(of: chunk, fromLine: 4, in: source) == nil) // inside a list
        #expect(Self.reader.rest(of: chunk, fromLine: 9, in: source) == nil) // past the chunk
    }

    /// Written differently, read the same.
    @Test(arguments: [
        "  - {id: f, from: a, to: b, data: [d], purpose: care, legal_basis: consent, article9: health-care, encrypted_in_transit: true, derogation: contract-with-subject}\n",
        "  - to: b\n    data: [d, e]\n    from: a\n  - {from: 'a', to: \"b\", data: ['d'], legal_basis: \"consent\"}\n",
        "  - {from: a, to: b, data: [], id: ~, purpose: null, legal_basis: , article9: Null, encrypted_in_transit: NULL}\n",
        "  - {from: a, to: b, data: [d, ~, null, e]}\n  - from: a\n    to: b\n    data:\n      - d\n",
        "  - {from: '', to: b, data: [d], purpose: \"\", encrypted_in_transit: false}\n",
        "  - from: a\n    to: b\n    data: [d]\n    purpose: |\n      two\n      lines\n    id: x\n",
    ])
    func writtenDifferentlyReadsTheSame(_ items: String) throws {
        let (events, nodes) = try Self.bothWays(section: "flows", items)
        #expect(nodes != nil)
        #expect(events != nil)
        #expect(events == nodes)
    }

    /// Anything `decodeFlow` reports, or the reader treats specially, is left to them.
    @Test(arguments: [
        "  - {from: a, to: b, data: [d], colour: red}\n",
        "  - {from: a, to: b, data: [d], from: c}\n",
        "  - {to: b, data: [d]}\n",
        "  - {from: ~, to: b, data: [d]}\n",
        "  - {from: a, to: b, data: d}\n",
        "  - {from: a, to: b, data: ~, data: [d]}\n",
        "  - {from: a, to: b, data: [{x: y}]}\n",
        "  - {from: a, to: [b], data: [d]}\n",
        "  - {from: a, to: b, data: [d], encrypted_in_transit: \"true\"}\n",
        "  - {from: a, to: b, data: [d], encrypted_in_transit: yes}\n",
        "  - {from: a, to: b, data: [d], legal_basis: whim}\n",
        "  - {from: !!str a, to: b, data: [d]}\n",
        "  - &f {from: a, to: b, data: [d]}\n",
        "  - {from: a, to: b, data: [d], <<: {purpose: p}}\n",
        "  - just a scalar\n",
        "  - {from: a, to: b, data: [d]}\n? agreements\n: []\n",
        "  - {from: a, to: b, data: [d]}\n---\nflows: []\n",
    ])
    func problemsAreLeftToTheNodeReader(_ items: String) throws {
        let (events, _) = try Self.bothWays(section: "flows", items)
        #expect(events == nil)
    }

    @Test func theNestingLimitHolds() throws {
        let text = "flows:\n  - {from: a, to: b, data: [d]}\n"
        let limited = YAMLReader(limits: YAMLLimits(
            maxFileBytes: 1 << 20, maxDepth: 3, maxScalarBytes: 1024, maxAliasExpansion: 100, maxLineBytes: 1024))
        let source = try limited.source(bytes: Array(text.utf8), file: "f.yaml").get()
        let chunk = YAMLChunk(bytes: 7..<text.utf8.count, continuedSection: "flows", firstLine: 2)
        #expect(limited.read(source, chunk: chunk) == nil)
        #expect(SectionEventDecoderTests.events(source, chunk, limited) == nil)
        #expect(SectionEventDecoderTests.events(source, chunk, Self.reader) != nil)
    }
    // MARK: Stores

    static func describe(_ store: Store) -> String {
        let optionals = [store.name, store.location, store.encryptionAtRest?.rawValue, store.access?.rawValue,
                         store.retention?.description].map { $0 ?? "-" }
        return "store \(store.id) \(store.operator_) \(optionals) \(store.holds) \(store.accessedBy) "
            + "\(store.accessedBySpans.map { "\($0)-\($0.end)" }) \(store.origin.span)-\(store.origin.span.end)"
    }

    @Test func generatedStoreChunksDecodeFromEvents() throws {
        let text = ModelGenerator(organizations: 300).files(1)[0]
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "g.yaml").get()
        let chunks = Self.reader.chunks(
            of: source, pieces: 16, minimumChunkBytes: 4096, sections: ModelSections.splittable, cutAtStart: ModelSections.splittable)
        let storeChunks = chunks.filter { $0.continuedSection == "stores" }
        #expect(storeChunks.count > 2)
        let whole = try #require(Self.reader.read(source).documents.first.map { SectionDecoder.decode($0, keepingNodes: false) })
        let parts = storeChunks.compactMap { SectionEventDecoderTests.events(source, $0, Self.reader) }
        #expect(parts.count == storeChunks.count)
        let stores = parts.flatMap { $0.flatMap(\.stores) }
        #expect(stores.map(Self.describe) == whole.stores.map(Self.describe))
        #expect(stores.contains { $0.retention != nil } && stores.contains { $0.location != nil })
        #expect(parts.allSatisfy { $0.first.map { $0.definitions.map(\.index) == Array($0.stores.indices) } == true })
    }

    @Test(arguments: [
        "  s1:\n    name: S\n    operator: o\n    location: SE\n    encryption_at_rest: none\n    access: public\n    retention: P6Y\n    holds: [d, ~, e]\n    accessed_by: [a, b]\n",
        "  's2': {access: \"internal\", operator: 'o', retention: unlimited, name: ~, location: null, holds: ~, accessed_by: []}\n",
        "  s3: {operator: o}\n  s4:\n    operator: p\n    accessed_by:\n      - a\n      - \"b\"\n",
    ])
    func storesWrittenDifferentlyReadTheSame(_ entries: String) throws {
        let (events, nodes) = try Self.bothWays(section: "stores", entries)
        #expect(nodes != nil)
        #expect(events != nil)
        #expect(events == nodes)
    }

    @Test(arguments: [
        "  s: {operator: ~}\n",
        "  s: {name: S}\n",
        "  s: {operator: o, colour: red}\n",
        "  s: {operator: o, operator: p}\n",
        "  s: {operator: o, retention: forever}\n",
        "  s: {operator: o, holds: d}\n",
        "  s: {operator: o, access: everyone}\n",
        "  s: {operator: [o]}\n",
        "  s:\n",
        "  s: [operator, o]\n",
        "  ~: {operator: o}\n",
    ])
    func storeProblemsAreLeftToTheNodeReader(_ entries: String) throws {
        let (events, _) = try Self.bothWays(section: "stores", entries)
        #expect(events == nil)
    }
    // MARK: Organizations and systems

    @Test func generatedOrganizationAndSystemChunksDecodeFromEvents() throws {
        let text = ModelGenerator(organizations: 600).files(1)[0]
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "g.yaml").get()
        let chunks = Self.reader.chunks(
            of: source, pieces: 16, minimumChunkBytes: 2048, sections: ModelSections.splittable, cutAtStart: ModelSections.splittable)
        let whole = try #require(Self.reader.read(source).documents.first.map { SectionDecoder.decode($0, keepingNodes: false) })
        for section in ["organizations", "systems"] {
            let sectionChunks = chunks.filter { $0.continuedSection == section }
            #expect(!sectionChunks.isEmpty, "\(section)")
            let parts = sectionChunks.compactMap { SectionEventDecoderTests.events(source, $0, Self.reader) }
            #expect(parts.count == sectionChunks.count, "\(section)")
            var fromEvents = ModelPart()
            fromEvents.organizations = parts.flatMap { $0.flatMap(\.organizations) }
            fromEvents.systems = parts.flatMap { $0.flatMap(\.systems) }
            var fromNodes = ModelPart()
            fromNodes.organizations = section == "organizations" ? whole.organizations : []
            fromNodes.systems = section == "systems" ? whole.systems : []
            #expect(Self.describe(fromEvents) == Self.describe(fromNodes), "\(section)")
        }
    }

    @Test(arguments: [
        ("organizations", "  a:\n    name: A\n    country: SE\n    role: processor\n    sector: public\n    certifications: [iso, ~]\n    dpo: d@a\n", true),
        ("organizations", "  'b': {country: \"NO\", name: B, role: ~, sector: null}\n  c: {name: C, country: DK, certifications: []}\n", true),
        ("organizations", "  a: {name: A}\n", false),
        ("organizations", "  a: {name: ~, country: SE}\n", false),
        ("organizations", "  a: {name: A, country: SE, role: boss}\n", false),
        ("organizations", "  a: {name: A, country: SE, certifications: iso}\n", false),
        ("systems", "  s: {name: S, operator: o, location: TH, accessed_by: [a, \"b\"]}\n  t: {operator: p, accessed_by: ~}\n", true),
        ("systems", "  s:\n    operator: o\n    accessed_by:\n      - a\n", true),
        ("systems", "  s: {name: S}\n", false),
        // A null item is dropped with its span, on both paths.
        ("systems", "  s: {operator: o, accessed_by: [a, null]}\n", true),
        ("systems", "  s: {operator: o, accessed_by: a}\n", false),
        ("systems", "  s: {operator: o, owner: p}\n", false),
    ])
    func organizationsAndSystemsAgree(_ section: String, _ entries: String, _ fromEvents: Bool) throws {
        let (events, nodes) = try Self.bothWays(section: section, entries)
        if fromEvents {
            #expect(nodes != nil)
            #expect(events == nodes)
        } else {
            #expect(events == nil)
        }
    }

    // MARK: Agreements

    @Test func generatedAgreementChunksDecodeFromEvents() throws {
        let text = ModelGenerator(organizations: 600).files(1)[0]
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "g.yaml").get()
        let chunks = Self.reader.chunks(
            of: source, pieces: 16, minimumChunkBytes: 2048, sections: ModelSections.splittable, cutAtStart: ModelSections.splittable)
        let agreementChunks = chunks.filter { $0.continuedSection == "agreements" }
        #expect(agreementChunks.count > 1)
        let whole = try #require(Self.reader.read(source).documents.first.map { SectionDecoder.decode($0, keepingNodes: false) })
        let parts = agreementChunks.compactMap { SectionEventDecoderTests.events(source, $0, Self.reader) }
        #expect(parts.count == agreementChunks.count)
        let agreements = parts.flatMap { $0.flatMap(\.agreements) }
        #expect(agreements.map(Self.describe) == whole.agreements.map(Self.describe))
        // Generated models write processing agreements and clauses for transfers.
        #expect(Set(agreements.map(\.type)) == [.dpa, .scc])
    }

    @Test(arguments: [
        "  - {id: k, type: dpa, controller: a, processor: b, subprocessors: specific, approved: [c, ~, d], signed: 2024-01-02, expires: '2026-03-04'}\n",
        "  - type: scc\n    exporter: a\n    importer: b\n    measures:\n      - encryption\n      - \"audit\"\n",
        "  - {type: bcr, parties: [a, b, c]}\n  - {type: joint-controller, parties: [b, a], id: ~}\n",
        "  - {type: dpa, controller: a, processor: b, subprocessors: ~, approved: [], signed: null}\n",
        "  - {type: dpa, controller: ~, processor: b, approved: ~}\n  - {type: scc, exporter: a, importer: b, measures: []}\n",
    ])
    func agreementsWrittenDifferentlyReadTheSame(_ items: String) throws {
        let (events, nodes) = try Self.bothWays(section: "agreements", items)
        #expect(nodes != nil)
        #expect(events != nil)
        #expect(events == nodes)
    }

    /// Everything `decodeAgreement` reports, including the checks by type.
    @Test(arguments: [
        "  - {type: dpa, controller: a}\n",
        "  - {type: dpa, controller: a, processor: b, measures: [m]}\n",
        "  - {type: dpa, controller: a, processor: b, parties: []}\n",
        "  - {type: dpa, controller: a, processor: b, exporter: ~}\n",
        "  - {type: scc, exporter: a, importer: b, subprocessors: none}\n",
        "  - {type: bcr, parties: [a]}\n",
        "  - {type: joint-controller, parties: ~}\n",
        "  - {type: bcr, parties: [a, b], controller: c}\n",
        "  - {type: dpa, controller: a, processor: b, approved: [c]}\n",
        "  - {type: dpa, controller: a, processor: b, subprocessors: general, approved: [c]}\n",
        "  - {type: dpa, controller: a, processor: b, signed: someday}\n",
        "  - {type: dpa, controller: a, processor: b, subprocessors: all}\n",
        "  - {type: nda, controller: a, processor: b}\n",
        "  - {type: ~, controller: a, processor: b}\n",
        "  - {controller: a, processor: b}\n",
        "  - {type: dpa, controller: a, processor: b, colour: red}\n",
        "  - {type: dpa, controller: a, processor: b, controller: c}\n",
        "  - {type: scc, exporter: a, importer: b, measures: m}\n",
        "  - {type: scc, exporter: [a], importer: b}\n",
    ])
    func agreementProblemsAreLeftToTheNodeReader(_ items: String) throws {
        let (events, _) = try Self.bothWays(section: "agreements", items)
        #expect(events == nil)
    }
}
