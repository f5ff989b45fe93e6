import ArgumentParser
import FlowGraph
import FlowModel
import FlowPolicy
import FlowReport
import FlowSynth
import FlowYAML
import Foundation
import FlowRuntime

/// Benchmarks `flowaudit check` against the floor of one bare libyaml pass. Build in release:
/// `swift run -c release flowaudit-bench run --organizations 20000`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowaudit-bench",
        abstract: "Generate synthetic models and time flowaudit against libyaml itself.",
        subcommands: [Generate.self, Run.self, Measure.self]
    )
}

/// Runs one command and prints its wall time, CPU time and peak memory. `run` times each check
/// through this small process: Linux counts the peak memory of the process that spawns a child
/// into the child's own, and spawned from `run` every check reported the benchmark's peak.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time one command (used by run): seconds, CPU seconds, peak MiB.", shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func run() throws {
        guard let binary = command.first else { throw ValidationError("no command to measure") }
        let child = try Timing.spawn(binary, Array(command.dropFirst()))
        Swift.print(child.seconds, child.cpuSeconds, child.peakMiB)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a synthetic model.")

    @Option(help: "Number of organizations N (N/10 data sets, N systems, 3N stores, 10N flows, ~1.3N agreements).")
    var organizations = 1000

    @Option(help: "Split the model into this many files.")
    var files = 1

    @Option(help: "Output directory.")
    var output: String

    @Option(name: .customLong("plan-resources"), help: "Also write plan.json, a Terraform plan with this many data-holding resources.")
    var planResources = 0

    func run() throws {
        let written = try Workload.write(organizations: organizations, files: files, to: output)
        let bytes = written.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        print("wrote \(written.count) file(s), \(bytes) bytes, to \(output)")
        if planResources > 0 {
            let plan = URL(fileURLWithPath: output).appendingPathComponent("plan.json")
            try Data(PlanGenerator(resources: planResources).text().utf8).write(to: plan)
            print("wrote \(plan.path)")
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time every phase and the whole check; print a scaling table.")

    @Option(help: "Number of organizations N for the detailed run.")
    var organizations = 20000

    @Option(help: "Number of files for the detailed run (also run split in 4 when this is 1).")
    var files = 1

    @Option(help: "Sizes for the scaling table (comma-separated; empty to skip).")
    var scaling = "5000,10000,20000,40000"

    @Option(help: "Repetitions per measurement; the fastest is kept.")
    var repeats = 3

    @Option(help: "The flowaudit binary to time end to end (default: beside this one).")
    var binary: String?

    @Flag(help: "Only the scaling table.")
    var scalingOnly = false

    @Option(name: .customLong("plan-resources"), help: "Data-holding resources of the generated Terraform plan read once more (0 to skip).")
    var planResources = 10000

    func run() throws {
        // The phases timed in this process run with the allocator as `flowaudit` sets it.
        AllocatorTuning.apply()
        let binary = binary ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flowaudit").path
        print(Machine.description)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: root) }
        // Every check runs before this process loads a model, so that none shares the machine
        // with a model held here (each is measured through `measure`, for its own peak memory).
        var detailed: [Detailed] = []
        var capacityReported = false
        for fileCount in scalingOnly ? [] : (files == 1 ? [1, 4] : [files]) {
            let directory = root.appendingPathComponent("n\(organizations)-k\(fileCount)").path
            let written = try Workload.write(organizations: organizations, files: fileCount, to: directory)
            if !capacityReported {
                print(try Machine.parallelCapacity(written, repeats: repeats))
                capacityReported = true
            }
            var run = Detailed(files: written, repeats: repeats)
            try run.measureProcess(binary: binary)
            detailed.append(run)
        }
        let scalingRows = try scalingTable(binary: binary, root: root)
        for var run in detailed {
            try run.measurePhases()
            run.print(organizations: organizations)
        }
        if planResources > 0, !scalingOnly {
            print(try planLine(root: root))
        }
        if !scalingRows.isEmpty {
            print("\nscaling (one file, whole `flowaudit check --format json`):")
            print("       N        bytes   libyaml s   check s   ratio   peak MiB   time vs N/2")
            scalingRows.forEach { print($0) }
        }
    }

    /// How long reading a generated plan takes (`check --terraform-plan` reads each plan once).
    private func planLine(root: URL) throws -> String {
        let path = root.appendingPathComponent("plan-\(planResources).json").path
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(PlanGenerator(resources: planResources).text().utf8).write(to: URL(fileURLWithPath: path))
        let catalogue = try CatalogueLoader.load(policiesDirectory: PolicyLocator.builtinDirectory() ?? "Policies")
        var read = 0
        let seconds = Timing.best(repeats) { read = (try? TerraformPlanReader.read(path: path, regions: catalogue.regions))?.resources.count ?? 0 }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return String(format: "\nTerraform plan, %d data-holding resources (%d read), %d bytes: read in %.3f s", planResources, read, bytes ?? 0, seconds)
    }

    private func scalingTable(binary: String, root: URL) throws -> [String] {
        let sizes = scaling.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var rows: [String] = []
        var previous: Double?
        for size in sizes {
            let directory = root.appendingPathComponent("scale-\(size)").path
            let written = try Workload.write(organizations: size, files: 1, to: directory)
            let bytes = Workload.bytes(written)
            var floor = Double.infinity
            var check = Double.infinity
            var memory = 0.0
            for _ in 0..<max(repeats, 1) {
                floor = min(floor, try Timing.libyamlPass("events", written))
                let child = try Timing.process(binary, Detailed.checkArguments + written, repeats: 1)
                check = min(check, child.seconds)
                memory = max(memory, child.peakMiB)
            }
            let growth = previous.map { String(format: "%.2fx", check / $0) } ?? "-"
            rows.append(String(format: "%8d %12d %11.2f %9.2f %7.2f %10.0f   %@", size, bytes, floor, check, check / floor, memory, growth))
            previous = check
            try? FileManager.default.removeItem(atPath: directory)
        }
        return rows
    }
}

