import FlowModel
internal import Foundation

/// The folder report paths are written relative to: the top level of the git repository the
/// check runs in (the nearest folder upwards holding `.git`), else the working directory.
/// GitHub and GitLab resolve a SARIF `uri` and an annotation's `file` against the repository's
/// root, whatever folder of it the check ran in.
public struct SourceRoot: Sendable, Hashable {
    /// Absolute, without a trailing `/`.
    public let path: String
    public let workingDirectory: String

    public init(path: String, workingDirectory: String) {
        self.path = FilePaths.absolute(path, workingDirectory: workingDirectory)
        self.workingDirectory = workingDirectory
    }

    /// The repository around `workingDirectory` (a `.git` folder, or the `.git` file of a worktree
    /// or submodule), else `workingDirectory` itself.
    public static func find(workingDirectory: String) -> SourceRoot {
        var folder = FilePaths.absolute(workingDirectory, workingDirectory: "/")
        while true {
            if FileManager.default.fileExists(atPath: (folder == "/" ? "" : folder) + "/.git") {
                return SourceRoot(path: folder, workingDirectory: workingDirectory)
            }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { break }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
        return SourceRoot(path: workingDirectory, workingDirectory: workingDirectory)
    }

    /// `file` relative to the root, or nil where it lies outside. Standard input keeps its name.
    public func relativePath(_ file: String) -> String? {
        if file == ModelFiles.standardInputName { return file }
        let absolute = FilePaths.absolute(file, workingDirectory: workingDirectory)
        let base = path == "/" ? "/" : path + "/"
        return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : nil
    }

    /// `file` absolute, with no `.` or `..` parts.
    public func absolutePath(_ file: String) -> String {
        FilePaths.absolute(file, workingDirectory: workingDirectory)
    }
}

/// Paths as text, without touching the file system.
enum FilePaths {
    /// `path` made absolute against the working directory, without `.` and `..` components.
    static func absolute(_ path: String, workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The absolute `path` from the absolute `folder`, with `..` where it lies outside it.
    static func relative(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)).joined(separator: "/")
    }
}
