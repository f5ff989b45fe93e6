import Foundation
import Testing
import FlowSynth
import FlowYAML
import FlowGraph
@testable import FlowModel
@testable import FlowPolicy
import FlowReport

/// One model written in every style users write models in, in one file and in several, read
/// whole and in chunks cut near every construct: the same model, the same findings, and for the
/// same text byte-identical JSON; an invalid one gives the same errors at the same places.
@Suite struct ReadPathDifferentialTests {
    static let tiny = ReadParallelism(pieces: 16, minimumChunkBytes: 64)

    /// A generated model with values that trap a scanner: section keys and list items inside
    /// text, quotes, tabs, non-ASCII, words that read as null or booleans when plain.
    static let model: Model = {
        do {
            var model = try Builtin.model(ModelGenerator(organizations: 30).files(1)[0], file: "base.yaml")
            model.organizations[0].name = "Vård & Omsorg: \"Nord\" AB"
            model.flows[1].purpose = "stores:\n- from: a\n  to: b\nflows: #"
            model.flows[2].purpose = "tab\tseparated"
            model.data[0].name = "# not a comment"
            model.stores[0].name = "null"
            model.systems[0].name = "- looks like an item"
            model.organizations[1].name = "Łódź 'Quoted' Sp. z o.o."
            // Fields the generator leaves out.
            model.flows[3].derogation = .explicitConsent
            model.stores[1].holds = [model.data[0].id]
            model.stores[1].accessedBy = [model.organizations[2].id]
            model.stores[1].accessedBySpans = [model.stores[1].origin.span]
            model.systems[1].accessedBy = [model.organizations[3].id]
            model.systems[1].accessedBySpans = [model.systems[1].origin.span]
            model.systems[2].accessLogging = .reviewed
            model.stores[3].accessLogging = .enabled
            model.organizations[4].representative = "Rep: \"EU\" Ltd, Dublin"
            model.data[1].vulnerable = true
            model.systems[2].authentication = .multiFactor
            (model.stores[3].authentication, model.stores[3].deletion) = (.password, .unsupported)
            model.stores[4].deployedAs = ["module.audio.aws_s3_bucket.recordings[*]", "aws_db_instance.\"legacy\""]
            var clausesAgreement = Agreement(id: "dpa-with-clauses", origin: model.agreements[0].origin)
            (clausesAgreement.controller, clausesAgreement.processor) = (model.organizations[0].id, model.organizations[5].id)
            clausesAgreement.clauses = [.instructions, .audits]
            var noClauses = clausesAgreement
            (noClauses.id, noClauses.processor, noClauses.clauses) = ("dpa-without-clauses", model.organizations[6].id, [])
            var scc = Agreement(id: "scc-with-tia", origin: model.agreements[0].origin)
            (scc.type, scc.exporter, scc.importer, scc.tia) = (.scc, model.organizations[0].id, model.organizations[7].id, "TIA: 2024/7")
            scc.measures = ["encryption-eea-keys"]
            model.agreements += [clausesAgreement, noClauses, scc]
            var incident = Incident(id: "breach: \"one\"", origin: model.agreements[0].origin)
            (incident.affected, incident.data) = ([model.stores[0].id, model.organizations[1].id], [model.data[0].id])
            (incident.discovered, incident.risk) = (Moment("2024-03-01T09:00:00+01:00"), .high)
            (incident.notifiedAuthority, incident.notifiedSubjects) = (Moment("2024-03-05"), Moment("2024-03-06T10:30Z"))
            model.incidents = [incident]
            var activity = ProcessingActivity(id: "advice: \"night\"", origin: model.data[0].origin)
            (activity.name, activity.controller, activity.purpose) = ("Night advice", model.data[0].controller, "flows:\n- advice")
            (activity.legalBasis, activity.article9, activity.dpia) = (.publicTask, .healthCare, "DPIA-1")
            (activity.data, activity.uses) = ([model.data[0].id, model.data[1].id], [.profiling, .matching])
            model.activities = [activity]
            _ = model.index.updateValue(EntityRef(kind: .activity, index: 0), forKey: activity.id)
            model.flows[4].data = [model.data[0].id]
            (model.flows[4].activity, model.flows[4].purpose, model.flows[4].legalBasis, model.flows[4].article9) = (activity.id, nil, nil, nil)
            var rules = Agreement(id: "group-rules", origin: model.agreements[0].origin)
            rules.type = .bcr
            rules.parties = [model.organizations[0].id, model.organizations[1].id]
            model.agreements.append(rules)
            var waiver = Waiver(id: "", origin: model.agreements[0].origin)
            (waiver.rule, waiver.subject, waiver.reason, waiver.approvedBy) = ("retention-*", model.stores[2].id, "under review", "dpo@example.org")
            waiver.expires = CivilDate("2030-01-01") ?? .epoch
            waiver.id = "\(waiver.rule)@\(waiver.subject)"
            model.waivers.append(waiver)
            // Flows were edited after loading: the graph resolves their ids again.
            model.flowEnds = []
            return model
        } catch {
            Issue.record("base model: \(error)")
            return Model(catalogue: Builtin.catalogue)
        }
    }()

