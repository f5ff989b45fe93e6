import Foundation
import Testing

@Suite(.serialized) struct ViewCommandTests {
    static let asOf = "--as-of=2026-11-25"

    static let goldens: [(name: String, arguments: [String])] = [
        ("vendor-medicall.txt", ["vendor", "medicall", "Examples/1177"]),
        ("vendor-medicall.json", ["vendor", "medicall", "Examples/1177", "--format", "json"]),
        ("vendor-voice-integrate.md", ["vendor", "voice-integrate", "Examples/1177", "--format", "markdown"]),
        ("impact-voicenas.txt", ["impact", "voicenas", "Examples/1177"]),
        ("impact-voicenas.json", ["impact", "voicenas", "Examples/1177", "--format", "json"]),
        ("impact-medicall.md", ["impact", "medicall", "Examples/1177", "--format", "markdown"]),
        ("ropa.md", ["ropa", "Examples/1177"]),
        ("ropa.csv", ["ropa", "Examples/1177", "--format", "csv"]),
        ("ropa.json", ["ropa", "Examples/1177", "--format", "json"]),
        ("graph.dot", ["graph", "Examples/1177"]),
        ("graph.mmd", ["graph", "Examples/1177", "--format", "mermaid"]),
    ]

    @Test(arguments: goldens.map(\.name))
    func golden(_ name: String) throws {
        let arguments = try #require(Self.goldens.first { $0.name == name }).arguments
        let result = try CLI.run(arguments + [Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        try CLI.expectGolden(result.stdout, "1177-" + name)
    }

    /// One Art. 30(1) record per activity, with its legal basis; each transfer to Thailand under the
    /// activity whose flows make it, without a safeguard; Art. 30(2) records for the processors.
    @Test func ropaHasARecordPerActivityAndPerProcessor() throws {
        let result = try CLI.run(["ropa", "Examples/1177", "--format", "json", Self.asOf])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let activities = try #require(object["activities"] as? [[String: Any]])
        #expect(activities.compactMap { $0["activity"] as? String }
            == ["telephone-advice", "call-recording", "patient-record-keeping", "out-of-hours-advice"])
        let night = try #require(activities.first { $0["activity"] as? String == "out-of-hours-advice" })
        #expect((night["legalBases"] as? [String]) == [])
        let transfers = night["transfers"] as? [[String: Any]] ?? []
        #expect(transfers.map { $0["subject"] as? String } == ["night-calls-to-medicall"])
        #expect(transfers.allSatisfy { $0["safeguard"] is NSNull && ($0["countries"] as? [String]) == ["TH"] })
        let advice = try #require(activities.first { $0["activity"] as? String == "telephone-advice" })
        #expect((advice["legalBases"] as? [String]) == ["public-task"])
        let processors = try #require(object["processors"] as? [[String: Any]])
        #expect(processors.compactMap { ($0["processor"] as? [String: Any])?["id"] as? String } == ["medicall", "voice-integrate"])
        let markdown = try CLI.run(["ropa", "Examples/1177", Self.asOf]).stdout
        #expect(markdown.contains("| Activity | Purposes (b) | Legal basis | Art. 9(2) condition |"))
        #expect(markdown.contains("## Processor: Voice Integrate Nordic AB (voice-integrate, SE) for Medhelp AB (medhelp, SE) — Art. 30(2)"))
    }

    /// A model written without activities: every record is 'activity not declared', nothing lost.
    @Test func ropaOfAModelWithoutActivities() throws {
        let result = try CLI.run(["ropa", "Examples/telehealth-app", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        try CLI.expectGolden(result.stdout, "telehealth-app-ropa.md")
        #expect(result.stdout.contains("_activity not declared_"))
    }

    /// `explain` of each rule that judges activities shows one.
    @Test(arguments: ["missing-purpose", "missing-legal-basis", "special-category-without-article9-condition"])
    func explainShowsAnActivity(_ rule: String) throws {
        let result = try CLI.run(["explain", rule])
        #expect(result.status == 0)
        #expect(result.stdout.contains("activities: {"), "\(result.stdout)")
        #expect(result.stdout.contains("A model that passes ("))
    }

    @Test func impactOfVoiceNASNamesMedhelpAndTheSwedishAuthority() throws {
        let result = try CLI.run(["impact", "voicenas", "Examples/1177", "--format", "json", Self.asOf])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let controllers = object?["controllers"] as? [[String: Any]] ?? []
        #expect(controllers.map { $0["id"] as? String } == ["medhelp"])
        #expect(controllers.first?["authority"] as? String == "Integritetsskyddsmyndigheten (IMY)")
        #expect((object?["processors"] as? [String]) == ["voice-integrate"])
        #expect(object?["totalRecords"] as? Int == 2_700_000)
        #expect((object?["notifySubjects"] as? [String: Any])?["likely"] as? Bool == true)
    }

    @Test func unknownIdsAreUsageErrorsWithSuggestions() throws {
        let vendor = try CLI.run(["vendor", "medical", "Examples/1177", Self.asOf])
        #expect(vendor.status == 2)
        #expect(vendor.stderr.contains("no organization 'medical' in the model; did you mean 'medicall'?"))
        // An id of another kind says what it is; the error points to the subcommand's help.
        let system = try CLI.run(["vendor", "biz", "Examples/1177", Self.asOf])
        #expect(system.status == 2)
        #expect(system.stderr.contains("'biz' is a system, not an organization"))
        #expect(system.stderr.contains("See 'flowaudit vendor --help'") && !system.stderr.contains("flowaudit <subcommand>"))
        let impact = try CLI.run(["impact", "voicenass", "Examples/1177", Self.asOf])
        #expect(impact.status == 2)
        #expect(impact.stderr.contains("did you mean 'voicenas'?"))
    }

    @Test func clinicVendorIsAskedNothingTheModelAnswers() throws {
        // NordHost declares its DPO and every measure of what it runs.
        let result = try CLI.run(["vendor", "nordhost", "Examples/compliant-clinic", Self.asOf])
        #expect(result.stdout.hasSuffix("Questions for the vendor\n  none: everything the model asks about is declared\n"))
        #expect(result.stdout.contains("└ Kaltlager Backup GmbH (backupco, DE)"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let inCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// A regional map has far more nodes than Graphviz lays out in reasonable time: the page says
    /// so instead of waiting for `dot`.
    @Test func htmlReportOfALargeModelHasNoDiagram() throws {
        let organizations = (0...300).map { "  org-\($0): {name: Org \($0), country: SE}\n" }.joined()
        let model = "organizations:\n" + organizations
            + "data:\n  calls: {controller: org-0, categories: [special.health]}\n"
            + "systems:\n  phone: {operator: org-1}\n"
            + "flows:\n  - {from: org-0, to: phone, data: [calls], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}\n"
        let result = try CLI.run(["check", "-", "--format", "html", "--fail-on", "never", Self.asOf], stdin: model)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("This model has 302 nodes; the page draws diagrams of up to 300."))
        #expect(!result.stdout.contains("<svg"))
        #expect(!result.stdout.contains("<pre class=\"dot\">"))
    }

    @Test(.enabled(if: chromium != nil || inCI, "headless Chromium is not installed (.ci/run installs it)"))
    func htmlReportRendersInABrowser() throws {
        let browser = try #require(Self.chromium, "CI must install chromium")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        let result = try CLI.run(["check", "Examples/1177", "--format", "html", "--output", report.path, Self.asOf])
        #expect(result.status == 1)
        let html = try String(contentsOf: report, encoding: .utf8)
        // XML namespaces name w3.org without fetching it; any other URL would be a fetch.
        let withoutNamespaces = html.replacingOccurrences(of: "http://www.w3.org/", with: "")
        #expect(!withoutNamespaces.contains("http://"), "the page must not fetch anything")
        #expect(!withoutNamespaces.contains("https://"))
        #expect(!html.contains("src=\"http"))
        func dom(_ fragment: String) throws -> String {
            let run = try CLI.runTool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", report.absoluteString + fragment])
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
        let page = try dom("")
        #expect(page.components(separatedBy: "<article class=\"finding").count - 1 == 21)
        #expect(page.contains("21 shown"))
        #expect(page.contains("third-country-transfer-without-safeguard@night-calls-to-medicall"))
        let hasDiagram = page.contains("<svg") || page.contains("<pre class=\"dot\">")
        #expect(hasDiagram)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            #expect(page.contains("<svg"))
            #expect(page.contains("VoiceNAS call recording server"))
        }
        // The in-page filter ran: only the four critical findings remain visible.
        let critical = try dom("#min=critical")
        #expect(critical.contains("4 shown"))
        #expect(critical.components(separatedBy: "hidden=\"\"").count - 1 == 17)
    }

    /// What a DPO acts on comes first: the changes, then the diagram, then the findings one by one;
    /// rule texts' `code` is rendered, and a subject is not named twice.
    @Test func htmlPutsTheChangesAndTheDiagramFirst() throws {
        let result = try CLI.run(["check", "Examples/1177", "--format", "html", Self.asOf])
        let html = result.stdout
        let order = ["id=\"summary\"", "id=\"fixes\"", "id=\"diagram\"", "id=\"filters\"", "id=\"findings\""].map {
            html.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 }.sorted() == order.compactMap { $0 })
        #expect(html.contains("<h2>What to change: 10 changes clear all 21 findings</h2>"))
        #expect(html.contains("<strong>MediCall Co. Ltd (organization medicall)</strong> <span class=\"clears\">clears 3 critical, 1 high</span>"))
        #expect(html.contains("record its reference in <code>dpia</code>"))
        #expect(!html.contains("`dpia`"))
        #expect(html.contains("<dt>Subject</dt><dd><code>night-calls-to-medicall</code> (flow)</dd>"))
        #expect(html.contains("<dt>Subject</dt><dd>VoiceNAS call recording server <code>voicenas</code> (store)</dd>"))
    }

    /// Screenshots of the first screen of two reports, kept next to the test run's output for a
    /// person to look at, and checked by their pixels: the diagram's clusters (their fill
    /// colours) are in the first screen.
    @Test(.enabled(if: (chromium != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/dot")) || inCI,
                   "headless Chromium and Graphviz are not installed (.ci/run installs them)"))
    func theDiagramIsInTheFirstScreen() throws {
        let browser = try #require(Self.chromium, "CI must install chromium")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-screens")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for example in ["1177", "telehealth-app"] {
            let report = directory.appendingPathComponent("\(example).html")
            let screenshot = directory.appendingPathComponent("\(example).png")
            try? FileManager.default.removeItem(at: screenshot)
            _ = try CLI.run(["check", "Examples/\(example)", "--format", "html", "--output", report.path, Self.asOf])
            let run = try CLI.runTool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                "--window-size=1280,1000", "--screenshot=\(screenshot.path)", report.absoluteString])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try CLI.runTool("/usr/bin/env", ["python3", "-c", Self.clusterRows, screenshot.path])
            #expect(rows.status == 0, "\(rows.stderr)")
            // `first last height`: rows of the first screen where a cluster's fill shows.
            let numbers = rows.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(numbers.count == 3 && numbers[0] >= 0 && numbers[0] < numbers[2], "\(example): \(rows.stdout)")
        }
    }

