internal import Foundation

/// Phase messages on standard error for long runs: shown on a terminal or with --progress,
/// never mixed into a report on standard output.
struct Progress {
    let enabled: Bool
    private let start = DispatchTime.now()

    init(forced: Bool) {
        enabled = forced || isatty(STDERR_FILENO) == 1
    }

    func step(_ message: String) {
        guard enabled else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        Output.error(String(format: "[%6.2f s] ", seconds) + message)
    }
}
