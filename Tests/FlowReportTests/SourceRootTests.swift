import Foundation
import Testing
@testable import FlowReport

@Suite struct SourceRootTests {
    @Test func pathsAreRelativeToTheRootWhereverTheCheckRuns() {
        let root = SourceRoot(path: "/repo", workingDirectory: "/repo/models/eu")
        #expect(root.relativePath("a.yaml") == "models/eu/a.yaml")
        #expect(root.relativePath("./x/../b.yaml") == "models/eu/b.yaml")
        #expect(root.relativePath("../../shared/c.yaml") == "shared/c.yaml")
        #expect(root.relativePath("/repo/d.yaml") == "d.yaml")
        #expect(root.relativePath("/repository/e.yaml") == nil)
        #expect(root.relativePath("../../../outside.yaml") == nil)
        #expect(root.absolutePath("../../../outside.yaml") == "/outside.yaml")
        #expect(root.relativePath("<stdin>") == "<stdin>")
    }

    @Test func theRootIsTheNearestFolderWithGitElseTheWorkingDirectory() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-root-\(UUID().uuidString)")
        let inner = top.appendingPathComponent("models/eu")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: top) }
        #expect(SourceRoot.find(workingDirectory: inner.path).path == inner.path || FileManager.default.fileExists(atPath: "/tmp/.git"))
        try FileManager.default.createDirectory(at: top.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(SourceRoot.find(workingDirectory: inner.path).path == top.standardizedFileURL.path)
        // A worktree or submodule has a `.git` file.
        try FileManager.default.removeItem(at: top.appendingPathComponent(".git"))
        try Data("gitdir: ../.git/worktrees/x\n".utf8).write(to: top.appendingPathComponent("models/.git"))
        #expect(SourceRoot.find(workingDirectory: inner.path).path == top.appendingPathComponent("models").standardizedFileURL.path)
    }
}
