// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "flowaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "flowaudit", targets: ["flowaudit"]),
        .library(name: "FlowAudit", targets: ["FlowYAML", "FlowModel", "FlowGraph", "FlowPolicy", "FlowReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // glibc's mallopt, for `AllocatorTuning`: no library to link, only a header.
        .systemLibrary(name: "CAllocator"),
        // What exists only for speed (parallel slices, a work queue, arena buffers, allocator
        // settings), kept apart from what the model means.
        .target(name: "FlowRuntime", dependencies: ["CAllocator"]),
        // libyaml's own allocation calls, served from per-thread free lists (see its header).
        .target(name: "CYAMLMemory"),
        .target(name: "FlowYAML", dependencies: ["CLibYAML", "CYAMLMemory", "FlowRuntime"]),
        .target(name: "FlowModel", dependencies: ["FlowYAML", "FlowRuntime"]),
        .target(name: "FlowGraph", dependencies: ["FlowModel"]),
        .target(name: "FlowPolicy", dependencies: ["FlowGraph", "FlowModel", "FlowYAML"]),
        .target(name: "FlowReport", dependencies: ["FlowPolicy", "FlowGraph", "FlowModel"]),
        .executableTarget(
            name: "flowaudit",
            dependencies: [
                "FlowReport", "FlowPolicy", "FlowGraph", "FlowModel", "FlowYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "FlowSynth"),
        // The benchmark's floor: libyaml alone, in a program that leaves its allocator as it ships.
        .target(name: "LibYAMLPass", dependencies: ["CLibYAML"]),
        .executableTarget(name: "libyaml-pass", dependencies: ["LibYAMLPass"]),
        .executableTarget(
            name: "flowaudit-bench",
            dependencies: [
                "FlowSynth", "FlowReport", "FlowPolicy", "FlowGraph", "FlowModel", "FlowYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer's entry point; built with `--sanitize=fuzzer` by `.ci/fuzz` (a plain build
        // gives a program that does nothing).
        .executableTarget(name: "flowaudit-fuzz", dependencies: ["FlowReport", "FlowPolicy", "FlowGraph", "FlowModel", "FlowYAML"]),
        .testTarget(name: "FlowRuntimeTests", dependencies: ["FlowRuntime", "CAllocator"]),
        .testTarget(name: "FlowYAMLTests", dependencies: ["FlowYAML", "CYAMLMemory", "LibYAMLPass"]),
        .testTarget(name: "FlowModelTests", dependencies: ["FlowModel", "FlowYAML", "FlowSynth"]),
        .testTarget(name: "FlowGraphTests", dependencies: ["FlowGraph", "FlowModel"]),
        .testTarget(name: "FlowReportTests", dependencies: ["FlowReport", "FlowModel"]),
        .testTarget(name: "FlowPolicyTests", dependencies: ["FlowPolicy", "FlowGraph", "FlowModel", "FlowReport", "FlowSynth"]),
        // Golden/ holds expected outputs read from disk by path, not as bundle resources.
        .testTarget(name: "FlowauditCLITests", dependencies: ["flowaudit"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
