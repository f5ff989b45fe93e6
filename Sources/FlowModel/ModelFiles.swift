internal import Foundation
public import FlowYAML

/// Turns the paths a user gives into the model files to read.
public enum ModelFiles {
    public static let extensions: Set<String> = ["yaml", "yml"]
    /// The path that means "read the model from standard input".
    public static let standardInput = "-"
    /// How standard input is named in diagnostics and reports.
    public static let standardInputName = "<stdin>"

    /// Files as given, directories searched recursively for `*.yaml`/`*.yml`; in sorted path order.
    public static func expand(_ paths: [String]) throws(DiagnosticList) -> [String] {
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
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard extensions.contains((name as NSString).pathExtension.lowercased()), !name.hasPrefix(".") else { continue }
                let full = base + "/" + relative
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

    /// Reads and parses files in parallel across cores; results keep the order of `files`.
    public static func read(_ files: [String], limits: YAMLLimits) -> [YAMLReadResult] {
        let results = ResultSlots(count: files.count)
        let reader = YAMLReader(limits: limits)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            if files[index] == standardInput {
                results.set(index, readStandardInput(reader))
            } else {
                results.set(index, reader.read(path: files[index]))
            }
        }
        return results.values
    }
}

private func readStandardInput(_ reader: YAMLReader) -> YAMLReadResult {
    // Read at most one byte past the limit: enough to know the input is too large.
    let data = FileHandle.standardInput.readData(ofLength: reader.limits.maxFileBytes + 1)
    return reader.read(bytes: [UInt8](data), file: ModelFiles.standardInputName)
}

/// One slot per file, each written by exactly one iteration of `concurrentPerform`.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [YAMLReadResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: YAMLReadResult) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [YAMLReadResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? YAMLReadResult(documents: [], diagnostics: []) }
    }
}
