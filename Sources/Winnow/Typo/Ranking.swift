import Foundation

/// Chooses a correction for an unknown word among its dictionary neighbours, or none.
///
/// Each candidate gets a noisy-channel score, `ln(frequency) - beta * cost`, where `cost`
/// is a weighted Damerau-Levenshtein (optimal string alignment) distance that makes the
/// slips people actually make cheap: a doubled letter dropped or added, a vowel for a
/// vowel, a neighbouring key, a sound-alike consonant, two letters swapped; and makes
/// the rare ones dear: a change to the first letter, an extra letter at the end.
/// The best candidate wins only when it is clearly best: its score beats the runner-up's
/// by `margin` (a factor of e^margin), its cost is within `maxCost`, and it is not a
/// proper name.
///
/// The weights were tuned on Wikipedia's list of common misspellings and checked on
/// Norvig's test set (`tools/typo-eval`).
struct TypoRanker {
    var beta = 7.0
    var margin = 1.5
    var maxCost = 1.8
    /// Shortest word corrected (four-letter words have too many real neighbours).
    var minLength = 5
    /// Shortest word for which distance-2 candidates are considered.
    var minLengthDistance2 = 5
    /// Also repair capitalised words that open a sentence. Off: on real web pages these
    /// were mostly names and brands ("Ruman", "Salman", "Yummly"), seldom slips.
    var fixSentenceStart = false

    /// Weight of the document's own use of a candidate beside the same neighbour, and of each
    /// neighbouring word that the corpus bigram list pairs with it (in ln units, like the
    /// frequency).
    var documentWeight = 2.0
    var bigramWeight = 0.5
    /// Least frequency of a correction: the neighbourhood of rare words is where the words
    /// the lists lack live (jargon, loanwords: "kefir" is not "kafir"), and a slip of a rare
    /// word is rarer still.
    var minFrequency = 1e5
    /// Corrections this costly (near `maxCost`) are made only when the word before or after
    /// forms a bigram with the correction, in the corpus list or in the document.
    var contextRequiredCost = 1.7

    struct Scored {
        var word: [UInt8]
        var distance: Int
        var cost: Double
        var frequency: Double
        var score: Double
        /// Context that spoke for this candidate: "document bigram", "bigram", "bigrams".
        var evidence: [String] = []
    }

    enum Choice {
        /// The correction, the candidates weighed exactly (best first), and how many there were.
        case fix(Scored, [Scored], total: Int)
        case none
    }

    /// Ranks the candidates of `typo` (lowercase letters) and decides. The context, when
    /// given, adds evidence: a candidate the document itself uses beside the same word, and
    /// one that forms a bigram of the corpus list with the word before or after, scores
    /// higher; this decides
    /// between candidates that the spelling alone leaves too close.
    func choose(_ typo: [UInt8], index: WordIndex, extraMargin: Double = 0,
                context: TypoContext = TypoContext()) -> Choice {
        guard typo.count >= minLength else { return .none }
        // Upper bounds first (no edit costs less than 0.4), so exact weighted costs are
        // computed only for candidates that could be best or runner-up.
        var pool: [(id: Int, distance: Int, bound: Double)] = []
        for (id, d) in index.candidates(typo) {
            if d == 2, typo.count < minLengthDistance2 { continue }
            guard index.starts[id + 1] - index.starts[id] >= 3 else { continue }
            pool.append((id, d, log(index.counts[id]) - beta * 0.4 * Double(d)))
        }
        guard !pool.isEmpty else { return .none }
        pool.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.id < $1.id) }
        let bigrams = context.previous != 0 || context.next != 0 ? BigramTable.shared : nil
        let maxEvidence = (context.documentPair == nil ? 0 : documentWeight)
            + (bigrams == nil ? 0 : bigramWeight * Double((context.previous != 0 ? 1 : 0) + (context.next != 0 ? 1 : 0)))
        var scored: [Scored] = []
        for c in pool {
            if scored.count >= 2 {
                let best = max(scored[0].score, scored[1].score)
                let second = min(scored[0].score, scored[1].score)
                let bound = c.bound + maxEvidence
                if bound < second && bound < best - margin - extraMargin { break }
                if bound < second && scored.count >= 3 { break }
            }
            let word = index.word(c.id)
            let cost = weightedDistance(typo, word)
            let f = index.counts[c.id]
            var candidate = Scored(word: word, distance: c.distance, cost: cost, frequency: f,
                                   score: log(f) - beta * cost)
            if maxEvidence > 0 {
                let h = word.withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
                if let pair = context.documentPair,
                   (context.previous != 0 && pair(context.previous, h)) || (context.next != 0 && pair(h, context.next)) {
                    candidate.score += documentWeight
                    candidate.evidence.append("document bigram")
                }
                if let bigrams {
                    let pairs = (context.previous != 0 && bigrams.contains(context.previous, h) ? 1 : 0)
                        + (context.next != 0 && bigrams.contains(h, context.next) ? 1 : 0)
                    if pairs > 0 {
                        candidate.score += bigramWeight * Double(pairs)
                        candidate.evidence.append(pairs == 1 ? "bigram" : "bigrams")
                    }
                }
            }
            scored.append(candidate)
            scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.word.lexicographicallyPrecedes($1.word)) }
        }
        let candidateCount = pool.count
        let best = scored[0]
        guard best.cost <= maxCost, best.frequency >= minFrequency else { return .none }
        // The nearest word is a proper name ("feliz" → "felix"): the unknown word is more
        // likely a name or a foreign word than a slip.
        if best.word.withUnsafeBufferPointer({ index.isName(hash: hashBytes($0, 0, $0.count)) }) {
            return .none
        }
        if candidateCount == 1 && extraMargin == 0 { return .fix(best, scored, total: candidateCount) }
        let runnerUp = scored.count > 1 ? scored[1].score : -Double.infinity
        return best.score - runnerUp >= margin + extraMargin ? .fix(best, scored, total: candidateCount) : .none
    }
}

