internal import Foundation

/// Phase messages on standard error for long runs, never mixed into a report on standard
/// output: with --progress every phase; on a terminal only once the run has taken
/// `terminalDelay` (a model of a few files is checked before anyone would read them); never with
/// --quiet.
struct Progress {
    /// How long a run on a terminal goes before its phases are shown.
    static let terminalDelay = 1.0

    private let forced: Bool
    private let onTerminal: Bool
    private let start = DispatchTime.now()

    init(forced: Bool, quiet: Bool = false) {
        self.forced = forced && !quiet
        onTerminal = !quiet && isatty(STDERR_FILENO) == 1
    }

    func step(_ message: String) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        guard forced || (onTerminal && seconds >= Self.terminalDelay) else { return }
        Output.error(String(format: "[%6.2f s] ", seconds) + message)
    }
}
