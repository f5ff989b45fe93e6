import Foundation
import Testing

/// Runs the built `flowaudit` binary as a user would.
enum CLI {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (same build configuration), else the debug build.
    static let binary: URL = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("flowaudit"))
                directory = directory.deletingLastPathComponent()
            }
        }
        candidates.append(repoRoot.appendingPathComponent(".build/debug/flowaudit"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    static func run(_ arguments: [String], stdin: String? = nil, directory: URL = repoRoot,
                    environment: [String: String] = [:], executable: URL = binary) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.appendingPathComponent("in")
            try Data(stdin.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let start = Date()
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            seconds: Date().timeIntervalSince(start))
    }

    /// Runs another program (a validator, `script`); NO_COLOR is set unless `unsetColor`.
    static func runTool(_ path: String, _ arguments: [String], unsetColor: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = repoRoot
        var env = ProcessInfo.processInfo.environment
        if unsetColor { env.removeValue(forKey: "NO_COLOR") } else { env["NO_COLOR"] = "1" }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    /// A schema from shared/, beside the repository (as in CI) or the workplace's copy.
    static func sharedSchema(_ name: String) throws -> String {
        let candidates = [
            repoRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/\(name)").path,
            "/work/shared/schemas/\(name)",
        ]
        return try #require(candidates.first { FileManager.default.fileExists(atPath: $0) },
                            "\(name) is not at \(candidates.joined(separator: " or "))")
    }

    /// Rules in the built-in pack: one file each.
    static var builtinRuleCount: Int {
        let directory = repoRoot.appendingPathComponent("Policies/gdpr").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.count
    }

    /// Compares with a file under `Golden/`; FLOWAUDIT_UPDATE_GOLDEN=1 rewrites it instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = repoRoot.appendingPathComponent("Tests/FlowauditCLITests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["FLOWAUDIT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(actual == expected, "output differs from Golden/\(name); rerun with FLOWAUDIT_UPDATE_GOLDEN=1 and review the diff", sourceLocation: sourceLocation)
    }

    /// Peak resident memory of the largest child process waited for so far, in bytes.
    static func peakChildMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