/// The words around an unknown word, as evidence for its candidates.
struct TypoContext {
    /// Lowercase `hashBytes` of the word before and the word after in the same sentence, 0
    /// when there is none.
    var previous: UInt64 = 0
    var next: UInt64 = 0
    /// Whether the document has the two words (lowercase hashes) side by side elsewhere.
    var documentPair: ((UInt64, UInt64) -> Bool)? = nil
}

/// SymSpell's English bigram list as a set of pair keys (242,342 pairs), for context
/// evidence. The shipped file holds the sorted keys, 8 bytes each, little-endian (made by
/// `tools/typo-bigrams`), so loading is one read. In memory a key's top 16 bits pick its
/// bucket and only its next 32 are kept, in order, so lookups are a short bisection and
/// the table takes 1.2 MB instead of 1.9; a pair not in the list is taken for one only
/// when 48 bits of its key agree with one of the bucket's few keys (about one in 10^9).
final class BigramTable: Sendable {
    static let file = "bigrams-en.u64"
    static let shared: BigramTable? = {
        guard let dir = BuiltinWords.directory(),
              let data = FileManager.default.contents(atPath: dir + "/" + file) else { return nil }
        return BigramTable(sortedKeys: data)
    }()

    /// Bucket `k >> 48` holds `middles[bucketStarts[k >> 48]..<bucketStarts[(k >> 48) + 1]]`.
    private let bucketStarts: [UInt32]
    private let middles: [UInt32]

