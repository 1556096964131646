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
    /// Decisions already taken by this worker (a stage belongs to one worker at a time).
    private let memo = ChoiceMemo()

    init(index: WordIndex? = WordIndex.shared, ranker: TypoRanker = TypoRanker()) {
        self.index = index
        self.ranker = ranker
    }

    func run(_ document: inout Document) {
        guard let index else {
            document.findings.append("typo: the word lists were not found (set WINNOW_RESOURCES to the folder holding words/)")
            return
        }
        // A repair changes what the document says about other words (a misspelt neighbour
        // made a word look like foreign text; the repaired word now counts as used, and
        // as half of a pair of neighbours): repair again until a round changes nothing, so
        // that cleaning the output again changes nothing.
        for _ in 0..<TypoStage.maxRounds {
            let edits = typoRepairs(document.text, index: index, ranker: ranker, memo: memo)
            if edits.isEmpty { break }
            document.apply(edits, stage: name)
        }
    }

    /// Rounds of repair at most (real text needs one, now and then two).
    static let maxRounds = 4
}

/// The typo edits for `text`.
func typoRepairs(_ text: [UInt8], index: WordIndex, ranker: TypoRanker, memo: ChoiceMemo = ChoiceMemo()) -> [ProposedEdit] {
    let tokens = wordTokens(text)
    guard !tokens.isEmpty else { return [] }
    return text.withUnsafeBufferPointer { buf in
        tokens.withUnsafeBufferPointer { tokens in
            let analysis = TokenAnalysis(buf: buf, tokens: tokens, index: index, memo: memo)
            defer { analysis.deallocate() }
            return analysis.repairs(ranker: ranker)
        }
    }
}

/// What typo repair knows about a document's tokens. Most tokens are known words, settled by
/// one hash probe each; everything else (known forms, the neighbourhood of a word, names) is
/// worked out only for the few unknown words, and remembered. Its tables live as long as
/// one call of `typoRepairs`.
private struct TokenAnalysis {
    let buf: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<WordToken>
    let index: WordIndex
    /// How often each word occurs, case-insensitively (hyphen parts counted on their own
    /// too): counted on first need, which most documents never have.
    private let countBox = PairBox()
    /// Per token, two bits each: whether the word lists know it (`knownSet`, `known`) and
    /// whether it is strange (`strangeSet`, `strange`), once looked up.
    let flags: UnsafeMutableBufferPointer<UInt8>
    private static let knownSet: UInt8 = 1, knownBit: UInt8 = 2, strangeSet: UInt8 = 4, strangeBit: UInt8 = 8

    /// Pairs of neighbouring words in the document (same line, same sentence), made on first use.
    private let pairs = PairBox()
    private final class PairBox { var counter: HashCounter? }

    func counts() -> HashCounter {
        if let counter = countBox.counter { return counter }
        var entries = tokens.count
        for token in tokens where token.hyphens > 0 { entries += token.hyphens + 1 }
        let counter = HashCounter(capacity: entries + entries / 2)
        for token in tokens where token.shape != .foreign {
            counter.add(token.hash)
            if token.hyphens > 0 { forEachPart(buf, token.range) { counter.add(lowerHash(buf, $0)) } }
        }
        countBox.counter = counter
        return counter
    }

    func documentPairs() -> HashCounter {
        if let counter = pairs.counter { return counter }
        let counter = HashCounter(capacity: tokens.count * 2)
        for t in 1..<max(1, tokens.count) where tokens[t].line == tokens[t - 1].line && !tokens[t].sentenceStart
            && tokens[t].hash != 0 && tokens[t - 1].hash != 0 {
            counter.add(BigramTable.key(tokens[t - 1].hash, tokens[t].hash))
        }
        pairs.counter = counter
        return counter
    }

    let memo: ChoiceMemo

    init(buf: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<WordToken>, index: WordIndex, memo: ChoiceMemo) {
        self.memo = memo
        self.buf = buf
        self.tokens = tokens
        self.index = index
        flags = .allocate(capacity: tokens.count)
        flags.initialize(repeating: 0)
    }

