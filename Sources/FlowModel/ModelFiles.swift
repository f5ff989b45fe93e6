internal import Foundation
package import FlowYAML
import FlowRuntime

/// Turns the paths a user gives into the model files to read.
package enum ModelFiles {
    package static let extensions: Set<String> = ["yaml", "yml"]
    /// The path that means "read the model from standard input".
    package static let standardInput = "-"
    /// How standard input is named in diagnostics and reports.
    package static let standardInputName = "<stdin>"

    /// Files as given, directories searched recursively for `*.yaml`/`*.yml`, passing over hidden
    /// files and folders (`.git`, `.github`: a repository's workflows are YAML, not a model); in
    /// sorted path order.
    /// `exclude`: globs (`*` and `?`, `*` crossing `/`) matched against each file's path as
    /// written and as found below a folder given (`generated/*`); a folder matched is passed
    /// over whole.
    package static func expand(_ paths: [String], exclude: [String] = []) throws(DiagnosticList) -> [String] {
        func excluded(_ candidates: String...) -> Bool {
            exclude.contains { pattern in candidates.contains { Glob.matches(pattern, $0) } }
        }
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            if path == standardInput {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic("no such file or directory", file: path, position: nil))
                continue
            }
            if !isDirectory.boolValue {
                if !excluded(path) { files.append(path) }
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = base + "/" + relative
                if name.hasPrefix(".") || excluded(relative, full) {
                    enumerator?.skipDescendants()
                    continue
                }
                guard extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
                var nestedIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &nestedIsDirectory), !nestedIsDirectory.boolValue {
                    files.append(full)
                }
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        var seen = Set<String>()
        return files.sorted().filter { seen.insert($0).inserted }
    }

    /// Whether `file`, listed below the folder `base` (a git revision's files), is one `expand`
    /// would read there: a YAML file, in no hidden folder, matched by no `exclude` glob (a
    /// folder matched passes over all below it).
    package static func isModelFile(_ file: String, below base: String, exclude: [String] = []) -> Bool {
        let prefix = base == "." || base.isEmpty ? "" : (base.hasSuffix("/") ? base : base + "/")
        let relative = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
        guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { return false }
        var walked = ""
        for part in relative.split(separator: "/") {
            walked += walked.isEmpty ? String(part) : "/" + part
            if part.hasPrefix(".") { return false }
            if exclude.contains(where: { Glob.matches($0, walked) || Glob.matches($0, prefix + walked) }) { return false }
        }
        return true
    }

    /// Reads and parses files in parallel across cores; results keep the order of `files`.
    package static func read(_ files: [String], limits: YAMLLimits) -> [YAMLReadResult] {
        let reader = YAMLReader(limits: limits)
        return Parallel.map(files.count) { index in
            switch source(files[index], reader: reader) {
            case .success(let source): reader.read(source)
            case .failure(let problem): YAMLReadResult(documents: [], diagnostics: [problem])
            }
        }
    }

    /// The bytes of a file, or of standard input for `-`, within the reader's limits.
    package static func source(_ file: String, reader: YAMLReader) -> Result<YAMLSource, Diagnostic> {
        guard file == standardInput else { return reader.source(path: file) }
        // Read at most one byte past the limit: enough to know the input is too large.
        let data = FileHandle.standardInput.readData(ofLength: reader.limits.maxFileBytes + 1)
        return reader.source(bytes: [UInt8](data), file: standardInputName)
    }
}
