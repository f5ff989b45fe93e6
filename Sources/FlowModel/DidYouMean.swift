/// Suggests the closest known word for a misspelling, as compilers do.
public enum DidYouMean {
    /// The candidate with the smallest edit distance, if close enough to be a plausible typo.
    public static func suggest(_ word: String, from candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let budget = max(2, target.count / 3)
        var best: (distance: Int, word: String)?
        for candidate in candidates {
            if candidate.lowercased() == word.lowercased() && candidate != word { return candidate }
            let distance = editDistance(target, Array(candidate.lowercased()), limit: budget)
            guard distance <= budget else { continue }
            // Closest first; ties go to the alphabetically first, so suggestions are stable.
            if let current = best, (current.distance, current.word) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.word
    }

    /// `; did you mean 'x'?` or nothing.
    public static func hint(_ word: String, from candidates: some Sequence<String>) -> String {
        suggest(word, from: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with transpositions counted as one edit; stops early past `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
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