    func deallocate() {
        pairs.counter?.deallocate()
        countBox.counter?.deallocate()
        flags.deallocate()
    }

    @inline(__always) func isKnown(_ t: Int) -> Bool {
        let f = flags[t]
        if f & Self.knownSet != 0 { return f & Self.knownBit != 0 }
        let known = index.isKnown(hash: tokens[t].hash)
        flags[t] = f | Self.knownSet | (known ? Self.knownBit : 0)
        return known
    }

    /// An unknown or foreign word: a typo is an isolated slip, while a run of unknown words
    /// is foreign text, code or jargon.
    func strange(_ t: Int) -> Bool {
        if flags[t] & Self.strangeSet != 0 { return flags[t] & Self.strangeBit != 0 }
        let token = tokens[t]
        var result = false
        switch token.shape {
        case .foreign: result = true
        case .lower:
            if token.range.count <= 6, foreignFunctionWords.contains(token.hash) {
                result = true
            } else if !isKnown(t) {
                var knownParts = true
                forEachPart(buf, token.range) { part in
                    if knownParts, !isKnownForm(buf[part].map(lowerASCII), index) { knownParts = false }
                }
                result = !knownParts
            }
        default: break
        }
        flags[t] |= Self.strangeSet | (result ? Self.strangeBit : 0)
        return result
    }

    /// No strange word within three words on the same line.
    func isolated(_ t: Int) -> Bool {
        let line = tokens[t].line
        for j in max(0, t - 3)...min(tokens.count - 1, t + 3) where j != t && tokens[j].line == line {
            if strange(j) { return false }
        }
        return true
    }

    // MARK: Context: where a slip can be told from a word the lists lack

    /// The token indices of `t`'s line.
    func lineTokens(_ t: Int) -> ClosedRange<Int> {
        let line = tokens[t].line
        var first = t, last = t
        while first > 0, tokens[first - 1].line == line { first -= 1 }
        while last + 1 < tokens.count, tokens[last + 1].line == line { last += 1 }
        return first...last
    }

    /// The word stands in a line of running English prose, not in a title, a menu, a list
    /// entry, a comment's header ("peiman September 21, 2015 at 11:16 pm"), code or a line in
    /// another language. A line of prose has five words or more, at least half of them
    /// lowercase, two English function words or more, no function word of another language
    /// (in any case: "Der Zustand danach:"), at most one accented or non-Latin word, and at
    /// most one chunk with code punctuation (`{ } < > = ; _` and backquote). The line's first word is a
    /// list entry or a name more often than a slip, and is left too (unless sentence starts
    /// are to be repaired: `TypoRanker.fixSentenceStart`).
    func inProse(_ t: Int, firstWord: Bool = false) -> Bool {
        let judged: (tokens: ClosedRange<Int>, prose: Bool)
        if let known = proseLines.lines[tokens[t].line] { judged = known } else {
            let line = lineTokens(t)
            judged = (line, line.count >= 5 && proseLine(line))
            proseLines.lines[tokens[t].line] = judged
        }
        return judged.prose && (firstWord || t != judged.tokens.lowerBound)
    }

    /// Lines already judged by `inProse`, by line number: their tokens and the verdict.
    private final class LineMemo { var lines: [Int32: (tokens: ClosedRange<Int>, prose: Bool)] = [:] }
    private let proseLines = LineMemo()

