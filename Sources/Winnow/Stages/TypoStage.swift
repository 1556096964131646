import Foundation

/// Conservative typo repair (rules `typo.dictionary` and `typo.name`). A wrong fix is worse
/// than a typo left alone, so every test below must pass or the word is left as it is.
///
/// - The document must be English: English function words outnumber other languages' three
///   to one, and most lowercase words are known.
/// - `typo.dictionary`: a lowercase word of five letters or more (with `fixSentenceStart`,
///   also a capitalised one opening a sentence) that neither word list knows, that is not a
///   regular form of a known word (plural, British spelling, prefix, compound: see
///   `isKnownForm`), that the document uses only once, and that has no unknown or foreign
///   word within three words on its line, is replaced by its dictionary neighbour
///   (distance ≤ 2) when one candidate is clearly best and is not a proper name (see
///   `TypoRanker`). Acronyms, words with digits or non-ASCII letters, URLs, e-mail
///   addresses, handles and hashtags are never words here (see `WordToken`).
/// - `typo.name`: a capitalised token used once, of six letters or more, that no word list
///   knows and that is a name the same document uses more often (or as often, but in full
///   and first) with one letter left out (two for names of eight letters or more) or two
///   letters swapped, becomes that name: "Maria Lvova-Belova" ... "Lvova-Bela" → "Lvova-Belova".
///
/// The word data is loaded once per process (`WordIndex.shared`) and shared by all workers.
final class TypoStage: Stage {
    let name = "typo"
    var role: StageRole { .changesWords }
    private let index: WordIndex?
    private let ranker: TypoRanker

    init(index: WordIndex? = WordIndex.shared, ranker: TypoRanker = TypoRanker()) {
        self.index = index
        self.ranker = ranker
    }

    func run(_ document: inout Document) {
        guard let index else {
            document.findings.append("typo: the word lists were not found (set WINNOW_RESOURCES to the folder holding words/)")
            return
        }
        // A repair can settle what held another back (a misspelt neighbour made a word
        // look like foreign text; a repaired name is used more often): repair again while
        // that may be so, so that cleaning the output again changes nothing.
        for _ in 0..<TypoStage.maxRounds {
            let (edits, unsettled) = typoRepairs(document.text, index: index, ranker: ranker)
            document.apply(edits, stage: name)
            if edits.isEmpty || !unsettled { break }
        }
    }

    /// Rounds of repair at most (real text needs one, now and then two).
    static let maxRounds = 3
}

