import ArgumentParser
import FlowModel
import FlowPolicy
import FlowYAML
internal import Foundation

/// Options shared by the commands that evaluate rules.
struct PolicyOptions: ParsableArguments {
    @Option(name: .customLong("policy"), help: ArgumentHelp("A folder of rule files to add (repeatable).", valueName: "dir"))
    var policies: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in GDPR rule pack.")
    var noBuiltin = false

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a rule parameter, e.g. large_scale_records=50000 (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    func directories() throws -> [String] {
        try Environment.policyDirectories(noBuiltin: noBuiltin, extra: policies)
    }

    func parameterOverrides() throws -> [String: String] {
        var result: [String: String] = [:]
        for item in parameters {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--param takes name=value, not '\(item)'")
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }

    func rules() throws -> [Rule] {
        try PolicyLoader(categories: try Environment.catalogue().categories, parameterOverrides: try parameterOverrides())
            .load(directories: try directories())
    }
}

/// `--as-of`: dates in agreements, waivers and adequacy decisions are judged on it.
struct DateOption: ExpressibleByArgument {
    let date: CivilDate

    init?(argument: String) {
        guard let date = CivilDate(argument) else { return nil }
        self.date = date
    }

    /// Today in UTC.
    static var today: CivilDate {
        let days = (Date().timeIntervalSince1970 / 86_400).rounded(.down)
        return CivilDate(daysSinceEpoch: Int(exactly: days) ?? 0) ?? .epoch
    }
}

/// `--fail-on`: the lowest severity that fails the run, or `never`.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}