    private func proseLine(_ line: ClosedRange<Int>) -> Bool {
        var lower = 0, english = 0, foreignWords = 0
        for j in line {
            let token = tokens[j]
            switch token.shape {
            case .foreign:
                foreignWords += 1
            case .lower, .capitalised:
                if token.shape == .lower { lower += 1 }
                guard token.range.count <= 7, token.hyphens == 0 else { break }
                if englishFunctionWords.contains(token.hash) { english += 1 }
                else if foreignFunctionWords.contains(token.hash) { return false }
            case .other:
                break
            }
        }
        guard lower * 2 >= line.count, english >= 2, foreignWords <= 1 else { return false }
        // Code punctuation anywhere on the line (its bytes, between the newlines around it).
        var start = tokens[line.lowerBound].range.lowerBound, end = tokens[line.upperBound].range.upperBound
        while start > 0, buf[start - 1] != 0x0A { start -= 1 }
        while end < buf.count, buf[end] != 0x0A { end += 1 }
        // Chunks (between white space) with code punctuation: one is an identifier in prose
        // ("__init__.py"), two make a line of code.
        var codeChunks = 0
        var inCode = false
        for k in start..<end {
            switch buf[k] {
            case 0x20, 0x09, 0x0D: inCode = false
            case 0x7B, 0x7D, 0x3C, 0x3E, 0x3D, 0x3B, 0x5F, 0x60:
                if !inCode { codeChunks += 1; inCode = true }
            default: break
            }
        }
        return codeChunks < 2
    }

    /// Whether the corpus bigram list or the document pairs `word` with the word before or after.
    func hasNeighbourPair(_ word: [UInt8], _ context: TypoContext) -> Bool {
        let h = word.withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
        let table = context.previous != 0 || context.next != 0 ? BigramTable.shared : nil
        if context.previous != 0, table?.contains(context.previous, h) ?? false
            || documentPairs().count(BigramTable.key(context.previous, h)) > 0 { return true }
        if context.next != 0, table?.contains(h, context.next) ?? false
            || documentPairs().count(BigramTable.key(h, context.next)) > 0 { return true }
        return false
    }

    /// Every other part of a hyphenated word is a word: "supra-instutional" may be a slip,
    /// "zlib-devel" is a name.
    func otherPartsKnown(_ t: Int, _ part: Range<Int>) -> Bool {
        var known = true
        forEachPart(buf, tokens[t].range) { other in
            if known, other != part, !index.isKnown(buf[other].map(lowerASCII)), !isKnownForm(buf[other].map(lowerASCII), index) {
                known = false
            }
        }
        return known
    }

    /// The word follows a capitalised word that no list knows, in the same sentence: the
    /// second word of a name or of a species ("Anolis nubilus"), not a slip.
    func afterUnknownName(_ t: Int) -> Bool {
        guard t > 0, !tokens[t].sentenceStart, tokens[t - 1].line == tokens[t].line,
              tokens[t - 1].shape == .capitalised else { return false }
        return !isKnown(t - 1)
    }

    /// The word is cut short: an ellipsis follows it at once ("I am fascinat...").
    func truncated(_ t: Int) -> Bool {
        var k = tokens[t].range.upperBound
        let n = buf.count
        if k < n, buf[k] == 0x2D || buf[k] == 0x5F { return true }  // "experi-mints", "zlib_devel"
        if k + 2 < n, buf[k] == 0xE2, buf[k + 1] == 0x80, buf[k + 2] == 0xA6 { return true }
        var dots = 0
        while k < n, buf[k] == 0x2E { dots += 1; k += 1 }
        return dots >= 2
    }