/// The typo edits for `text`, and whether another round over the repaired text could
/// find more (a word was passed over for a strange neighbour, or a name was repaired).
func typoRepairs(_ text: [UInt8], index: WordIndex, ranker: TypoRanker) -> (edits: [ProposedEdit], unsettled: Bool) {
    let tokens = wordTokens(text)
    guard !tokens.isEmpty else { return ([], false) }

    // How often each word occurs, case-insensitively (hyphen parts counted on their own too),
    // and how much of the lowercase running text the word lists know.
    var lowerHashes = [UInt64](repeating: 0, count: tokens.count)
    var counts = HashCounter(capacity: tokens.count * 2)
    var lowerWords = 0, knownLowerWords = 0, englishEvidence = 0, foreignEvidence = 0
    text.withUnsafeBufferPointer { buf in
        for (t, token) in tokens.enumerated() {
            let h = lowerHash(buf, token.range)
            lowerHashes[t] = h
            counts.add(h)
            if token.hyphens > 0 {
                forEachPart(buf, token.range) { counts.add(lowerHash(buf, $0)) }
            }
            if token.shape == .lower, token.hyphens == 0 {
                if token.range.count <= 7 {  // function words are short
                    if englishFunctionWords.contains(h) { englishEvidence += 1 }
                    else if foreignFunctionWords.contains(h) { foreignEvidence += 1 }
                }
                if token.range.count >= 2 {
                    lowerWords += 1
                    if index.isKnown(hash: h) { knownLowerWords += 1 }
                }
            } else if token.shape == .foreign {
                foreignEvidence += 1
            }
        }
    }
    // English only: English function words must outnumber other languages' three to one
    // (short texts too), and most lowercase words must be known (else it is not prose).
    let english = englishEvidence >= 2 && englishEvidence >= 3 * foreignEvidence
        && (lowerWords < 8 || Double(knownLowerWords) >= 0.75 * Double(lowerWords))
    guard english else { return ([], false) }

    // Each token's line, and whether it is an unknown lowercase word or a foreign one: a
    // typo is an isolated slip, while a run of unknown words is foreign text, code or jargon.
    var lines = [Int32](repeating: 0, count: tokens.count)
    var strange = [Bool](repeating: false, count: tokens.count)
    text.withUnsafeBufferPointer { buf in
        var line: Int32 = 0
        var cursor = 0
        for (t, token) in tokens.enumerated() {
            while cursor < token.range.lowerBound { if buf[cursor] == 0x0A { line += 1 }; cursor += 1 }
            lines[t] = line
            switch token.shape {
            case .foreign: strange[t] = true
            case .lower:
                if token.range.count <= 6, foreignFunctionWords.contains(lowerHashes[t]) {
                    strange[t] = true
                } else if !index.isKnown(hash: lowerHashes[t]) {
                    var known = true
                    forEachPart(buf, token.range) { part in
                        if known, !isKnownForm(buf[part].map(lowerASCII), index) { known = false }
                    }
                    strange[t] = !known
                }
            default: break
            }
        }
    }
    var passedOver = false
    func isolated(_ t: Int) -> Bool {
        for j in max(0, t - 3)...min(tokens.count - 1, t + 3) where j != t && lines[j] == lines[t] {
            if strange[j] { passedOver = true; return false }
        }
        return true
    }

    var proposals: [ProposedEdit] = []
    var fixed = Set<Int>()  // token indices already repaired
    nameRepairs(text, tokens, lowerHashes, index, isolated, &proposals, &fixed)

    for (t, token) in tokens.enumerated() where !fixed.contains(t) {
        let capitalisedStart = ranker.fixSentenceStart && token.shape == .capitalised && token.sentenceStart
            && token.hyphens == 0
        guard token.shape == .lower || capitalisedStart else { continue }
        if index.isKnown(hash: lowerHashes[t]) { continue }
        // A plain lowercase word that is a regular form of a known one is not strange.
        if token.shape == .lower, token.hyphens == 0, !strange[t] { continue }
        var parts: [Range<Int>] = []
        if token.hyphens == 0 { parts = [token.range] } else {
            text.withUnsafeBufferPointer { buf in forEachPart(buf, token.range) { parts.append($0) } }
        }
        for part in parts where part.count >= ranker.minLength && part.count <= 40 {
            let word = text[part].map(lowerASCII)
            let h = word.withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
            guard !index.isKnown(hash: h), counts.count(h) <= 1, isolated(t),
                  token.hyphens == 0 && token.shape == .lower || !isKnownForm(word, index) else { continue }
            switch ranker.choose(word, index: index, extraMargin: capitalisedStart ? 2 : 0) {
            case .none: continue
            case .fix(let best, let all, let total):
                // A capitalised word opening a sentence may be a name: only the plainest slips.
                if capitalisedStart, best.distance > 1 || best.cost > 1.0 { continue }
                var replacement = best.word
                if capitalisedStart { replacement[0] = replacement[0] & 0xDF }
                proposals.append(ProposedEdit(
                    range: part, replacement: replacement, rule: "typo.dictionary", category: "typo",
                    kind: .replace, reason: dictionaryReason(all, total: total)))
            }
        }
    }
    return (proposals, passedOver || proposals.contains { $0.rule == "typo.name" })
}

private func dictionaryReason(_ all: [TypoRanker.Scored], total: Int) -> String {
    let shown = all.prefix(3).map { c in
        "\(String(decoding: c.word, as: UTF8.self)) (d\(c.distance), cost \(String(format: "%.2f", c.cost)), f=\(Int(c.frequency)))"
    }
    let noun = total == 1 ? "candidate" : "candidates"
    return "unknown word; best of \(total) \(noun): " + shown.joined(separator: ", ")
}

// MARK: - Names

private struct NameUse {
    var bytes: [UInt8]
    var count = 0
    var first: Int          // token index of the first occurrence
    var inFull = false      // some occurrence follows another capitalised word
    var tokens: [Int] = []
    var letters: Int
    var parts: Int

    init(bytes: [UInt8], first: Int) {
        self.bytes = bytes
        self.first = first
        let hyphens = bytes.reduce(0) { $0 + ($1 == 0x2D ? 1 : 0) }
        letters = bytes.count - hyphens
        parts = hyphens + 1
    }
}

