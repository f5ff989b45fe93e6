internal import Foundation
package import FlowYAML
package import FlowPolicy
internal import FlowModel

/// Settings of `check` from one source; nil means "not set here".
package struct ConfigurationLayer: Sendable {
    package var paths: [String]?
    package var exclude: [String]?
    package var policies: [String]?
    package var noBuiltin: Bool?
    package var failOn: String?
    package var minSeverity: Severity?
    package var baseline: String?
    package var rules: [String]?
    package var skipRules: [String]?
    package var parameters: [String: String]?
    package var terraformPlans: [String]?
    /// Where this layer comes from, e.g. `flag`, `FLOWAUDIT_FAIL_ON`, `.flowaudit.yaml:3:10`.
    package var origins: [String: String] = [:]

    package init() {}
}

/// The settings `check` runs with, and where each came from (`--show-config`).
package struct CheckConfiguration: Sendable {
    package var paths: [String] = []
    /// Globs of model files to pass over when `paths` are read.
    package var exclude: [String] = []
    package var policies: [String] = []
    package var noBuiltin = false
    package var failOn = "low"
    package var minSeverity: Severity?
    package var baseline: String?
    package var rules: [String] = []
    package var skipRules: [String] = []
    package var parameters: [String: String] = [:]
    /// `terraform show -json` outputs to compare the model with.
    package var terraformPlans: [String] = []
    package var origins: [String: String] = [:]

    package static let fileName = ".flowaudit.yaml"
    package static let failOnValues = ["critical", "high", "medium", "low", "info", "never"]
    static let fields = [
        "paths", "exclude", "policies", "no_builtin", "fail_on", "min_severity", "baseline", "rules", "skip_rules", "parameters", "terraform_plans",
    ]

    /// Flags win over environment variables, which win over the file.
    package init(layers: [ConfigurationLayer]) {
        for name in Self.fields { origins[name] = "default" }
        for layer in layers.reversed() {
            func take<T>(_ value: T?, _ name: String, _ assign: (T) -> Void) {
                guard let value else { return }
                assign(value)
                origins[name] = layer.origins[name] ?? "?"
            }
            take(layer.paths, "paths") { paths = $0 }
            take(layer.exclude, "exclude") { exclude = $0 }
            take(layer.policies, "policies") { policies = $0 }
            take(layer.noBuiltin, "no_builtin") { noBuiltin = $0 }
            take(layer.failOn, "fail_on") { failOn = $0 }
            take(layer.minSeverity, "min_severity") { minSeverity = $0 }
            take(layer.baseline, "baseline") { baseline = $0 }
            take(layer.rules, "rules") { rules = $0 }
            take(layer.skipRules, "skip_rules") { skipRules = $0 }
            take(layer.parameters, "parameters") { parameters = $0 }
            take(layer.terraformPlans, "terraform_plans") { terraformPlans = $0 }
        }
    }

    /// The lowest severity that fails the run; nil for `never`.
    package var failThreshold: Severity? { Severity(rawValue: failOn) }

    /// The effective configuration as YAML, each line commented with its source.
    package func rendered() -> String {
        func list(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ", ") + "]" }
        func quote(_ text: String) -> String {
            var encoded: [UInt8] = []
            JSONValue.writeString(text, to: &encoded)
            return String(decoding: encoded, as: UTF8.self)
        }
        let values: [(String, String)] = [
            ("paths", list(paths)),
            ("policies", list(policies)),
            ("no_builtin", noBuiltin ? "true" : "false"),
            ("fail_on", failOn),
            ("min_severity", minSeverity?.rawValue ?? "null"),
            ("baseline", baseline.map(quote) ?? "null"),
            ("rules", list(rules)),
            ("skip_rules", list(skipRules)),
            ("exclude", list(exclude)),
            ("parameters", "{" + parameters.keys.sorted().map { "\($0): \(quote(parameters[$0] ?? ""))" }.joined(separator: ", ") + "}"),
            ("terraform_plans", list(terraformPlans)),
        ]
        let width = values.map { $0.0.count + $0.1.count + 2 }.max() ?? 0
        return values.map { name, value in
            let line = "\(name): \(value)"
            return line + String(repeating: " ", count: max(1, width - line.count + 2)) + "# \(origins[name] ?? "default")"
        }.joined(separator: "\n") + "\n"
    }
}