    /// The word stands inside double quotes (straight or typographic) that hold a mention of
    /// a word or two rather than speech ("it looked “wiggy”", "“terroir”"), or speech in
    /// another language: a quotation with another strange word in it (“Ne partez pas sans
    /// moi.”). Either way the word is quoted as it was written, and left alone.
    func quotedAside(_ t: Int) -> Bool {
        // Whether a quotation is open at the word is read from the line's start: a window
        // counted in bytes would start elsewhere once typographic marks fold to shorter
        // straight ones, and read the same quotes the other way round.
        let marks = quoteMarks(t)
        let wordStart = tokens[t].range.lowerBound
        var lo = 0, hi = marks.starts.count  // marks starting before the word
        while lo < hi { let mid = (lo + hi) / 2; if marks.starts[mid] < wordStart { lo = mid + 1 } else { hi = mid } }
        guard lo % 2 == 1 else { return false }
        let opening = marks.ends[lo - 1]
        let closing = lo < marks.starts.count ? marks.starts[lo] : marks.lineEnd
        // The quotation's words, no more than `quoteReach` of them either side of the word:
        // a huge line then costs no more per word than a short one, and words count alike
        // before and after folding.
        var words = 0, commonEnglish = 0
        var otherStrange = false
        var first = t, last = t
        while first > 0, t - first < Self.quoteReach, tokens[first - 1].range.lowerBound >= opening { first -= 1 }
        while last + 1 < tokens.count, last - t < Self.quoteReach, tokens[last + 1].range.upperBound <= closing { last += 1 }
        for j in first...last {
            words += 1
            guard j != t else { continue }
            if strange(j) || (tokens[j].shape == .capitalised && tokens[j].range.count <= 6
                              && foreignFunctionWords.contains(tokens[j].hash)) {
                otherStrange = true
            }
            if isCommonEnglish(j) { commonEnglish += 1 }
        }
        // Speech in another language is mostly words that are rare in English, if English
        // at all ("Ne partez pas sans moi": "pas", "sans", "moi" are English words, but rare).
        return words <= 3 || otherStrange || commonEnglish * 2 < words - 1
    }

    /// An English function word, or a word of the frequency list used ten million times or more.
    func isCommonEnglish(_ j: Int) -> Bool {
        let token = tokens[j]
        guard token.shape == .lower || token.shape == .capitalised, token.hyphens == 0 else { return false }
        if englishFunctionWords.contains(token.hash) { return true }
        let word = buf[token.range].map(lowerASCII)
        guard let id = word.withUnsafeBufferPointer({ index.frequencyID($0) }) else { return false }
        return index.counts[id] >= 1e7
    }

    /// Words of a quotation read either side of a word (`quotedAside`).
    static let quoteReach = 150

    /// The double quote marks (" and every mark that folds to it) of `t`'s line: where each
    /// starts and ends, and where the line ends. Made once per line, since words are asked
    /// about in text order.
    private func quoteMarks(_ t: Int) -> QuoteMarks {
        let line = tokens[t].line
        if quotes.line == line { return quotes }
        var start = tokens[t].range.lowerBound, end = tokens[t].range.upperBound
        while start > 0, buf[start - 1] != 0x0A { start -= 1 }
        while end < buf.count, buf[end] != 0x0A { end += 1 }
        quotes.line = line
        quotes.lineEnd = end
        quotes.starts.removeAll(keepingCapacity: true)
        quotes.ends.removeAll(keepingCapacity: true)
        var k = start
        while k < end {
            let length = doubleQuoteLength(k)
            if length > 0 { quotes.starts.append(k); quotes.ends.append(k + length); k += length } else { k += 1 }
        }
        return quotes
    }

    private final class QuoteMarks { var line: Int32 = -1; var lineEnd = 0; var starts: [Int] = []; var ends: [Int] = [] }
    private let quotes = QuoteMarks()

    /// The byte length of a double quote mark at `k` (" or one that folds to it), or 0.
    @inline(__always) private func doubleQuoteLength(_ k: Int) -> Int {
        let b = buf[k]
        if b == 0x22 { return 1 }
        guard let (length, folded) = foldedQuote(buf, k), folded == [0x22] else { return 0 }
        return length
    }