private func nameRepairs(_ text: [UInt8], _ tokens: [WordToken], _ lowerHashes: [UInt64], _ index: WordIndex,
                         _ isolated: (Int) -> Bool,
                         _ proposals: inout [ProposedEdit], _ fixed: inout Set<Int>) {
    var byName: [UInt64: Int] = [:]  // by exact-case hash
    var names: [NameUse] = []
    for (t, token) in tokens.enumerated() where token.shape == .capitalised && token.range.count >= 2 {
        let key = text.withUnsafeBufferPointer { hashBytes($0, token.range.lowerBound, token.range.upperBound) }
        let n: Int
        if let existing = byName[key] { n = existing } else {
            n = names.count
            byName[key] = n
            names.append(NameUse(bytes: Array(text[token.range]), first: t))
        }
        names[n].count += 1
        names[n].tokens.append(t)
        if token.afterCapitalised { names[n].inFull = true }
    }
    guard names.count > 1 else { return }
    // Names by first letter and length, so each spelling meets only its possible matches.
    var byShape: [Int: [Int]] = [:]
    for (n, name) in names.enumerated() where name.letters >= 6 {
        byShape[Int(name.bytes[0]) << 16 | name.bytes.count, default: []].append(n)
    }

    // A spelling used with a first name of its own ("Anna Peterson") is a different person.
    // Only a spelling used once, outside foreign text, is taken for a slip.
    for misspelt in names where misspelt.letters >= 6 && misspelt.count == 1 && !misspelt.inFull
        && isolated(misspelt.first) {
        // A word the lists know is not a misspelt name ("Khan", "Rob", "Will").
        if index.isKnown(hash: lowerHashes[misspelt.first]) { continue }
        if misspelt.bytes.contains(0x2D) {
            var allKnown = true
            misspelt.bytes.split(separator: 0x2D).forEach { part in
                if !index.isKnown(part.map(lowerASCII)) { allKnown = false }
            }
            if allKnown { continue }
        }
        let parts = misspelt.parts
        var best: (name: Int, distance: Int)? = nil
        var tie = false
        let first = Int(misspelt.bytes[0]) << 16
        let near = (0...2).flatMap { byShape[first | (misspelt.bytes.count + $0)] ?? [] }
        for n in near {
            let name = names[n]
            guard name.parts == parts, name.bytes != misspelt.bytes else { continue }
            let rarer = misspelt.count < name.count
                || (misspelt.count == name.count && name.inFull && name.first < misspelt.first)
            guard rarer else { continue }
            // An inflection of the name ("the Kennedys") is not a misspelling of it.
            if inflection(misspelt.bytes, name.bytes) { continue }
            // The slips taken: letters left out or two neighbours swapped. Never a changed letter: "Wikimedia" is not "Wikipedia".
            guard let distance = nameSlip(misspelt.bytes, name.bytes) else { continue }
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
            + "\(choice.distance) letter(s) off, this spelling used once, not a dictionary word)"
        for t in misspelt.tokens {
            fixed.insert(t)
            proposals.append(ProposedEdit(range: tokens[t].range, replacement: name.bytes, rule: "typo.name",
                                          category: "typo", kind: .replace, reason: reason))
        }
    }
}

// MARK: - Helpers

/// Counts of 64-bit word hashes in an open-addressing table (no per-key hashing cost).
private struct HashCounter {
    private var keys: [UInt64]
    private var counts: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 64
        while size < capacity { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func add(_ h: UInt64) {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & mask }
        keys[slot] = h
        counts[slot] += 1
    }

    func count(_ h: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while keys[slot] != 0 {
            if keys[slot] == h { return Int(counts[slot]) }
            slot = (slot + 1) & mask
        }
        return 0
    }
}

/// How far `short` is from `name` when it is `name` with one letter left out (two when the
/// name has eight letters or more), or with two neighbouring letters swapped; else nil.
/// ("Jenni" for "Jennifer" or "Nichol" for "Nicholson" is another name, not a slip.)
private func nameSlip(_ short: [UInt8], _ name: [UInt8]) -> Int? {
    let missing = name.count - short.count
    if missing == 0 {
        var i = 0
        while i < short.count, short[i] == name[i] { i += 1 }
        guard i + 1 < short.count, short[i] == name[i + 1], short[i + 1] == name[i],
              short[(i + 2)...] == name[(i + 2)...] else { return nil }
        return 1
    }
    guard missing == 1 || (missing == 2 && name.count >= 8) else { return nil }
    // Subsequence check.
    var j = 0
    for b in name where j < short.count && short[j] == b { j += 1 }
    return j == short.count ? missing : nil
}

/// True when a word the lists lack is a regular form of one they have: a plural, a British
/// spelling, a prefixed word, a compound of two frequency-list words, or a dropped g
/// ("livin'"). Such words are not typos.
func isKnownForm(_ w: [UInt8], _ index: WordIndex) -> Bool {
    let n = w.count
    func known(_ x: [UInt8]) -> Bool { x.count >= 3 && index.isKnown(x) }
    func ends(_ suffix: String) -> Bool { n > suffix.utf8.count + 2 && w.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
    // Plurals (of stems long enough not to be slips: "lates" is not "late" + s) and the dropped g.
    if n >= 6, ends("s"), known(Array(w.dropLast(1))) { return true }
    if ends("es"), [0x73, 0x78, 0x7A, 0x68].contains(w[n - 3]), known(Array(w.dropLast(2))) { return true }
    if n >= 6, ends("ies"), known(Array(w.dropLast(3)) + [0x79]) { return true }
    if ends("in"), known(w + [0x67]) { return true }
    // British spellings: -ise/-isation/-ising..., -our, -tre, -lled/-lling.
    for (from, to) in britishSpellings where ends(from) {
        if known(Array(w.dropLast(from.utf8.count)) + Array(to.utf8)) { return true }
    }
    if let r = w.firstRange(of: Array("our".utf8)), r.lowerBound > 0 {
        var x = w; x.replaceSubrange(r, with: Array("or".utf8))
        if known(x) { return true }
    }
    // Prefixed words ("rebranded", "preformatted"); "remined" is not re + mined.
    for prefix in wordPrefixes where n >= prefix.count + 6 && w.starts(with: prefix) {
        if known(Array(w[prefix.count...])) { return true }
    }
    // Compounds of two common words, not names ("codebase", "frontend"; not "trans" + "fred").
    if n >= 7 {
        for k in 4...(n - 3) {
            let ok = w.withUnsafeBufferPointer { b in
                commonWord(UnsafeBufferPointer(rebasing: b[0..<k]), index)
                    && commonWord(UnsafeBufferPointer(rebasing: b[k...]), index)
            }
            if ok { return true }
        }
    }
    return false
}

/// A frequent word (at least 10 million uses in the frequency list) that is not a name.
private func commonWord(_ w: UnsafeBufferPointer<UInt8>, _ index: WordIndex) -> Bool {
    guard let id = index.frequencyID(w), index.counts[id] >= 1e7 else { return false }
    return !index.isName(hash: hashBytes(w, 0, w.count))
}

/// A fixed set of word hashes in an open-addressing table (no per-lookup hashing cost).
private struct HashSet64: Sendable {
    private let keys: [UInt64]
    private let mask: Int

    init(_ words: String) {
        let hashes = words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { w in
            Array(w.utf8).withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
        }
        var size = 64
        while size < hashes.count * 4 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        for h in hashes {
            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & (size - 1)
            while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & (size - 1) }
            keys[slot] = h
        }
        self.keys = keys
        mask = size - 1
    }

    @inline(__always) func contains(_ h: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let k = keys[slot]
            if k == h { return true }
            if k == 0 { return false }
            slot = (slot + 1) & mask
        }
    }
}

