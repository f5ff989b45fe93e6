import FlowGraph
import FlowModel

/// Facts for the obligations regulators fine most (Art. 26-28, 32-35, 37, 44-46): what a store
/// lacks, what a contract leaves out, what an activity risks, what covers a transfer, how a
/// breach was handled. Merged into `FactTable`'s kinds.
enum ObligationFacts {
    // MARK: Organizations

    static let organization: [String: FactDefinition] = [
        "controlled_activities": FactDefinition(type: .refs(.activity), help: "activities it is controller of") { context, index in
            .refs(.activity, controlledActivities(context, index))
        },
        "processed_data": FactDefinition(
            type: .refs(.data), help: "personal data it controls, receives, or holds and processes in systems and stores it runs"
        ) { context, index in
            .refs(.data, processedData(context, index))
        },
        "activities": FactDefinition(
            type: .refs(.activity), help: "activities it controls, or whose data it holds or processes for their controller"
        ) { context, index in
            let graph = context.graph
            guard !graph.dataActivities.isEmpty else { return .refs(.activity, []) }
            let processed = processedData(context, index).flatMap { graph.dataActivities[$0] }
            return .refs(.activity, Array(Set(controlledActivities(context, index) + processed)).sorted())
        },
    ]

    /// None in a model without activities (the graph keeps no rows for it).
    private static func controlledActivities(_ context: EvaluationContext, _ index: Int) -> [Int] {
        index < context.graph.controlledActivities.count ? context.graph.controlledActivities[index] : []
    }

    private static func processedData(_ context: EvaluationContext, _ index: Int) -> [Int] {
        let graph = context.graph
        var data = graph.controlledData[index] + graph.nodeData[graph.node(organization: index)]
        for node in graph.operatedNodes[index] { data += graph.nodeData[node] }
        return FactTable.personal(context, Array(Set(data)).sorted())
    }

    // MARK: Stores and systems

    /// The Art. 32 measures a store or system leaves undeclared, by field name.
    static func undeclaredMeasures(_ kind: EntityKind) -> FactDefinition {
        FactDefinition(type: .strings, help: "security measures not declared: encryption at rest, access, access logging, authentication") {
            context, index in
            var missing: [String] = []
            if kind == .store {
                let store = context.model.stores[index]
                if store.encryptionAtRest == nil { missing.append("encryption_at_rest") }
                if store.access == nil { missing.append("access") }
                if store.accessLogging == nil { missing.append("access_logging") }
                if store.authentication == nil { missing.append("authentication") }
            } else {
                if context.model.systems[index].accessLogging == nil { missing.append("access_logging") }
                if context.model.systems[index].authentication == nil { missing.append("authentication") }
            }
            return .strings(missing)
        }
    }

    // MARK: Agreements

    static let agreement: [String: FactDefinition] = [
        "missing_clauses": FactDefinition(
            type: .strings, help: "the Art. 28(3) clauses a DPA lacks; absent when its clauses are not recorded"
        ) { context, index in
            let agreement = context.model.agreements[index]
            guard agreement.type == .dpa, let clauses = agreement.clauses else { return .absent }
            return .strings(Article28Clause.values.filter { !clauses.contains($0) }.map(\.rawValue))
        },
    ]

    // MARK: Activities

    static let activity: [String: FactDefinition] = [
        "records": FactDefinition(type: .number, help: "sum of `records` of the personal data it processes") { context, index in
            FactTable.records(context, FactTable.personal(context, FactTable.activityData(context, index)))
        },
        "vulnerable": FactDefinition(type: .bool, help: "one of its data sets is about vulnerable people") { context, index in
            .bool(FactTable.activityData(context, index).contains { context.model.data[$0].vulnerable == true })
        },
        "high_risk_criteria": FactDefinition(
            type: .strings, help: "the WP248 criteria it meets, but large scale (the rule's threshold): from `uses` and its data"
        ) { context, index in
            .strings(highRiskCriteria(context, index))
        },
        "dpia_covered": FactDefinition(
            type: .bool, help: "a DPIA on the activity, or on one of its data sets that its own controller controls"
        ) { context, index in
            let activity = context.model.activities[index]
            if activity.dpia != nil { return .bool(true) }
            return .bool(FactTable.activityData(context, index).contains {
                context.model.data[$0].dpia != nil && context.model.data[$0].controller == activity.controller
            })
        },
        "processor_for": FactDefinition(
            type: .refs(.organization), help: "controllers of its data whose processor (under a DPA) its controller is"
        ) { context, index in
            guard let controller = organization(context, context.model.activities[index].controller) else { return .refs(.organization, []) }
            let owners = Set(FactTable.activityData(context, index).map { context.graph.dataController[$0] })
            return .refs(.organization, owners.filter { $0 != controller && context.graph.hasDPA(controller: $0, processor: controller) }.sorted())
        },
    ]