    func repairs(ranker: TypoRanker) -> [ProposedEdit] {
        // How much of the lowercase running text the word lists know.
        var lowerWords = 0, knownLowerWords = 0, englishEvidence = 0, foreignEvidence = 0
        for t in 0..<tokens.count {
            let token = tokens[t]
            if token.shape == .foreign { foreignEvidence += 1; continue }
            if token.hyphens == 0, token.shape == .lower {
                let length = token.range.count
                if length <= 7 {  // function words are short
                    if englishFunctionWords.contains(token.hash) { englishEvidence += 1 }
                    else if foreignFunctionWords.contains(token.hash) { foreignEvidence += 1 }
                }
                if length >= 2 {
                    lowerWords += 1
                    if isKnown(t) { knownLowerWords += 1 }
                }
            }
        }
        // English only: English function words must outnumber other languages' three to one
        // (short texts too), and most lowercase words must be known (else it is not prose).
        let english = englishEvidence >= 2 && englishEvidence >= 3 * foreignEvidence
            && (lowerWords < 8 || Double(knownLowerWords) >= 0.75 * Double(lowerWords))
        guard english else { return [] }

        var proposals: [ProposedEdit] = []
        var fixed = Set<Int>()  // token indices already repaired
        nameRepairs(&proposals, &fixed)

        for t in 0..<tokens.count {
            let token = tokens[t]
            let capitalisedStart = ranker.fixSentenceStart && token.shape == .capitalised && token.sentenceStart
                && token.hyphens == 0
            guard token.shape == .lower || capitalisedStart else { continue }
            if isKnown(t) { continue }
            if !fixed.isEmpty, fixed.contains(t) { continue }
            // A plain lowercase word that is a regular form of a known one is not strange.
            if token.shape == .lower, token.hyphens == 0, !strange(t) { continue }
            var parts: [Range<Int>] = []
            if token.hyphens == 0 { parts = [token.range] } else { forEachPart(buf, token.range) { parts.append($0) } }
            for part in parts where part.count >= ranker.minLength && part.count <= 40 {
                let word = buf[part].map(lowerASCII)
                let h = word.withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
                guard !index.isKnown(hash: h), counts().count(h) <= 1, isolated(t),
                      token.hyphens == 0 && token.shape == .lower || !isKnownForm(word, index),
                      token.hyphens == 0 || otherPartsKnown(t, part),
                      !afterUnknownName(t),
                      inProse(t, firstWord: capitalisedStart), !truncated(t), !quotedAside(t) else { continue }
                var context = TypoContext()
                if token.hyphens == 0 {
                    let line = token.line
                    if t > 0, !token.sentenceStart, tokens[t - 1].line == line { context.previous = tokens[t - 1].hash }
                    if t + 1 < tokens.count, !tokens[t + 1].sentenceStart, tokens[t + 1].line == line {
                        context.next = tokens[t + 1].hash
                    }
                }
                context.documentPair = { documentPairs().count(BigramTable.key($0, $1)) > 0 }
                // The spelling decides first; where it leaves two candidates too close, the
                // context may decide, but only for a candidate it speaks for.
                let margin = capitalisedStart ? 2.0 : 0
                var choice = memo.choice(word, margin) { ranker.choose(word, index: index, extraMargin: margin) }
                if case .none = choice, context.previous != 0 || context.next != 0 {
                    let withContext = ranker.choose(word, index: index, extraMargin: margin, context: context)
                    if case .fix(let best, _, _) = withContext, !best.evidence.isEmpty { choice = withContext }
                }
                switch choice {
                case .none: continue
                case .fix(let best, let all, let total):
                    // A capitalised word opening a sentence may be a name: only the plainest slips.
                    if capitalisedStart, best.distance > 1 || best.cost > 1.0 { continue }
                    // The costliest corrections need a neighbour to speak for them.
                    if best.cost >= ranker.contextRequiredCost, !hasNeighbourPair(best.word, context) { continue }
                    // A word that is a known word with one more letter in front is a prefixed
                    // name ("iframe", "ebuild", "xrange"), hardly ever a slip.
                    if best.word.count == word.count - 1, best.word.elementsEqual(word.dropFirst()) { continue }
                    var replacement = best.word
                    if capitalisedStart { replacement[0] = replacement[0] & 0xDF }
                    proposals.append(ProposedEdit(
                        range: part, replacement: replacement, rule: "typo.dictionary", category: "typo",
                        kind: .replace, reason: dictionaryReason(all, total: total)))
                }
            }
        }
        return proposals
    }
}