enum Workload {
    static func write(organizations: Int, files: Int, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let texts = ModelGenerator(organizations: organizations).files(files)
        return try texts.enumerated().map { index, text in
            let path = directory + "/model-\(index).yaml"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func bytes(_ files: [String]) -> Int {
        files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }
}

/// The whole command as a child process, then phase by phase in this process.
struct Detailed {
    static let checkArguments = ["check", "--format", "json", "--fail-on", "never", "--as-of", "2026-11-25"]

    let files: [String]
    let repeats: Int
    private var whole = 0.0
    private var memory = 0.0
    private var cpu = 0.0
    private var floor = Double.infinity
    /// libyaml's scanner alone, for reference: most chunks are read from its tokens.
    private var tokenPass = Double.infinity
    private var phases: [(name: String, seconds: Double)] = []
    private var summary = ""

    init(files: [String], repeats: Int) {
        self.files = files
        self.repeats = repeats
    }

    /// The floor is timed alternately with the whole check: on a shared machine a ratio of two
    /// timings taken minutes apart said more about the neighbours than about the check.
    mutating func measureProcess(binary: String) throws {
        let files = files
        var best = Timing.Child(seconds: .infinity, peakMiB: 0, cpuSeconds: 0)
        for _ in 0..<max(repeats, 1) {
            floor = min(floor, try Timing.libyamlPass("events", files))
            let child = try Timing.process(binary, Self.checkArguments + files, repeats: 1)
            if child.seconds < best.seconds { best = child }
            memory = max(memory, child.peakMiB)
        }
        (whole, cpu) = (best.seconds, best.cpuSeconds)
    }

    mutating func measurePhases() throws {
        let catalogue = try CatalogueLoader.load(policiesDirectory: PolicyLocator.builtinDirectory() ?? "Policies")
        let rules = try PolicyLoader(categories: catalogue.categories).load(directories: [(PolicyLocator.builtinDirectory() ?? "Policies") + "/gdpr"])
        let asOf = CivilDate("2026-11-25") ?? .epoch
        let files = files
        floor = min(floor, try Timing.libyamlPass("events", files, repeats: repeats))
        tokenPass = try Timing.libyamlPass("tokens", files, repeats: repeats)
        var model: Model?
        let loadTime = Timing.best(repeats) { model = try? ModelLoader(catalogue: catalogue).load(paths: files) }
        guard let model else { throw ValidationError("the generated model is invalid") }
        var graph: FlowGraph?
        let graphTime = Timing.best(repeats) { graph = try? FlowGraph(model: model, asOf: asOf) }
        guard let graph else { throw ValidationError("the graph could not be built") }
        var findings: [Finding] = []
        let rulesTime = Timing.best(repeats) { findings = Evaluator.evaluate(rules: rules, graph: graph) }
        var json = ""
        let outputTime = Timing.best(repeats) {
            json = JSONReporter.render(AuditReport(version: "bench", asOf: asOf, findings: findings, rules: rules))
        }
        phases = [
            ("read and model (parallel chunks)", loadTime), ("graph (derived facts)", graphTime),
            ("rules (\(rules.count) built-in)", rulesTime), ("output (JSON)", outputTime),
        ]
        summary = "\(Workload.bytes(files)) bytes; \(model.flows.count) flows, \(graph.transfers.count) transfers, \(graph.recipients.count) recipients, \(findings.count) findings, \(json.utf8.count) bytes of JSON"
    }

    func print(organizations: Int) {
        func row(_ name: String, _ seconds: Double) -> String {
            name.padding(toLength: 38, withPad: " ", startingAt: 0) + String(format: "%7.3f s   %5.2fx", seconds, seconds / floor)
        }
        let total = phases.reduce(0) { $0 + $1.seconds }
        Swift.print("\nN = \(organizations), \(files.count) file(s), \(summary)")
        Swift.print("  " + row("bare libyaml event pass (one thread)", floor))
        Swift.print("  " + row("  its scanner alone (token pass)", tokenPass))
        for phase in phases { Swift.print("  " + row(phase.name, phase.seconds)) }
        Swift.print("  " + row("phases in process", total))
        Swift.print("  " + row("flowaudit check --format json", whole) + String(format: "   peak %.0f MiB", memory))
        Swift.print("  " + String(format: "  its CPU time (user + system)        %7.3f s   %5.2fx   on %.2f cores", cpu, cpu / floor, cpu / whole))
    }
}

enum Timing {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The fastest of `repeats` runs, each starting with the heap's free memory handed back
    /// (untimed): a later run would otherwise reuse pages an earlier one faulted in, which a
    /// fresh `flowaudit` process never can.
    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        (0..<max(repeats, 1)).map { _ in
            AllocatorTuning.releaseFreeMemory()
            return seconds(body)
        }.min() ?? 0
    }

    /// The fastest of `repeats` libyaml passes (`events` or `tokens`) over the files, `copies` at
    /// once, timed by `libyaml-pass` beside this program.
    static func libyamlPass(_ kind: String, _ files: [String], copies: Int = 1, repeats: Int = 1) throws -> Double {
        let helper = Process()
        helper.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("libyaml-pass")
        helper.arguments = [kind, "--copies", "\(copies)", "--repeats", "\(max(repeats, 1))"] + files
        let pipe = Pipe()
        helper.standardOutput = pipe
        try helper.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        helper.waitUntilExit()
        guard helper.terminationStatus == 0, let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("libyaml-pass failed: \(output)")
        }
        return seconds
    }

