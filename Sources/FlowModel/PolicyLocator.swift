internal import Foundation

/// Finds the built-in `Policies/` directory wherever the binary is run from.
public enum PolicyLocator {
    /// Overrides every other place (an installed copy, a test fixture).
    public static let environmentVariable = "FLOWAUDIT_BUILTIN_POLICIES"

    /// The first directory holding the catalogue, searched in this order: the environment
    /// variable; beside or above the executable (`.build/debug/flowaudit` finds the repo's);
    /// `share/flowaudit/Policies` of an install prefix; the source tree this was built from.
    public static func builtinDirectory(sourceFile: String = #filePath) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            return explicit
        }
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for ancestor in ancestors(of: executable.deletingLastPathComponent()) {
            candidates.append(ancestor.appendingPathComponent("Policies"))
            candidates.append(ancestor.appendingPathComponent("share/flowaudit/Policies"))
        }
        for ancestor in ancestors(of: URL(fileURLWithPath: sourceFile).deletingLastPathComponent()) {
            candidates.append(ancestor.appendingPathComponent("Policies"))
        }
        return candidates.first { isPolicies($0) }?.path
    }

    private static func ancestors(of start: URL) -> [URL] {
        var result: [URL] = []
        var current = start.standardizedFileURL
        while true {
            result.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path || result.count > 32 { break }
            current = parent
        }
        return result
    }

    private static func isPolicies(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(CatalogueLoader.jurisdictionsFile).path)
    }
}
