import Dispatch
import Foundation
import LibYAMLPass

/// `libyaml-pass events|tokens [--copies N] [--repeats R] FILE...`: the fastest of R passes of
/// libyaml over the files (N copies at once, one per thread), in seconds. The benchmark's floor,
/// timed in a program of its own so that libyaml allocates as it ships.
func usage() -> Never {
    print("usage: libyaml-pass events|tokens [--copies N] [--repeats R] FILE...")
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let kind = arguments.first, kind == "events" || kind == "tokens" else { usage() }
arguments.removeFirst()
var copies = 1
var repeats = 1
var files: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--copies", "--repeats":
        guard let value = arguments.first.flatMap({ Int($0) }), value > 0 else { usage() }
        arguments.removeFirst()
        if argument == "--copies" { copies = value } else { repeats = value }
    default:
        files.append(argument)
    }
}
guard !files.isEmpty else { usage() }

let pass: @Sendable (String) -> Int? = kind == "events" ? EventPass.count(path:) : EventPass.tokenCount(path:)
let paths = files
var best = Double.infinity
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    DispatchQueue.concurrentPerform(iterations: copies) { _ in
        for file in paths where pass(file) == nil {
            print("libyaml-pass: libyaml could not read \(file)")
            exit(1)
        }
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
print(best)