    /// WP248 rev.01 criteria 1-4 and 6-9, each named once however many `uses` meet it.
    private static func highRiskCriteria(_ context: EvaluationContext, _ index: Int) -> [String] {
        var criteria: [String] = []
        func add(_ criterion: String) { if !criteria.contains(criterion) { criteria.append(criterion) } }
        for use in context.model.activities[index].uses {
            switch use {
            case .profiling, .evaluationScoring: add("evaluation-scoring")
            case .automatedDecisions: add("automated-decisions")
            case .systematicMonitoring, .publicMonitoring: add("systematic-monitoring")
            case .matching: add("matching")
            case .innovativeTechnology: add("innovative-technology")
            case .deniesService: add("denies-service")
            }
        }
        let data = FactTable.activityData(context, index)
        if context.graph.categories(of: data).intersects(context.graph.categories.special) { add("special-data") }
        if data.contains(where: { context.model.data[$0].vulnerable == true }) { add("vulnerable-subjects") }
        return criteria
    }

    // MARK: Transfers

    static let transfer: [String: FactDefinition] = [
        "agreements": FactDefinition(type: .refs(.agreement), help: "the SCCs or BCRs covering it") { context, index in
            .refs(.agreement, context.graph.transfers[index].agreements)
        },
        "government_access": FactDefinition(
            type: .string, help: "`problematic` when a destination's public authorities reach the data beyond what is necessary, on the as-of date"
        ) { context, index in
            governmentAccess(context, context.graph.transfers[index]).map { .string($0.access.assessment.rawValue) } ?? .absent
        },
        "government_access_source": FactDefinition(type: .string, help: "who assessed `government_access`, and the country") { context, index in
            governmentAccess(context, context.graph.transfers[index]).map { .string("\($0.country): \($0.access.source)") } ?? .absent
        },
        "effective_measures": FactDefinition(
            type: .strings, help: "the covering agreements' measures that EDPB Recommendations 01/2020 found effective"
        ) { context, index in
            let measures = context.graph.transfers[index].agreements.flatMap { context.model.agreements[$0].measures }
            return .strings(Agreement.effectiveMeasures.filter(measures.contains))
        },
        "tia": FactDefinition(type: .string, help: "the transfer impact assessments of the covering SCCs") { context, index in
            let references = context.graph.transfers[index].agreements.compactMap { context.model.agreements[$0].tia }
            return references.isEmpty ? .absent : .string(references.joined(separator: ", "))
        },
    ]

    /// The first destination whose public authorities' access holds on the as-of date, with its assessment.
    private static func governmentAccess(_ context: EvaluationContext, _ transfer: Transfer) -> (country: String, access: GovernmentAccess)? {
        for country in transfer.countries {
            if let access = context.model.jurisdictions[country]?.governmentAccess, access.holds(on: context.graph.asOf) {
                return (country, access)
            }
        }
        return nil
    }

    // MARK: Recipients

    static let recipient: [String: FactDefinition] = [
        "role": FactDefinition(type: .string, help: "the role the organization declares") { context, index in
            context.model.organizations[context.graph.recipients[index].organization].role.map { .string($0.rawValue) } ?? .absent
        },
    ]

    private static func organization(_ context: EvaluationContext, _ id: String) -> Int? {
        guard let ref = context.model.index[id], ref.kind == .organization else { return nil }
        return ref.index
    }
}