private func dictionaryReason(_ all: [TypoRanker.Scored], total: Int) -> String {
    let shown = all.prefix(3).map { c in
        let evidence = c.evidence.map { ", " + $0 }.joined()
        return "\(String(decoding: c.word, as: UTF8.self)) (d\(c.distance), cost \(String(format: "%.2f", c.cost)), "
            + "f=\(Int(c.frequency))\(evidence))"
    }
    let noun = total == 1 ? "candidate" : "candidates"
    return "unknown word; best of \(total) \(noun): " + shown.joined(separator: ", ")
}

// MARK: - Names

/// A capitalised spelling and where the document uses it.
private struct NameUse {
    var range: Range<Int>   // the first occurrence
    var count = 0
    var first: Int          // token index of the first occurrence
    var inFull = false      // some occurrence follows another capitalised word
    var letters: Int
    var parts: Int
}

extension TokenAnalysis {
    func nameRepairs(_ proposals: inout [ProposedEdit], _ fixed: inout Set<Int>) {
        // Spellings by exact-case hash, in an open-addressing table of name indices + 1.
        var names: [NameUse] = []
        var capitalised = 0
        for token in tokens where token.shape == .capitalised { capitalised += 1 }
        guard capitalised > 1 else { return }
        var size = 64
        while size < capitalised * 2 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        var keys: [UInt64] = []
        for t in 0..<tokens.count where tokens[t].shape == .capitalised && tokens[t].range.count >= 2 {
            let token = tokens[t]
            let key = hashBytes(buf, token.range.lowerBound, token.range.upperBound)
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while slots[slot] != 0, keys[Int(slots[slot]) - 1] != key { slot = (slot + 1) & mask }
            let n: Int
            if slots[slot] != 0 { n = Int(slots[slot]) - 1 } else {
                n = names.count
                keys.append(key)
                slots[slot] = Int32(n + 1)
                let hyphens = token.hyphens
                names.append(NameUse(range: token.range, first: t, letters: token.range.count - hyphens,
                                     parts: hyphens + 1))
            }
            names[n].count += 1
            if token.afterCapitalised { names[n].inFull = true }
        }
        guard names.count > 1 else { return }
        // Names by first letter and length, so each spelling meets only its possible matches
        // (built when a first possible slip turns up).
        var byShape: [Int: [Int]]? = nil
        func bytes(_ r: Range<Int>) -> [UInt8] { Array(buf[r]) }

        // A spelling used with a first name of its own ("Anna Peterson") is a different person.
        // Only a spelling used once, outside foreign text, is taken for a slip.
        for misspelt in names where misspelt.letters >= 6 && misspelt.count == 1 && !misspelt.inFull {
            // A word the lists know is not a misspelt name ("Khan", "Rob", "Will").
            if isKnown(misspelt.first) { continue }
            guard isolated(misspelt.first) else { continue }
            let spelling = bytes(misspelt.range)
            if misspelt.parts > 1 {
                var allKnown = true
                spelling.split(separator: 0x2D).forEach { part in
                    if !index.isKnown(part.map(lowerASCII)) { allKnown = false }
                }
                if allKnown { continue }
            }
            if byShape == nil {
                var shapes: [Int: [Int]] = [:]
                for (n, name) in names.enumerated() where name.letters >= 6 {
                    shapes[Int(buf[name.range.lowerBound]) << 16 | name.range.count, default: []].append(n)
                }
                byShape = shapes
            }
            var best: (name: Int, distance: Int)? = nil
            var tie = false
            let first = Int(spelling[0]) << 16
            for extra in 0...2 {
                for n in byShape![first | (spelling.count + extra)] ?? [] {
                    let name = names[n]
                    guard name.parts == misspelt.parts, name.first != misspelt.first else { continue }
                    let rarer = misspelt.count < name.count
                        || (misspelt.count == name.count && name.inFull && name.first < misspelt.first)
                    guard rarer else { continue }
                    let full = bytes(name.range)
                    // An inflection of the name ("the Kennedys") is not a misspelling of it.
                    if inflection(spelling, full) { continue }
                    // The slips taken: letters left out or two neighbours swapped. Never a changed letter: "Wikimedia" is not "Wikipedia".
                    guard let distance = nameSlip(spelling, full) else { continue }
                    if let b = best {
                        if distance < b.distance { best = (n, distance); tie = false }
                        else if distance == b.distance { tie = true }
                    } else {
                        best = (n, distance)
                    }
                }
            }
            guard let choice = best, !tie else { continue }
            let name = names[choice.name]
            let full = bytes(name.range)
            let how = name.count > misspelt.count ? "used \(name.count)×" : "used in full first"
            let reason = "near-miss of the name \(String(decoding: full, as: UTF8.self)) (\(how) in this document; "
                + "\(choice.distance) letter(s) off, this spelling used once, not a dictionary word)"
            fixed.insert(misspelt.first)
            proposals.append(ProposedEdit(range: misspelt.range, replacement: full, rule: "typo.name",
                                          category: "typo", kind: .replace, reason: reason))
        }
    }
}