    /// Prints the first and last pixel row of a PNG (8-bit RGB or RGBA, not interlaced) holding a
    /// cluster fill colour of the diagram, and the height; -1 -1 when none does. No imaging
    /// library: zlib and the PNG filters are enough.
    static let clusterRows = """
    import sys, zlib, struct
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, color, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    assert depth == 8 and color in (2, 6) and interlace == 0
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    fills = {(0xe8, 0xf4, 0xea), (0xff, 0xf6, 0xd6), (0xfd, 0xe2, 0xe1)}
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if any(tuple(line[i:i + 3]) in fills for i in range(0, stride, bpp)):
            rows.append(y)
        previous = line
    print(rows[0] if rows else -1, rows[-1] if rows else -1, height)
    """

    @Test func schemaValidatesTheExamplesAndRejectsBadValues() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("schema.json")
        let result = try CLI.run(["schema"])
        #expect(result.status == 0)
        try Data(result.stdout.utf8).write(to: schema)
        let check = try CLI.runTool("/usr/bin/env", ["python3", "-c", """
        import json, sys, glob, yaml, jsonschema
        class Loader(yaml.SafeLoader): pass
        Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp'] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        files = sorted(glob.glob('Examples/**/*.yaml', recursive=True))
        for name in files:
            jsonschema.validate(yaml.load(open(name), Loader=Loader), schema)
        bad = [
            {'stores': {'s': {'operator': 'o', 'encryption_at_rest': 'maybe'}}},
            {'agreements': [{'type': 'scc', 'exporter': 'a', 'importer': 'b', 'approved': ['c']}]},
            {'agreements': [{'type': 'dpa', 'controller': 'a'}]},
            {'data': {'d': {'controller': 'a', 'categories': ['secret.health']}}},
        ]
        for model in bad:
            try:
                jsonschema.validate(model, schema)
                sys.exit('accepted %r' % model)
            except jsonschema.ValidationError:
                pass
        print(len(files))
        """, schema.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(Int(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 11)
    }

    @Test func initWritesAStarterThatValidatesAndIsClean() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try CLI.run(["init", directory.path])
        #expect(created.status == 0)
        #expect(try CLI.run(["validate", directory.path]).status == 0)
        let checked = try CLI.run(["check", directory.path, "--fail-on", "info", Self.asOf])
        #expect(checked.status == 0, "\(checked.stdout)")
        let model = try String(contentsOf: directory.appendingPathComponent("model.yaml"), encoding: .utf8)
        #expect(model.hasPrefix("# yaml-language-server: $schema=flowaudit-schema.json"))
        let again = try CLI.run(["init", directory.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("never overwrites"))
    }
}