/// Reads the configuration file and the `FLOWAUDIT_*` variables into layers.
package enum ConfigurationLoader {
    /// The file, if any: `--config FILE`, else `.flowaudit.yaml` in the working directory.
    package static func fileLayer(explicit: String?, workingDirectory: String) throws(DiagnosticList) -> ConfigurationLayer {
        let path: String
        if let explicit {
            path = explicit
        } else {
            path = workingDirectory + "/" + CheckConfiguration.fileName
            guard FileManager.default.fileExists(atPath: path) else { return ConfigurationLayer() }
        }
        let result = YAMLReader().read(path: path)
        guard result.diagnostics.isEmpty else { throw DiagnosticList(result.diagnostics) }
        guard let root = result.documents.first?.root, !root.isNull else { return ConfigurationLayer() }
        let displayName = explicit ?? CheckConfiguration.fileName
        // Relative paths in the file are relative to the file, wherever flowaudit runs.
        let directory = (path as NSString).deletingLastPathComponent
        func resolve(_ item: String) -> String {
            guard explicit != nil, !item.hasPrefix("/"), !directory.isEmpty else { return item }
            return directory + "/" + item
        }
        var decoder = NodeDecoder()
        var layer = ConfigurationLayer()
        guard let fields = decoder.fields(of: root, allowed: CheckConfiguration.fields, context: "the configuration") else {
            throw DiagnosticList(decoder.diagnostics)
        }
        for name in CheckConfiguration.fields {
            if let node = fields[name] { layer.origins[name] = "\(displayName):\(node.span.start.line):\(node.span.start.column)" }
        }
        if fields.has("paths") { layer.paths = decoder.strings(fields["paths"], field: "paths").map(resolve) }
        if fields.has("exclude") { layer.exclude = decoder.strings(fields["exclude"], field: "exclude") }
        if fields.has("terraform_plans") {
            layer.terraformPlans = decoder.strings(fields["terraform_plans"], field: "terraform_plans").map(resolve)
        }
        if fields.has("policies") { layer.policies = decoder.strings(fields["policies"], field: "policies").map(resolve) }
        layer.noBuiltin = decoder.bool(fields["no_builtin"], field: "no_builtin")
        if let failOn = decoder.string(fields["fail_on"], field: "fail_on"), let node = fields["fail_on"] {
            if CheckConfiguration.failOnValues.contains(failOn) {
                layer.failOn = failOn
            } else {
                decoder.report("invalid value '\(failOn)' for 'fail_on'\(DidYouMean.hint(failOn, from: CheckConfiguration.failOnValues)) (allowed: \(CheckConfiguration.failOnValues.joined(separator: ", ")))", at: node.span)
            }
        }
        if let text = decoder.string(fields["min_severity"], field: "min_severity"), let node = fields["min_severity"] {
            layer.minSeverity = Severity(rawValue: text)
            if layer.minSeverity == nil {
                decoder.report("invalid value '\(text)' for 'min_severity' (allowed: \(Severity.allCases.map(\.rawValue).joined(separator: ", ")))", at: node.span)
            }
        }
        layer.baseline = decoder.string(fields["baseline"], field: "baseline").map(resolve)
        if fields.has("rules") { layer.rules = decoder.strings(fields["rules"], field: "rules") }
        if fields.has("skip_rules") { layer.skipRules = decoder.strings(fields["skip_rules"], field: "skip_rules") }
        if let node = fields["parameters"], !node.isNull, decoder.expect(.mapping, node, what: "'parameters'") {
            var parameters: [String: String] = [:]
            for entry in node.entries { parameters[entry.name] = decoder.string(entry.value, field: entry.name) }
            layer.parameters = parameters
        }
        guard decoder.diagnostics.isEmpty else { throw DiagnosticList(decoder.diagnostics.sorted()) }
        return layer
    }

    /// `FLOWAUDIT_PATHS`, `FLOWAUDIT_POLICIES` (colon-separated), `FLOWAUDIT_NO_BUILTIN`,
    /// `FLOWAUDIT_FAIL_ON`, `FLOWAUDIT_MIN_SEVERITY`, `FLOWAUDIT_BASELINE`, `FLOWAUDIT_RULES`,
    /// `FLOWAUDIT_SKIP_RULES` (comma-separated), `FLOWAUDIT_PARAMETERS` (`a=1,b=2`).
    package static func environmentLayer(_ environment: [String: String]) throws(DiagnosticList) -> ConfigurationLayer {
        var layer = ConfigurationLayer()
        var problems: [Diagnostic] = []
        func value(_ name: String, _ field: String) -> String? {
            guard let text = environment["FLOWAUDIT_" + name], !text.isEmpty else { return nil }
            layer.origins[field] = "FLOWAUDIT_" + name
            return text
        }
        func split(_ text: String, _ separator: Character) -> [String] {
            text.split(separator: separator).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let text = value("PATHS", "paths") { layer.paths = split(text, ":") }
        if let text = value("EXCLUDE", "exclude") { layer.exclude = split(text, ":") }
        if let text = value("TERRAFORM_PLANS", "terraform_plans") { layer.terraformPlans = split(text, ":") }
        if let text = value("POLICIES", "policies") { layer.policies = split(text, ":") }
        if let text = value("NO_BUILTIN", "no_builtin") {
            switch text {
            case "true", "1": layer.noBuiltin = true
            case "false", "0": layer.noBuiltin = false
            default: problems.append(Diagnostic("FLOWAUDIT_NO_BUILTIN must be true or false, not '\(text)'", file: "environment", position: nil))
            }
        }
        if let text = value("FAIL_ON", "fail_on") {
            if CheckConfiguration.failOnValues.contains(text) {
                layer.failOn = text
            } else {
                problems.append(Diagnostic("FLOWAUDIT_FAIL_ON must be one of \(CheckConfiguration.failOnValues.joined(separator: ", ")), not '\(text)'", file: "environment", position: nil))
            }
        }
        if let text = value("MIN_SEVERITY", "min_severity") {
            layer.minSeverity = Severity(rawValue: text)
            if layer.minSeverity == nil {
                problems.append(Diagnostic("FLOWAUDIT_MIN_SEVERITY must be a severity, not '\(text)'", file: "environment", position: nil))
            }
        }
        if let text = value("BASELINE", "baseline") { layer.baseline = text }
        if let text = value("RULES", "rules") { layer.rules = split(text, ",") }
        if let text = value("SKIP_RULES", "skip_rules") { layer.skipRules = split(text, ",") }
        if let text = value("PARAMETERS", "parameters") {
            var parameters: [String: String] = [:]
            for item in split(text, ",") {
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    problems.append(Diagnostic("FLOWAUDIT_PARAMETERS takes name=value pairs, not '\(item)'", file: "environment", position: nil))
                    continue
                }
                parameters[String(item[..<equals])] = String(item[item.index(after: equals)...])
            }
            layer.parameters = parameters
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return layer
    }
}