// MARK: - Helpers

/// Decisions of `TypoRanker.choose` without context, by word and extra margin: the same
/// unknown words come back across a corpus (common slips, a site's jargon), and their
/// candidates need not be searched again. Bounded: emptied when it holds 8,192 decisions.
final class ChoiceMemo {
    private var decisions: [[UInt8]: TypoRanker.Choice] = [:]

    func choice(_ word: [UInt8], _ margin: Double, _ decide: () -> TypoRanker.Choice) -> TypoRanker.Choice {
        let key = margin == 0 ? word : word + [0]
        if let known = decisions[key] { return known }
        if decisions.count >= 8192 { decisions.removeAll(keepingCapacity: true) }
        let decision = decide()
        decisions[key] = decision
        return decision
    }
}

/// Counts of 64-bit word hashes in an open-addressing table (no per-key hashing cost).
private struct HashCounter {
    /// Key and count side by side; a key of 0 marks an empty slot (hashes are never 0).
    private let slots: UnsafeMutablePointer<(key: UInt64, count: Int)>
    private let mask: Int

    init(capacity: Int) {
        var size = 64
        while size < capacity { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: (0, 0), count: size)
        mask = size - 1
    }

    func deallocate() { slots.deallocate() }

    @inline(__always) func add(_ h: UInt64) {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[slot].key != 0 && slots[slot].key != h { slot = (slot + 1) & mask }
        slots[slot].key = h
        slots[slot].count += 1
    }

