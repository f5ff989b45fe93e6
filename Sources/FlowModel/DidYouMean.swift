/// Suggests the closest known word for a misspelling, as compilers do.
package enum DidYouMean {
    /// The candidate with the smallest edit distance, if close enough to be a plausible typo.
    package static func suggest(_ word: String, from candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let budget = max(2, target.count / 3)
        var best: (distance: Int, word: String)?
        for candidate in candidates {
            // The same word in other case beats any edit (distance -1); among several such, as
            // among equally close ones, the alphabetically first, whatever order candidates come in.
            let distance = candidate.lowercased() == word.lowercased() && candidate != word
                ? -1 : editDistance(target, Array(candidate.lowercased()), limit: budget)
            guard distance <= budget else { continue }
            // Closest first; ties go to the alphabetically first, so suggestions are stable.
            if let current = best, (current.distance, current.word) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.word
    }

    /// `; did you mean 'x'?` or nothing.
    package static func hint(_ word: String, from candidates: some Sequence<String>) -> String {
        suggest(word, from: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Candidates lowercased once, for suggestions among many words asked many times.
    package struct Candidates: Sendable {
        let words: [String]
        let lowercased: [[Character]]
        /// The lowercased bytes where a word is ASCII without CR (then a byte is a character).
        let bytes: [[UInt8]?]

        package init(_ words: [String]) {
            self.words = words
            lowercased = words.map { Array($0.lowercased()) }
            bytes = words.map { DidYouMean.asciiBytes($0.lowercased()) }
        }
    }

    static func asciiBytes(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        return bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) ? bytes : nil
    }

    /// `hint(word, from:)` over the lists one after another, each lowercased beforehand: the
    /// same suggestion, found faster. ASCII words are compared as bytes, and a candidate whose
    /// letters alone differ from the word's by more than the budget (a bound no edit can beat:
    /// each changes the difference by at most one) is passed over without the full distance.
    package static func hint(_ word: String, from lists: [Candidates]) -> String {
        let target = Array(word.lowercased())
        let targetBytes = asciiBytes(word.lowercased())
        let budget = max(2, target.count / 3)
        var best: (distance: Int, word: String)?
        var rows = EditRows()
        var counts = [Int](repeating: 0, count: 128)
        for byte in targetBytes ?? [] { counts[Int(byte)] += 1 }
        for list in lists {
            for position in list.words.indices {
                let candidate = list.words[position]
                let lowered = list.lowercased[position]
                guard abs(lowered.count - target.count) <= budget else { continue }
                let distance: Int
                if lowered == target && candidate != word {
                    distance = -1 // see `suggest`: the word in another case beats any edit
                } else if let targetBytes, let candidateBytes = list.bytes[position] {
                    var extra = 0
                    for byte in candidateBytes {
                        counts[Int(byte)] -= 1
                        if counts[Int(byte)] < 0 { extra += 1 }
                    }
                    for byte in candidateBytes { counts[Int(byte)] += 1 }
                    let missing = targetBytes.count - (candidateBytes.count - extra)
                    guard max(extra, missing) <= budget else { continue }
                    distance = editDistance(targetBytes, candidateBytes, limit: budget, rows: &rows)
                } else {
                    distance = editDistance(target, lowered, limit: budget, rows: &rows)
                }
                guard distance <= budget else { continue }
                if let current = best, (current.distance, current.word) <= (distance, candidate) { continue }
                best = (distance, candidate)
            }
        }
        return best.map { "; did you mean '\($0.word)'?" } ?? ""
    }

    /// The three rows `editDistance` works in, kept between calls: against a hundred thousand
    /// candidates, allocating them for each was most of the work.
    struct EditRows {
        var previousPrevious: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// Levenshtein distance with transpositions counted as one edit; stops early past `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        var rows = EditRows()
        return editDistance(a, b, limit: limit, rows: &rows)
    }

    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int, rows: inout EditRows) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = rows.previousPrevious
        var previous = rows.previous
        var current = rows.current
        rows = EditRows()
        defer { rows = EditRows(previousPrevious: previousPrevious, previous: previous, current: current) }
        previousPrevious.removeAll(keepingCapacity: true)
        previousPrevious.append(contentsOf: repeatElement(0, count: b.count + 1))
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: b.count + 1))
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
