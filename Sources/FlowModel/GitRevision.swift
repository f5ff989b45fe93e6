internal import Foundation
package import FlowYAML
import FlowRuntime

/// Model files as a git revision has them, read with `git ls-tree` and `git cat-file` from the
/// repository around the working directory, with no checkout. A side of `flowaudit diff` written
/// `git:REV` or `git:REV:PATH`.
package struct GitRevision: Sendable {
    /// What the user wrote after `git:`, and the paths below the working directory it names.
    package let revision: String
    package let paths: [String]

    /// The prefix a side of `diff` that reads from git starts with.
    package static let prefix = "git:"

    /// `git:REV[:PATH]`; nil when `side` does not start with `git:`. `defaultPaths` (the
    /// configuration's) are read when no path is given, else the whole tree.
    package init?(side: String, defaultPaths: [String]) {
        guard side.hasPrefix(Self.prefix) else { return nil }
        let rest = side.dropFirst(Self.prefix.count)
        let given = rest.firstIndex(of: ":").map { String(rest[rest.index(after: $0)...]) } ?? ""
        revision = String(rest.prefix { $0 != ":" })
        paths = !given.isEmpty ? [given] : defaultPaths.isEmpty ? ["."] : defaultPaths
    }

    /// The model files under `paths` at the revision, named `REV:path` (paths from the working
    /// directory), as `ModelFiles.expand` would find them on disk: YAML files, no hidden files or
    /// folders, none matched by `exclude`.
    package func files(exclude: [String] = [], limits: YAMLLimits = .default) throws(DiagnosticList) -> [(name: String, bytes: [UInt8])] {
        guard !revision.isEmpty else { throw Self.problem("no revision given: write git:REV or git:REV:PATH") }
        let named = "\(revision):\(paths.joined(separator: ","))"
        let listed = try Self.git(["ls-tree", "-r", "-z", "--name-only", revision, "--"] + paths, what: named)
        let models = listed.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { file in
            let base = paths.first { $0 == "." || file == $0 || file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } ?? "."
            return ModelFiles.isModelFile(file, below: base, exclude: exclude)
        }.sorted()
        guard !models.isEmpty else { throw Self.problem("\(named): no model files at this revision") }
        var files: [(name: String, bytes: [UInt8])] = []
        for file in models {
            // `./` makes the path relative to the working directory, as ls-tree printed it.
            let bytes = try Self.git(["cat-file", "blob", "\(revision):./\(file)"], what: "\(revision):\(file)")
            guard bytes.count <= limits.maxFileBytes else {
                throw Self.problem("\(revision):\(file): file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes")
            }
            files.append(("\(revision):\(file)", bytes))
        }
        return files
    }

    /// The day the revision was committed (its committer date, UTC).
    package func commitDate() throws(DiagnosticList) -> CivilDate {
        let output = try Self.git(["show", "-s", "--format=%cd", "--date=format-local:%Y-%m-%d", revision, "--"], what: revision,
                                  environment: ["TZ": "UTC"])
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let date = CivilDate(text) else { throw Self.problem("\(revision): git gave no commit date ('\(text)')") }
        return date
    }

    private static func problem(_ message: String) -> DiagnosticList {
        DiagnosticList([Diagnostic(message, file: "git", position: nil)])
    }

    /// Runs git in the working directory; its standard output, or its error as a diagnostic.
    private static func git(_ arguments: [String], what: String, environment: [String: String] = [:]) throws(DiagnosticList) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw problem("cannot run git: \(error)")
        }
        // Read both pipes to their ends before waiting: a full pipe would block git.
        let errorData = Parallel.background { errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData.value, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw problem("\(what): \(message.isEmpty ? "git failed" : message)")
        }
        return [UInt8](data)
    }
}