    /// Every entity's fields as read, without where they are written.
    static func values(_ model: Model) -> [[SectionEntry.Field]] {
        ModelSections.all.flatMap { $0.entries(model).map { [.init(name: "id", value: .text($0.id))] + $0.fields } }
    }

    static func write(_ files: [String]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-styles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files.enumerated().map { index, text in
            let path = directory.appendingPathComponent("model-\(index).yaml").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func load(_ paths: [String], _ parallelism: ReadParallelism) -> Result<Model, DiagnosticList> {
        Result { () throws(DiagnosticList) in try ModelLoader(catalogue: Builtin.catalogue, parallelism: parallelism).load(paths: paths) }
    }

    static func report(_ model: Model) throws -> (json: String, findings: [String]) {
        let audit = try Audit(model: model, rules: Builtin.rules, asOf: Builtin.asOf)
        let report = AuditReport(version: "test", asOf: Builtin.asOf, findings: audit.findings, rules: Builtin.rules)
        return (JSONReporter.render(report), audit.findings.map { "\($0.fingerprint) \($0.severity) \($0.message) \($0.path)" })
    }

    @Test(arguments: StyledModelWriter.Style.allCases, [1, 3])
    func everyStyleReadsAsTheSameModel(_ style: StyledModelWriter.Style, files: Int) throws {
        let paths = try Self.write(StyledModelWriter(style: style).files(Self.model, count: files))
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: paths[0]).deletingLastPathComponent().path) }
        let whole = try Self.load(paths, .wholeFiles).get()
        let chunked = try Self.load(paths, Self.tiny).get()
        // Read in chunks indeed (entities keep no node), except where the whole read must decide:
        // `---` documents are never cut, and aliases and merges may reach across chunks.
        let readWhole: Set<StyledModelWriter.Style> = [.documents, .aliases, .mergeKeys]
        #expect(chunked.flows.allSatisfy { $0.origin.node == nil } == !readWhole.contains(style), "\(style)")
        // The same text: the same entities, spans included, and the same report to the byte.
        #expect(whole.organizations == chunked.organizations && whole.data == chunked.data && whole.systems == chunked.systems)
        #expect(whole.stores == chunked.stores && whole.flows == chunked.flows && whole.agreements == chunked.agreements)
        #expect(whole.incidents == chunked.incidents)
        let (wholeJSON, wholeFindings) = try Self.report(whole)
        #expect(try Self.report(chunked).json == wholeJSON)
        // Another style: the same values and the same findings.
        #expect(Self.values(whole) == Self.values(Self.model))
        #expect(wholeFindings.sorted() == (try Self.report(Self.model).findings).sorted())
    }

    /// Every field of every entity table has a value somewhere in the model, so that a field read
    /// differently by one path shows.
    @Test func everyFieldIsExercised() {
        for section in ModelSections.all where section.name != "jurisdictions" {
            let entries = section.entries(Self.model)
            for field in section.fields.fields {
                let used = entries.contains { entry in
                    entry.fields.contains { $0.name == field.name && $0.value != .absent && $0.value != .texts([]) }
                }
                #expect(used, "\(section.name).\(field.name)")
            }
        }
    }

    /// Cuts land near every construct: a style's text is cut into many chunks.
    @Test(arguments: [StyledModelWriter.Style.block, .flow, .blockScalars, .comments, .crlf, .mergeKeys])
    func stylesAreCutNearTheirConstructs(_ style: StyledModelWriter.Style) throws {
        let text = StyledModelWriter(style: style).files(Self.model)[0]
        let chunks = Array(text.utf8).withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: Self.tiny.pieces, minimumChunkBytes: Self.tiny.minimumChunkBytes,
                                  sections: ModelSections.splittable, cutAtStart: ModelSections.splittable)
        }
        #expect(chunks.count > 8, "\(style): \(chunks.count) chunks")
    }

    /// Mistakes late in a file: the same errors at the same file:line:col whole and in chunks.
    @Test(arguments: StyledModelWriter.Style.allCases)
    func errorsAreTheSameEitherWay(_ style: StyledModelWriter.Style) throws {
        var text = StyledModelWriter(style: style).files(Self.model)[0]
        for (word, typo) in [("legal_basis:", "legal_bases:"), ("customer-managed", "customer-manged"), ("operator:", "operater:")] {
            if let range = text.range(of: word, options: .backwards) { text.replaceSubrange(range, with: typo) }
        }
        let paths = try Self.write([text])
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: paths[0]).deletingLastPathComponent().path) }
        let errors = { (parallelism: ReadParallelism) -> [String] in
            switch Self.load(paths, parallelism) {
            case .success: return []
            case .failure(let list): return list.diagnostics.map(\.description)
            }
        }
        let whole = errors(.wholeFiles)
        #expect(whole.count >= 3, "\(style): \(whole)")
        #expect(errors(Self.tiny) == whole)
    }
}
