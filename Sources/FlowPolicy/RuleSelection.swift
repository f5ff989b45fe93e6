public import FlowYAML
import FlowModel

/// `--rule` / `--skip-rule`: which rules run. Globs allowed; a plain id that names no rule is an
/// error (a typo would otherwise silently select nothing).
public enum RuleSelection {
    public static func apply(_ rules: [Rule], select: [String], skip: [String]) throws(DiagnosticList) -> [Rule] {
        let ids = rules.map(\.id)
        var problems: [Diagnostic] = []
        for (option, patterns) in [("--rule", select), ("--skip-rule", skip)] {
            for pattern in patterns where !pattern.contains("*") && !pattern.contains("?") && !ids.contains(pattern) {
                problems.append(Diagnostic(
                    "\(option) '\(pattern)' names no rule\(DidYouMean.hint(pattern, from: ids))", file: "flowaudit", position: nil))
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return rules.filter { rule in
            (select.isEmpty || select.contains { Glob.matches($0, rule.id) })
                && !skip.contains { Glob.matches($0, rule.id) }
        }
    }
}
