import Foundation

/// Conservative typo repair (rules `typo.dictionary` and `typo.name`).
///
/// - `typo.dictionary`: a lowercase word (or a capitalised one opening a sentence) of five
///   letters or more that neither word list knows and that the document uses only once is
///   replaced by its dictionary neighbour (distance ≤ 2) when one candidate is clearly best
///   (see `TypoRanker`). Names, acronyms, words with digits or non-ASCII letters, URLs,
///   e-mail addresses, handles and hashtags are never words here (see `WordToken`), and a
///   document that is mostly unknown words (not English) is left alone.
/// - `typo.name`: a capitalised token that no word list knows and that is a near-miss of a
///   name the same document uses more often, or as often but in full and first
///   ("Maria Lvova-Belova" ... "Lvova-Bela"), becomes that name.
///
/// The word data is loaded once per process (`WordIndex.shared`) and shared by all workers.
final class TypoStage: Stage {
    let name = "typo"
    private let index: WordIndex?
    private let ranker: TypoRanker

    init(index: WordIndex? = WordIndex.shared, ranker: TypoRanker = TypoRanker()) {
        self.index = index
        self.ranker = ranker
    }

    func run(_ document: inout Document) {
        guard let index else {
            document.findings.append("typo: the word lists were not found (set WINNOW_WORDS to their folder)")
            return
        }
        document.apply(typoRepairs(document.text, index: index, ranker: ranker), stage: name)
    }
}

/// The typo edits for `text`.
func typoRepairs(_ text: [UInt8], index: WordIndex, ranker: TypoRanker) -> [ProposedEdit] {
    let tokens = wordTokens(text)
    guard !tokens.isEmpty else { return [] }

    // How often each word occurs, case-insensitively (hyphen parts counted on their own too),
    // and how much of the lowercase running text the word lists know.
    var lowerHashes = [UInt64](repeating: 0, count: tokens.count)
    var counts: [UInt64: Int] = [:]
    var lowerWords = 0, knownLowerWords = 0
    text.withUnsafeBufferPointer { buf in
        for (t, token) in tokens.enumerated() {
            let h = lowerHash(buf, token.range)
            lowerHashes[t] = h
            counts[h, default: 0] += 1
            if token.hyphens > 0 {
                forEachPart(buf, token.range) { counts[lowerHash(buf, $0), default: 0] += 1 }
            }
            if token.shape == .lower, token.hyphens == 0, token.range.count >= 2 {
                lowerWords += 1
                if index.isKnown(hash: h) { knownLowerWords += 1 }
            }
        }
    }
    var proposals: [ProposedEdit] = []
    var fixed = Set<Int>()  // token indices already repaired

    nameRepairs(text, tokens, lowerHashes, index, &proposals, &fixed)

    // Mostly unknown words: not English (or not prose); leave it.
    let english = lowerWords < 8 || Double(knownLowerWords) >= 0.75 * Double(lowerWords)
    guard english else { return proposals }

    for (t, token) in tokens.enumerated() where !fixed.contains(t) {
        let capitalisedStart = token.shape == .capitalised && token.sentenceStart && token.hyphens == 0
        guard token.shape == .lower || capitalisedStart else { continue }
        if index.isKnown(hash: lowerHashes[t]) { continue }
        var parts: [Range<Int>] = []
        if token.hyphens == 0 { parts = [token.range] } else {
            text.withUnsafeBufferPointer { buf in forEachPart(buf, token.range) { parts.append($0) } }
        }
        for part in parts where part.count >= ranker.minLength && part.count <= 40 {
            let word = text[part].map(lowerASCII)
            let h = word.withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
            guard !index.isKnown(hash: h), counts[h, default: 0] <= 1 else { continue }
            switch ranker.choose(word, index: index, extraMargin: capitalisedStart ? 1 : 0) {
            case .none: continue
            case .fix(let best, let all):
                var replacement = best.word
                if capitalisedStart { replacement[0] = replacement[0] & 0xDF }
                proposals.append(ProposedEdit(
                    range: part, replacement: replacement, rule: "typo.dictionary", category: "typo",
                    kind: .replace, reason: dictionaryReason(all)))
            }
        }
    }
    return proposals
}