    /// The set from the file's bytes: sorted little-endian 64-bit keys (read in place).
    convenience init(sortedKeys data: Data) {
        let count = data.count / 8
        self.init(count: count) { each in
            data.withUnsafeBytes { raw in
                for i in 0..<count { each(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
            }
        }
    }

    /// The set of the pairs of words given (for tests and tools).
    convenience init(pairs: [(String, String)]) {
        let hash = { (w: String) in Array(w.lowercased().utf8).withUnsafeBufferPointer { hashBytes($0, 0, $0.count) } }
        let keys = Array(Set(pairs.map { BigramTable.key(hash($0.0), hash($0.1)) })).sorted()
        self.init(count: keys.count) { each in keys.forEach(each) }
    }

    /// `count` keys in ascending order, given by `keys` (called twice: to count each
    /// bucket's keys, then to place them).
    private init(count: Int, keys: ((UInt64) -> Void) -> Void) {
        precondition(count < Int(UInt32.max))
        var starts = [UInt32](repeating: 0, count: (1 << 16) + 1)
        keys { starts[Int($0 >> 48) + 1] += 1 }
        for b in 0..<(1 << 16) { starts[b + 1] += starts[b] }
        bucketStarts = starts
        var middles = [UInt32](repeating: 0, count: count)
        var i = 0
        keys { middles[i] = BigramTable.middle($0); i += 1 }
        self.middles = middles
    }

    var count: Int { middles.count }

    @inline(__always) static func key(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = (a &* 0x9E37_79B9_7F4A_7C15) ^ b
        z ^= z >> 31
        return z == 0 ? 1 : z
    }

    @inline(__always) private static func middle(_ k: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: k >> 16) }

    /// Whether the list has the pair (lowercase hashes of its two words, in order).
    func contains(_ a: UInt64, _ b: UInt64) -> Bool {
        let k = BigramTable.key(a, b)
        let m = BigramTable.middle(k)
        let bucket = Int(k >> 48)
        var lo = Int(bucketStarts[bucket]), hi = Int(bucketStarts[bucket + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if middles[mid] < m { lo = mid + 1 } else { hi = mid }
        }
        return lo < end && middles[lo] == m
    }
}

// MARK: - Weighted edit distance

/// Per-byte tables: vowel flags, keyboard positions (row, column with QWERTY stagger; row
/// -1 for non-letters), and pairs of consonants that sound alike or are often confused.
private let isVowel: [Bool] = (0..<256).map { "aeiouy".utf8.contains(UInt8($0)) }

private let keyRow: [Double] = keyTable().0
private let keyColumn: [Double] = keyTable().1

private func keyTable() -> ([Double], [Double]) {
    var rows = [Double](repeating: -9, count: 256), columns = [Double](repeating: -9, count: 256)
    for (r, row) in ["qwertyuiop", "asdfghjkl", "zxcvbnm"].enumerated() {
        for (c, ch) in row.utf8.enumerated() {
            rows[Int(ch)] = Double(r)
            columns[Int(ch)] = Double(c) + 0.5 * Double(r)
        }
    }
    return (rows, columns)
}

private let soundAlike: [Bool] = {
    var table = [Bool](repeating: false, count: 65536)
    for pair in ["ck", "cs", "sz", "gj", "iy", "fv", "kq", "mn", "dt"] {
        let b = Array(pair.utf8)
        table[Int(b[0]) << 8 | Int(b[1])] = true
        table[Int(b[1]) << 8 | Int(b[0])] = true
    }
    return table
}()

private enum Weight {
    static let substitute = 1.0, vowelForVowel = 0.6, neighbourKey = 0.7, soundAlike = 0.7
    static let transpose = 0.7
    static let extraDoubled = 0.5, extraVowel = 1.0, extra = 1.0
    static let missingDoubled = 0.4, missingVowel = 0.6, missing = 0.8
    static let firstLetter = 0.6, extraAtEnd = 0.5
}

private func substitutionCost(_ a: UInt8, _ b: UInt8) -> Double {
    if isVowel[Int(a)], isVowel[Int(b)] { return Weight.vowelForVowel }
    if soundAlike[Int(a) << 8 | Int(b)] { return Weight.soundAlike }
    let ra = keyRow[Int(a)], rb = keyRow[Int(b)]
    if ra >= 0, rb >= 0, abs(ra - rb) <= 1, abs(keyColumn[Int(a)] - keyColumn[Int(b)]) <= 1 {
        return Weight.neighbourKey
    }
    return Weight.substitute
}

/// Cost of the typo having an extra letter at `i`.
@inline(__always)
private func extraCost(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Double {
    let c = s[i]
    var k: Double
    if (i > 0 && s[i - 1] == c) || (i + 1 < s.count && s[i + 1] == c) { k = Weight.extraDoubled }
    else if isVowel[Int(c)] { k = Weight.extraVowel }
    else { k = Weight.extra }
    if i == s.count - 1 { k += Weight.extraAtEnd }
    if i == 0 { k += Weight.firstLetter }
    return k
}

/// Cost of the typo lacking the word's letter at `i`.
@inline(__always)
private func missingCost(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Double {
    let c = s[i]
    var k: Double
    if (i > 0 && s[i - 1] == c) || (i + 1 < s.count && s[i + 1] == c) { k = Weight.missingDoubled }
    else if isVowel[Int(c)] { k = Weight.missingVowel }
    else { k = Weight.missing }
    if i == 0 { k += Weight.firstLetter }
    return k
}

/// Weighted optimal-string-alignment distance from `typo` to `word`.
func weightedDistance(_ typo: [UInt8], _ word: [UInt8]) -> Double {
    typo.withUnsafeBufferPointer { typo in
        word.withUnsafeBufferPointer { word in weightedDistance(typo, word) }
    }
}

func weightedDistance(_ typo: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Double {
    let n = typo.count, m = word.count
    let width = m + 1
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: n + m + (n + 1) * width) { scratch in
        let extra = scratch.baseAddress!, missing = extra + n, d = missing + m
        for i in 0..<n { extra[i] = extraCost(typo, i) }
        for j in 0..<m { missing[j] = missingCost(word, j) }
        d[0] = 0
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
}