    func count(_ h: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[slot].key != 0 {
            if slots[slot].key == h { return slots[slot].count }
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

/// True when a word the lists lack is a regular form of one they have: a plural or a
/// singular, a British spelling, a prefixed word, a derived word (an agent noun, an
/// -ability, -ization) of a common stem, a compound
/// of two common words, or a dropped g ("livin'"). Such words are not typos. A form that
/// breaks a spelling rule is not regular: "stoper" (the consonant doubles), "closeer" (the
/// e drops), "professer" ("professor").
func isKnownForm(_ w: [UInt8], _ index: WordIndex) -> Bool {
    let n = w.count
    func known(_ x: [UInt8]) -> Bool { x.count >= 3 && index.isKnown(x) }
    func common(_ x: ArraySlice<UInt8>, _ least: Double = 2e5) -> Bool {
        x.count >= 3 && Array(x).withUnsafeBufferPointer { commonWord($0, index, least: least) }
    }
    func ends(_ suffix: String) -> Bool { n > suffix.utf8.count + 2 && w.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
    // Plurals (of stems long enough not to be slips: "lates" is not "late" + s) and the dropped g.
    if n >= 6, ends("s"), known(Array(w.dropLast(1))) { return true }
    if ends("es"), [0x73, 0x78, 0x7A, 0x68].contains(w[n - 3]), known(Array(w.dropLast(2))) { return true }
    if n >= 6, ends("ies"), known(Array(w.dropLast(3)) + [0x79]) { return true }
    if ends("in"), known(w + [0x67]) { return true }
    // A singular whose plural the lists have ("telecom": "telecoms"), unless the plural is
    // of a shorter word ("tornadoe": "tornado", "tornadoes").
    if n >= 6, w[n - 1] != 0x73, common(ArraySlice(w + [0x73])), !known(Array(w.dropLast(1))) { return true }
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
    if derivedForm(w, common, known) { return true }
    // Compounds of two frequent words, not names ("codebase", "frontend"; not "trans" + "fred").
    if n >= 7 {
        for k in 4...(n - 3) where common(w[0..<k], 1e7) && common(w[k...], 1e7) { return true }
    }
    return false
}

/// A derived word of a common stem that follows the spelling rules.
private func derivedForm(_ w: [UInt8], _ common: (ArraySlice<UInt8>, Double) -> Bool,
                         _ known: ([UInt8]) -> Bool) -> Bool {
    let n = w.count
    func ends(_ suffix: String) -> Bool { n > suffix.utf8.count + 2 && w.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
    func stem(_ suffix: String) -> ArraySlice<UInt8> { w[0..<(n - suffix.utf8.count)] }
    func isVowel(_ b: UInt8) -> Bool { b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75 }
    func c(_ x: ArraySlice<UInt8>) -> Bool { common(x, 2e5) }
    /// The spelling rules for a vowel suffix on `base`: a final e drops, and a final
    /// consonant after a single vowel may double. The form as written is regular only when
    /// no rule-following spelling of the same word is itself a word.
    func regular(_ base: ArraySlice<UInt8>, _ suffix: String, least: Double = 2e5) -> Bool {
        guard common(base, least) else { return false }
        let tail = Array(suffix.utf8)
        if base.last == 0x65, c(ArraySlice(base.dropLast() + tail)) { return false }        // closeing
        if let last = base.last, !isVowel(last), base.count >= 3, isVowel(base[base.endIndex - 2]),
           c(ArraySlice(base + [last] + tail)) { return false }                             // transfering
        return true
    }
    // Agent nouns: quack-er, stock-ers, influence-r, stockpile-rs; not "govern-er" when the
    // lists have "governor", nor "contribute-rs" beside "contributors".
    func agent(_ base: ArraySlice<UInt8>) -> Bool {
        let root = base.last == 0x65 ? base.dropLast() : base
        return !known(root + Array("or".utf8))
    }
    for suffix in ["ers", "er"] where ends(suffix) {
        if stem(suffix).count >= 4, regular(stem(suffix), suffix), agent(stem(suffix)) { return true }
    }
    for suffix in ["rs", "r"] where ends(suffix) && w[n - suffix.utf8.count - 1] == 0x65 {
        if stem(suffix).count >= 5, c(stem(suffix)), agent(stem(suffix)) { return true }
    }
    // Past and present participles of a stem used 50,000 times or more in the frequency
    // list, spelt by the rules ("coffered" from "coffer", which the lists lack and which
    // became "covered"); "occured" is not regular, since "occurred" is a word. A noun's
    // typo can pass for one ("extented": "extent"): Norvig's set 203 -> 202 fixed of 270,
    // Wikipedia's 3161 -> 3153 of 4161, with 115 -> 112 wrong changes.
    for suffix in ["ed", "ing"] where ends(suffix) {
        if stem(suffix).count >= 4, regular(stem(suffix), suffix, least: 5e4) { return true }
    }
    // -ability from -able, -ization from -ize.
    if ends("ability"), c(ArraySlice(stem("ility") + Array("le".utf8))) { return true }
    for (suffix, base) in [("ization", "ize"), ("isation", "ise")] where ends(suffix) {
        if c(ArraySlice(stem(suffix) + Array(base.utf8))) { return true }
    }
    return false
}

/// A frequent word (at least `least` uses in the frequency list) that is not a name.
private func commonWord(_ w: UnsafeBufferPointer<UInt8>, _ index: WordIndex, least: Double) -> Bool {
    guard let id = index.frequencyID(w), index.counts[id] >= least else { return false }
    return !index.isName(hash: hashBytes(w, 0, w.count))
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