private func dictionaryReason(_ all: [TypoRanker.Scored]) -> String {
    let shown = all.prefix(3).map { c in
        "\(String(decoding: c.word, as: UTF8.self)) (d\(c.distance), cost \(String(format: "%.2f", c.cost)), f=\(Int(c.frequency)))"
    }
    let noun = all.count == 1 ? "candidate" : "candidates"
    return "unknown word; best of \(all.count) \(noun): " + shown.joined(separator: ", ")
}

// MARK: - Names

private struct NameUse {
    var bytes: [UInt8]
    var count = 0
    var first: Int          // token index of the first occurrence
    var inFull = false      // some occurrence follows another capitalised word
    var tokens: [Int] = []
    var letters: Int { bytes.count - bytes.reduce(0) { $0 + ($1 == 0x2D ? 1 : 0) } }
}

private func nameRepairs(_ text: [UInt8], _ tokens: [WordToken], _ lowerHashes: [UInt64], _ index: WordIndex,
                         _ proposals: inout [ProposedEdit], _ fixed: inout Set<Int>) {
    var byName: [[UInt8]: Int] = [:]
    var names: [NameUse] = []
    for (t, token) in tokens.enumerated() where token.shape == .capitalised && token.range.count >= 2 {
        let bytes = Array(text[token.range])
        let n: Int
        if let existing = byName[bytes] { n = existing } else {
            n = names.count
            byName[bytes] = n
            names.append(NameUse(bytes: bytes, first: t))
        }
        names[n].count += 1
        names[n].tokens.append(t)
        if token.afterCapitalised { names[n].inFull = true }
    }
    guard names.count > 1 else { return }

    // A spelling used with a first name of its own ("Anna Peterson") is a different person.
    for misspelt in names where misspelt.letters >= 4 && !misspelt.inFull {
        // A word the lists know is not a misspelt name ("Khan", "Rob", "Will").
        if index.isKnown(hash: lowerHashes[misspelt.first]) { continue }
        if misspelt.bytes.contains(0x2D) {
            var allKnown = true
            misspelt.bytes.split(separator: 0x2D).forEach { part in
                if !index.isKnown(part.map(lowerASCII)) { allKnown = false }
            }
            if allKnown { continue }
        }
        let parts = misspelt.bytes.split(separator: 0x2D).count
        var best: (name: Int, distance: Int)? = nil
        var tie = false
        for (n, name) in names.enumerated() where name.bytes != misspelt.bytes && name.letters >= 6 {
            guard name.bytes[0] == misspelt.bytes[0],
                  name.bytes.split(separator: 0x2D).count == parts else { continue }
            let rarer = misspelt.count < name.count
                || (misspelt.count == name.count && name.inFull && name.first < misspelt.first)
            guard rarer else { continue }
            let d = misspelt.bytes.withUnsafeBufferPointer { a in
                name.bytes.withUnsafeBufferPointer { b in osaDistance(a, b, limit: 2) }
            }
            let prefix = misspelt.letters >= 5 && name.bytes.count - misspelt.bytes.count <= 3
                && name.bytes.starts(with: misspelt.bytes)
            let near = d == 1 || (d == 2 && name.letters >= 8)
            guard near || prefix else { continue }
            let distance = near ? d : name.bytes.count - misspelt.bytes.count
            if let b = best {
                if distance < b.distance { best = (n, distance); tie = false }
                else if distance == b.distance { tie = true }
            } else {
                best = (n, distance)
            }
        }
        guard let choice = best, !tie else { continue }
        let name = names[choice.name]
        let how = name.count > misspelt.count ? "used \(name.count)×" : "used in full first"
        let reason = "near-miss of the name \(String(decoding: name.bytes, as: UTF8.self)) (\(how) in this document; "
            + "distance \(choice.distance), this spelling \(misspelt.count)×, not a dictionary word)"
        for t in misspelt.tokens {
            fixed.insert(t)
            proposals.append(ProposedEdit(range: tokens[t].range, replacement: name.bytes, rule: "typo.name",
                                          category: "typo", kind: .replace, reason: reason))
        }
    }
}

// MARK: - Helpers

private func lowerHash(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for k in range { h = (h ^ UInt64(lowerASCII(buf[k]))) &* 0x0000_0100_0000_01B3 }
    return h == 0 ? 1 : h
}

private func forEachPart(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
    var start = range.lowerBound
    for k in range where buf[k] == 0x2D {
        body(start..<k)
        start = k + 1
    }
    body(start..<range.upperBound)
}
