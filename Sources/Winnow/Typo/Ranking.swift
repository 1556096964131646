import Foundation

/// Chooses a correction for an unknown word among its dictionary neighbours, or none.
///
/// Each candidate gets a noisy-channel score, `ln(frequency) - beta * cost`, where `cost`
/// is a weighted Damerau-Levenshtein (optimal string alignment) distance that makes the
/// slips people actually make cheap: a doubled letter dropped or added, a vowel for a
/// vowel, a neighbouring key, a sound-alike consonant, two letters swapped; and makes
/// the rare ones dear: a change to the first letter, an extra letter at the end.
/// The best candidate wins only when it is clearly best: its score beats the runner-up's
/// by `margin` (a factor of e^margin) and its cost is within `maxCost`.
///
/// The weights were tuned on Wikipedia's list of common misspellings and checked on
/// Norvig's test set (`tools/typo-eval`).
struct TypoRanker {
    var beta = 8.0
    var margin = 1.75
    var maxCost = 1.8
    /// Shortest word corrected (four-letter words have too many real neighbours).
    var minLength = 5
    /// Shortest word for which distance-2 candidates are considered.
    var minLengthDistance2 = 5

    struct Scored {
        var word: [UInt8]
        var distance: Int
        var cost: Double
        var frequency: Double
        var score: Double
    }

    enum Choice {
        case fix(Scored, [Scored])
        case none([Scored])
    }

    /// Ranks the candidates of `typo` (lowercase letters) and decides.
    func choose(_ typo: [UInt8], index: WordIndex, extraMargin: Double = 0) -> Choice {
        guard typo.count >= minLength else { return .none([]) }
        var scored: [Scored] = []
        for (id, d) in index.candidates(typo) {
            if d == 2, typo.count < minLengthDistance2 { continue }
            let word = index.word(id)
            guard word.count >= 3 else { continue }
            let cost = weightedDistance(typo, word)
            let f = index.counts[id]
            scored.append(Scored(word: word, distance: d, cost: cost, frequency: f, score: log(f) - beta * cost))
        }
        guard !scored.isEmpty else { return .none([]) }
        scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.word.lexicographicallyPrecedes($1.word)) }
        let best = scored[0]
        guard best.cost <= maxCost else { return .none(scored) }
        if scored.count == 1 && extraMargin == 0 { return .fix(best, scored) }
        let runnerUp = scored.count > 1 ? scored[1].score : -Double.infinity
        return best.score - runnerUp >= margin + extraMargin ? .fix(best, scored) : .none(scored)
    }
}

// MARK: - Weighted edit distance

private let vowels: Set<UInt8> = Set("aeiouy".utf8)

/// Keyboard position of a lowercase letter (row, column with QWERTY stagger).
private let keyPosition: [UInt8: (Double, Double)] = {
    var map: [UInt8: (Double, Double)] = [:]
    for (r, row) in ["qwertyuiop", "asdfghjkl", "zxcvbnm"].enumerated() {
        for (c, ch) in row.utf8.enumerated() { map[ch] = (Double(r), Double(c) + 0.5 * Double(r)) }
    }
    return map
}()

/// Consonant pairs that sound alike or are often confused.
private let soundAlike: Set<UInt16> = {
    var set = Set<UInt16>()
    for pair in ["ck", "cs", "sz", "gj", "iy", "fv", "kq", "mn", "dt"] {
        let b = Array(pair.utf8)
        set.insert(UInt16(b[0]) << 8 | UInt16(b[1]))
        set.insert(UInt16(b[1]) << 8 | UInt16(b[0]))
    }
    return set
}()

private enum Weight {
    static let substitute = 1.0, vowelForVowel = 0.6, neighbourKey = 0.7, soundAlike = 0.7
    static let transpose = 0.7
    static let extraDoubled = 0.5, extraVowel = 1.0, extra = 1.0
    static let missingDoubled = 0.4, missingVowel = 0.6, missing = 0.8
    static let firstLetter = 0.6, extraAtEnd = 0.5
}

private func substitutionCost(_ a: UInt8, _ b: UInt8) -> Double {
    if vowels.contains(a), vowels.contains(b) { return Weight.vowelForVowel }
    if soundAlike.contains(UInt16(a) << 8 | UInt16(b)) { return Weight.soundAlike }
    if let p = keyPosition[a], let q = keyPosition[b], abs(p.0 - q.0) <= 1, abs(p.1 - q.1) <= 1 {
        return Weight.neighbourKey
    }
    return Weight.substitute
}

/// Cost of the typo having an extra letter at `i`.
private func extraCost(_ s: [UInt8], _ i: Int) -> Double {
    let c = s[i]
    var k: Double
    if (i > 0 && s[i - 1] == c) || (i + 1 < s.count && s[i + 1] == c) { k = Weight.extraDoubled }
    else if vowels.contains(c) { k = Weight.extraVowel }
    else { k = Weight.extra }
    if i == s.count - 1 { k += Weight.extraAtEnd }
    if i == 0 { k += Weight.firstLetter }
    return k
}

/// Cost of the typo lacking the word's letter at `i`.
private func missingCost(_ s: [UInt8], _ i: Int) -> Double {
    let c = s[i]
    var k: Double
    if (i > 0 && s[i - 1] == c) || (i + 1 < s.count && s[i + 1] == c) { k = Weight.missingDoubled }
    else if vowels.contains(c) { k = Weight.missingVowel }
    else { k = Weight.missing }
    if i == 0 { k += Weight.firstLetter }
    return k
}

/// Weighted optimal-string-alignment distance from `typo` to `word`.
func weightedDistance(_ typo: [UInt8], _ word: [UInt8]) -> Double {
    let n = typo.count, m = word.count
    let extra = (0..<n).map { extraCost(typo, $0) }
    let missing = (0..<m).map { missingCost(word, $0) }
    let width = m + 1
    var d = [Double](repeating: 0, count: (n + 1) * width)
    for i in stride(from: 1, through: n, by: 1) { d[i * width] = d[(i - 1) * width] + extra[i - 1] }
    for j in stride(from: 1, through: m, by: 1) { d[j] = d[j - 1] + missing[j - 1] }
    for i in stride(from: 1, through: n, by: 1) {
        for j in stride(from: 1, through: m, by: 1) {
            var sub = 0.0
            if typo[i - 1] != word[j - 1] {
                sub = substitutionCost(typo[i - 1], word[j - 1])
                if i == 1 && j == 1 { sub += Weight.firstLetter }
            }
            var v = min(d[(i - 1) * width + j] + extra[i - 1],
                        d[i * width + j - 1] + missing[j - 1],
                        d[(i - 1) * width + j - 1] + sub)
            if i > 1, j > 1, typo[i - 1] == word[j - 2], typo[i - 2] == word[j - 1], typo[i - 1] != typo[i - 2] {
                v = min(v, d[(i - 2) * width + j - 2] + Weight.transpose + (i == 2 ? Weight.firstLetter : 0))
            }
            d[i * width + j] = v
        }
    }
    return d[n * width + m]
}