    struct Child {
        var seconds: Double
        var peakMiB: Double
        /// User and system time of the fastest run.
        var cpuSeconds: Double
    }

    /// Fastest wall time of the child with its CPU time, and its peak resident memory in MiB,
    /// each run measured by `flowaudit-bench measure` (see `Measure`).
    static func process(_ binary: String, _ arguments: [String], repeats: Int) throws -> Child {
        var best = Child(seconds: .infinity, peakMiB: 0, cpuSeconds: 0)
        var peak = 0.0
        for _ in 0..<max(repeats, 1) {
            let helper = Process()
            helper.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            helper.arguments = ["measure", binary] + arguments
            let pipe = Pipe()
            helper.standardOutput = pipe
            try helper.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            helper.waitUntilExit()
            let fields = output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            guard helper.terminationStatus == 0, fields.count == 3 else {
                throw ValidationError("measuring \(binary) failed: \(output)")
            }
            let child = Child(seconds: fields[0], peakMiB: fields[2], cpuSeconds: fields[1])
            if child.seconds < best.seconds { best = child }
            peak = max(peak, child.peakMiB)
        }
        return Child(seconds: best.seconds, peakMiB: peak, cpuSeconds: best.cpuSeconds)
    }

    /// One run of `binary`, standard output discarded: wall time, CPU time and peak memory from
    /// wait4 (each child's own usage; RUSAGE_CHILDREN would give the largest child so far).
    static func spawn(_ binary: String, _ arguments: [String]) throws -> Child {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var usage = rusage()
        let elapsed = try seconds {
            guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else {
                throw ValidationError("cannot start \(binary)")
            }
            wait4(pid, &status, 0, &usage)
        }
        guard status == 0 else { throw ValidationError("\(binary) exited with status \(status)") }
        return Child(
            seconds: elapsed, peakMiB: Double(usage.ru_maxrss) / 1024,
            cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}

enum Machine {
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        return "machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
    }

    /// How much two cores give here: the same bare pass on each of two cores at once against
    /// one alone. Virtual machines often share a core with a neighbour; then the second core
    /// adds far less than a whole one, and no parallel program can beat that.
    static func parallelCapacity(_ files: [String], repeats: Int) throws -> String {
        let cores = min(2, ProcessInfo.processInfo.activeProcessorCount)
        let alone = try Timing.libyamlPass("events", files, repeats: repeats)
        let together = try Timing.libyamlPass("events", files, copies: cores, repeats: repeats)
        return String(format: "parallel capacity: %d bare passes at once %.3f s, one alone %.3f s: %.2f cores' worth",
                      cores, together, alone, Double(cores) * alone / together)
    }
}