/// Common English function words: evidence that a text is English.
private let englishFunctionWords = HashSet64("""
    the and of to is in that for with was on are be this it as by from at have has had not but or \
    which were their they been would will an who its there what when can about more also into than \
    them these could our after other some only should while where because through
    """)

/// Function words of other languages written in Latin letters (none an English word).
private let foreignFunctionWords = HashSet64("""
    und der das dem des nicht mit ist ein eine einer einen zu von sich auf auch werden wird sind \
    wurde oder aber wie bei nach noch nur durch zum zur ich wir dass kann haben sein vom unter einem \
    les une dans que qui sur avec sont cette elle nous vous aux mais \
    los las del por una para como pero uno os uma di che sono della gli nel \
    het een niet zijn voor ook maar aan wat nie na od po za jak
    """)

private let britishSpellings: [(String, String)] = [
    ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("isation", "ization"),
    ("isations", "izations"), ("iser", "izer"), ("isers", "izers"), ("yse", "yze"), ("ysed", "yzed"),
    ("ysing", "yzing"), ("tre", "ter"), ("tres", "ters"), ("lled", "led"), ("lling", "ling"),
    ("ller", "ler"), ("llers", "lers"), ("ogue", "og"), ("ogues", "ogs"), ("ence", "ense"),
]

private let wordPrefixes: [[UInt8]] = ["re", "un", "pre", "non", "de", "dis", "mis", "over", "under", "co",
    "anti", "sub", "super", "inter", "multi", "out", "post", "self", "semi", "micro", "mega", "cyber", "hyper"]
    .map { Array($0.utf8) }

/// True when one spelling is the other plus a plural or genitive ending.
private func inflection(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let (short, long) = a.count < b.count ? (a, b) : (b, a)
    guard long.starts(with: short) else { return false }
    let tail = long[short.count...]
    return tail.elementsEqual("s".utf8) || tail.elementsEqual("es".utf8)
}

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
