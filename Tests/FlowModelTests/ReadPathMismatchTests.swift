import Foundation
import Testing
import FlowYAML
@testable import FlowModel

/// Inputs on which the whole read and the chunked read once disagreed, or which cost more than
/// their size: each must now read the same both ways, and cheaply.
@Suite struct ReadPathMismatchTests {
    static let fillerSystems = (0..<40).map { "  system-\($0):\n    operator: a\n" }.joined()
    static let fillerStores = (0..<40).map { "  store-\($0):\n    operator: a\n" }.joined()

    /// A quoted name continued at column 0 onto a line that looks like a section key: the lines
    /// after it are still systems, never stores.
    @Test func aQuotedTextOverALineThatLooksLikeASectionKey() throws {
        let text = ChunkedReadTests.base + "systems:\n" + Self.fillerSystems + "  payroll:\n    operator: a\n    name: \"Payroll\nstores: #\"\n"
            + Self.fillerSystems.replacingOccurrences(of: "system-", with: "late-system-")
        #expect(ChunkedReadTests.cuts(text) > 1)
        let (whole, chunked) = try ChunkedReadTests.bothWays(text)
        #expect(whole == chunked)
        #expect(whole.filter { $0.hasPrefix("system ") }.count == 81)
        #expect(!whole.contains { $0.hasPrefix("store ") })
    }

    /// `<<` where an id goes is a merge key to a whole read, whichever way the file is read.
    @Test(arguments: ["stores", "systems"])
    func aMergeKeyWhereAnIdGoes(_ section: String) throws {
        let text = ChunkedReadTests.base + "\(section):\n" + Self.fillerStores + "  <<: {operator: a}\n" + Self.fillerStores
            .replacingOccurrences(of: "store-", with: "late-store-")
        #expect(ChunkedReadTests.cuts(text) > 1)
        let (whole, chunked) = try ChunkedReadTests.bothWays(text)
        #expect(whole == chunked)
        #expect(!whole.contains { $0.contains(" << ") })
    }

    /// A UTF-8 byte order mark before the first key is dropped, and positions count from after it.
    @Test func aByteOrderMarkBeforeTheFirstKey() throws {
        let text = "\u{FEFF}" + ChunkedReadTests.base + ChunkedReadTests.fillerOrganizations + ChunkedReadTests.fillerFlows
        let (whole, chunked) = try ChunkedReadTests.bothWays(text)
        #expect(whole == chunked)
        #expect(whole.first?.hasPrefix("org a SE ") == true && whole.first?.hasSuffix("chunks.yaml:4:3-4:4") == true)
        #expect(Fixtures.errors("\u{FEFF}organizations:\n  a: {name: A, country: XX}\n")
            == ["m.yaml:2:25: error: unknown country code 'XX' in 'country' (ISO 3166-1 alpha-2, or add it under 'jurisdictions')"])
    }

    /// Thousands of unknown ids in one list: reported up to the cap, then counted, in linear time.
    @Test func manyUnknownReferencesAreCapped() {
        let ids = (0..<5000).map { "missing-\($0)" }.joined(separator: ", ")
        let errors = Fixtures.errors(Fixtures.base + "\nflows:\n  - {from: medhelp, to: voice, data: [\(ids)]}\n")
        #expect(errors.count == ReferenceChecker.maxUnknownPerField + 1)
        let summary = "has \(5000 - ReferenceChecker.maxUnknownPerField) more wrong ids in 'data' than the \(ReferenceChecker.maxUnknownPerField) shown"
        #expect(errors.filter { $0.contains(summary) }.count == 1)
        #expect(errors.contains { $0.contains("refers to unknown id 'missing-0' in 'data'") })
        #expect(!errors.contains { $0.contains("'missing-\(ReferenceChecker.maxUnknownPerField)'") })
    }
}
