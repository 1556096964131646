/// Removes page leftovers by rule packs, block by block.
///
/// Order matters and is fixed: spans (letter-style appeals with an opening and a close),
/// lists (a "Related stories" heading and the headlines under it) and runs (widget rows
/// of short lines) are found first, because they are decided by their neighbours; then
/// whole-block rules; then prefixes and suffixes of the blocks that stay. Each removal is
/// one edit per block, carrying its rule and reason. Block rules bound to the page's head
/// or tail (`RulePosition`) come after the others, once the article's prose is known.
final class BoilerplateStage: Stage {
    /// The stage's name, which its edits carry (the classifier reads their places: `RuleDrops`).
    static let stageName = "boilerplate"
    let name = BoilerplateStage.stageName
    var role: StageRole { .judgesBlocks }
    private let spans: [CompiledRule]
    private let lists: [CompiledRule]
    private let runs: [CompiledRule]
    private let blockRules: [CompiledRule]
    /// Block rules bound to the head or the tail of the document.
    private let placedRules: [CompiledRule]
    /// Words from which a block that ends a sentence is article prose whatever the
    /// positioned rules say: more than any of them takes (see `Pass.matchPlaced`).
    private let sureProseWords: Int
    private let prefixes: [CompiledRule]
    private let suffixes: [CompiledRule]
    /// The `requires` literals of all rules, indexed per document.
    private var literals = LiteralIndex()
    /// An empty index to stand in for `literals` while a pass holds it (shared, so lending
    /// allocates nothing).
    private static let placeholder = LiteralIndex()
    /// Rule outcomes by the bytes judged, kept across passes and documents.
    private let memos = Memos()

    /// Size limits when a rule sets none: blocks longer than this are article text for
    /// block rules, and a run is made only of blocks this short.
    static let defaultMaxWords = 60
    static let defaultRunMaxWords = 25
    static let defaultSpanMaxBlocks = 12
    static let defaultListMaxBlocks = 10
    static let defaultListItemWords = 16
    /// Words a block that ends a sentence needs to count as article prose, which bounds
    /// the head and the tail for positioned rules.
    static let articleProseWords = 30
    /// Bytes at the end of a block that suffix rules look at.
    static let suffixWindow = 240
    /// How far past a span's close another close still extends it.
    static let spanCloseReach = 3

    init(rules: RuleSet) {
        spans = rules.scoped(.span)
        lists = rules.scoped(.list)
        runs = rules.scoped(.run)
        let block = rules.scoped(.block)
        blockRules = block.filter { ($0.spec.position ?? .any) == .any }
        placedRules = block.filter { ($0.spec.position ?? .any) != .any }
        let longest = placedRules.map { $0.spec.maxWords ?? BoilerplateStage.defaultMaxWords }.max() ?? 0
        sureProseWords = max(BoilerplateStage.articleProseWords, longest + 1)
        prefixes = rules.scoped(.prefix)
        suffixes = rules.scoped(.suffix)
        // Every literal gets its number first, so that the sets' bits cover them all.
        let all = blockRules + placedRules + prefixes + suffixes + spans + lists + runs
        var numbers: [(required: [Int], patterns: [[Int]], start: [Int], end: [Int], leading: [Int])] = []
        for rule in all {
            numbers.append((rule.spec.scope == .run ? [] : rule.required.map { literals.id($0) },
                            rule.patternLiterals.map { $0.map { literals.id($0) } },
                            rule.startLiterals.map { literals.id($0) }, rule.endLiterals.map { literals.id($0) },
                            rule.leadingLiterals.map { literals.id($0) }))
        }
        for (rule, n) in zip(all, numbers) {
            rule.requiredIDs = literals.set(n.required)
            rule.patternIDs = n.patterns.map { literals.set($0) }
            rule.startIDs = literals.set(n.start)
            rule.endIDs = literals.set(n.end)
            rule.leadingIDs = literals.set(n.leading)
        }
    }

    /// Passes over a document at most (real text settles in one or two).
    static let maxRounds = 4

    func run(_ document: inout Document) {
        // Rules judge lines as the canonical form will have them (else a second run over
        // the output could decide otherwise): spaces made canonical within lines first.
        document.apply(lineWhitespaceRepairs(document.text), stage: name)
        // Dropping blocks brings their neighbours closer (a letter's close comes within
        // reach of its greeting) and a stripped prefix can uncover another: the rules look
        // again until a pass changes nothing, so cleaning the output again changes nothing.
        // Only a span's start that found no close judges blocks by what follows, and only
        // a stripped prefix or suffix changes a block that stays: a pass that dropped
        // nothing after such a start, and left no stripped block that meets a rule on its
        // own, decides the same on what it left.
        for _ in 0..<BoilerplateStage.maxRounds {
            let before = document.edits.count
            let outcome = runOnce(&document)
            openStart = outcome.openStart
            metOpening = outcome.metOpening
            placedOutside = outcome.placedOutside
            if document.edits.count == before { break }
            // (A stripped block may no longer be article prose, which moves the head or
            // the tail: a positioned rule's match outside them looks again.)
            if !outcome.droppedAfterOpenStart,
               outcome.stripped.isEmpty || (!outcome.placedOutside && !mayJudgeDifferently(outcome.stripped)) { break }
        }
    }

    /// Whether the text last judged has a span's start that found no close (see
    /// `mayJudgeDifferently`).
    private var openStart = false
    /// Whether the text last judged has a span's start or a list's heading.
    private var metOpening = false
    /// Whether the text last judged has a block that a positioned rule matches outside
    /// the head or tail it is bound to.
    private var placedOutside = false

    /// Spans and lists reach over a number of blocks, and a list ends at a block that
    /// ends a sentence: only when the text has an opening can another stage's drops bring
    /// more within reach. A positioned rule's match outside its place comes within it
    /// when another stage drops the prose that bounded the head or tail. (Runs are made
    /// of one group of lines; whole-block rules and edges read a block alone.)
    func mayJudgeDifferentlyAfterDrops() -> Bool { metOpening || placedOutside }

    /// Whether these lines, judged on their own, meet any rule: as a block, prefix or
    /// suffix, an opening, a span's close (if the text last judged has an opening) or a
    /// run's line. If none, the text last judged, with these lines as they now read, would
    /// be judged the same.
    func mayJudgeDifferently(_ lines: [ArraySlice<UInt8>]) -> Bool {
        var bytes: [UInt8] = []
        for line in lines { bytes += line; bytes += [0x0A, 0x0A] }
        var alone = Document(id: "lines", bytes: bytes)
        let outcome = runOnce(&alone)
        // (Alone, the lines have no head or tail: a positioned rule's match counts.)
        if outcome.metOpening || outcome.placedOutside || !alone.edits.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { text in
            let view = UTF16Text(text)  // quotes folded, as the pass reads them
            for block in segmentBlocks(bytes) {
                // As the pass asks: a span's close of any block (when the text has a start
                // for it to close), a run's patterns of short ones; each only where its
                // literals are (the index holds these lines: the pass just read them).
                var closers: [(ICURegex, LiteralSet)] = []
                if openStart { for rule in spans { if let end = rule.end { closers.append((end, rule.endIDs)) } } }
                for rule in runs where block.words <= rule.spec.maxWords ?? BoilerplateStage.defaultRunMaxWords {
                    for (re, ids) in zip(rule.patterns, rule.patternIDs) { closers.append((re, ids)) }
                }
                // (A close stopped by the time limit counts as met: the full pass decides.)
                let hit = closers.contains { re, ids in
                    guard literals.mayMatch(ids, text, block.range) else { return false }
                    do {
                        if let view { return try re.run(view, block.range, mode: .find) != nil }
                        return try re.run(text, block.range, mode: .find) != nil
                    } catch { return true }
                }
                if hit { return true }
            }
            return false
        }
    }

    /// What one pass did that bears on a further pass.
    private struct Outcome {
        /// It dropped a block after a span's start that found no close.
        var droppedAfterOpenStart = false
        /// What is left of the blocks it stripped a prefix or suffix from.
        var stripped: [ArraySlice<UInt8>] = []
        /// Some block is a span's start or a list's heading.
        var metOpening = false
        /// Some span's start found no close.
        var openStart = false
        /// Some block meets a positioned rule outside its head or tail.
        var placedOutside = false
    }

    /// One pass of every rule.
    private func runOnce(_ document: inout Document) -> Outcome {
        let blocks = segmentBlocks(document.text)
        guard !blocks.isEmpty else { return Outcome() }
        literals.reset()
        var pass = Pass(blocks: blocks, literals: BoilerplateStage.placeholder, memos: memos)
        // Lend the index (and its buffers) to the pass without copying it.
        swap(&pass.literals, &literals)
        defer { swap(&pass.literals, &literals) }
        document.text.withUnsafeBufferPointer { text in
            pass.text = text
            pass.blockRules = blockRules
            for rule in spans { pass.findSpans(rule) }
            for rule in lists { pass.findLists(rule) }
            for rule in runs { pass.findRuns(rule) }
            pass.matchBlocks()
            pass.matchPlaced(placedRules, sureProseWords: sureProseWords)
            pass.propose(prefixes: prefixes, suffixes: suffixes)
            pass.text = nil
        }
        for finding in pass.findings where !document.findings.contains(finding) { document.findings.append(finding) }
        document.apply(pass.proposals, stage: name)
        var outcome = Outcome(metOpening: pass.metOpening, openStart: pass.openStart != nil, placedOutside: pass.placedOutside)
        outcome.droppedAfterOpenStart = pass.openStart.map { o in pass.dropped[(o + 1)...].contains(true) } ?? false
        outcome.stripped = pass.strippedBodies
        return outcome
    }
}

/// What the rules decided about slices of text, by their bytes (see `BytesMemo`).
private final class Memos {
    /// A regex's match on a slice (relative to its start), or nil.
    let matches = BytesMemo<SliceMatch>()
    /// What the block rules and the edge rules decided about a block.
    let blocks = BytesMemo<BlockAnswers>()
}

/// What the rules decided about one block, by its bytes: a block that stays is judged by
/// the block rules and then by the prefix and suffix rules, and both answers share one copy
/// of its bytes (two memos held each such block twice).
private struct BlockAnswers {
    /// The block rule that drops the block, and what it keeps (inner nil: no rule does),
    /// once judged.
    var verdict: (rule: CompiledRule, kept: Kept?)?? = nil
    /// The prefix and suffix edits of the block, once worked out.
    var edges: [BlockEdit]? = nil
}

/// A prefix or suffix edit of a block, relative to the block's start (nil range: the
/// whole block, with its line).
private struct BlockEdit {
    var rule: CompiledRule
    var kind: Edit.Kind
    var range: Range<Int>?
    var kept: Kept?
}

/// One document's pass through the rules: which blocks go, by which rule.
private struct Pass {
    struct Drop {
        var rule: CompiledRule
        var kind: Edit.Kind
        var kept: Kept?
    }

    let blocks: [Block]
    var text: UnsafeBufferPointer<UInt8>!
    /// Each block as UTF-16 for ICU's fast path (nil: not well-formed, match the UTF-8),
    /// made when a regex first has to run on the block (every range a rule reads lies in
    /// one block; a block answered from memory, or by its literals, needs none).
    private var utf16: [UTF16Text??] = []
    /// The block `utf16` last served, where the next question most likely falls.
    private var lastBlock = 0

    /// The UTF-16 form of the block holding `range`.
    private mutating func utf16Block(holding range: Range<Int>) -> UTF16Text? {
        if utf16.isEmpty { utf16 = Array(repeating: .none, count: blocks.count) }
        var k = lastBlock
        if !(blocks[k].range.lowerBound <= range.lowerBound && range.upperBound <= blocks[k].range.upperBound) {
            var lo = 0, hi = blocks.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) >> 1
                if blocks[mid].range.lowerBound <= range.lowerBound { lo = mid } else { hi = mid - 1 }
            }
            k = lo
            // (Not inside a block: converted alone, not remembered.)
            guard range.upperBound <= blocks[k].range.upperBound else { return UTF16Text(text, range: range) }
        }
        lastBlock = k
        if case .some(let view) = utf16[k] { return view }
        let view = UTF16Text(text, range: blocks[k].range)
        utf16[k] = .some(view)
        return view
    }
    /// Whether a span's start or a list's heading matched some block.
    var metOpening = false
    /// The first block that is a span's start without a close in reach.
    var openStart: Int?
    /// Blocks dropped, by any rule (a prefix that takes the whole block too).
    var dropped: [Bool] { zip(drops, wholePrefixDrops).map { $0 != nil || $1 } }
    var wholePrefixDrops: [Bool] = []
    /// What is left of each block a prefix or suffix was stripped from.
    var strippedBodies: [ArraySlice<UInt8>] = []
    /// The whole-block rules, and what they decided of each block (`blockVerdict`).
    var blockRules: [CompiledRule] = []
    private var verdicts: [Verdict] = []
    private enum Verdict { case unknown, known((rule: CompiledRule, kept: Kept?)?) }
    /// The prefix and suffix rules, while `propose` runs.
    var prefixes: [CompiledRule] = []
    var suffixes: [CompiledRule] = []
    var drops: [Drop?]
    var proposals: [ProposedEdit] = []
    var findings: [String] = []
    var literals: LiteralIndex
    let memos: Memos
    /// The range `literals` last marked (nil: none, or it could not mark).
    private var markedRange: Range<Int>?
    /// Where each short line of the pass's text occurs last (`recurringItems`), once needed.
    private var lastLineIndex: [[UInt8]: Int]?
    /// The first block of prose (`opensArticle`), once needed (`blocks.count`: none).
    private var firstProse: Int?
    /// The range last hashed for the memos and its hash (rules run block by block, so
    /// consecutive lookups mostly share a range).
    private var hashed: (range: Range<Int>, hash: UInt64) = (0..<0, 0)

    init(blocks: [Block], literals: LiteralIndex, memos: Memos) {
        self.blocks = blocks
        self.literals = literals
        self.memos = memos
        self.drops = [Drop?](repeating: nil, count: blocks.count)
    }

    /// The bytes of `range` and their memo hash.
    mutating func slice(_ range: Range<Int>) -> (UnsafeBufferPointer<UInt8>, UInt64) {
        let bytes = UnsafeBufferPointer(rebasing: text[range])
        if hashed.range != range { hashed = (range, memoHash(bytes)) }
        return (bytes, hashed.hash)
    }

    /// Runs a matcher, or recalls its outcome on the same bytes; a time-out is reported
    /// and counts as no match (and is not remembered).
    mutating func match(_ re: ICURegex, _ rule: CompiledRule, _ range: Range<Int>, _ mode: ICURegex.Mode) -> ICURegex.Match? {
        let (bytes, hash) = slice(range)
        let key = memos.matches.key(ObjectIdentifier(re), mode: mode.rawValue, bytes, hash: hash)
        if let key, let known = memos.matches.lookup(key, bytes) {
            return known.match(at: range.lowerBound)
        }
        do {
            let m: ICURegex.Match?
            if let converted = utf16Block(holding: range) { m = try re.run(converted, range, mode: mode) } else { m = try re.run(text, range, mode: mode) }
            if let key { memos.matches.store(key, bytes, SliceMatch(m, from: range.lowerBound)) }
            return m
        } catch let e as ICURegex.CompileError {
            findings.append("rule \(rule.spec.id) does not compile (\(e.message)); skipped")
            return nil
        } catch {
            findings.append("rule \(rule.spec.id) stopped by the regex time limit; skipped for this block")
            return nil
        }
    }

    /// Matches a block rule's pattern as its anchor says: the whole block, a match
    /// ending at the block's end, or a match anywhere.
    mutating func matchBlock(_ rule: CompiledRule, _ re: ICURegex, _ range: Range<Int>) -> ICURegex.Match? {
        switch rule.spec.anchor ?? .whole {
        case .whole: return match(re, rule, range, .matches)
        case .any: return match(re, rule, range, .find)
        case .end:
            return match(re, rule, range, .find).flatMap { $0.range.upperBound == range.upperBound ? $0 : nil }
        }
    }

    /// What a rule's `keep` takes from a match: its `value` group, or the whole match when
    /// the pattern names none. A pattern that names one and matched without it (an
    /// optional "By Name" absent from "12 min read") keeps nothing: the rest of the line
    /// is not a byline or a date.
    func kept(_ rule: CompiledRule, _ m: ICURegex.Match) -> Kept? {
        guard let field = rule.spec.keep else { return nil }
        if m.value == nil, rule.namesValue { return nil }
        let value = String(decoding: text[m.value ?? m.range], as: UTF8.self).trimmingSpaces()
        return value.isEmpty ? nil : Kept(field: field, value: value)
    }

    mutating func drop(_ range: ClosedRange<Int>, _ rule: CompiledRule) {
        for k in range where drops[k] == nil { drops[k] = Drop(rule: rule, kind: .dropRun) }
    }

    /// Spans: an opening block, then the nearest closing block not far after it; a
    /// further close within a few blocks belongs to the same span ("Thank you…", then
    /// "Remind me later").
    mutating func findSpans(_ rule: CompiledRule) {
        guard let start = rule.start, let end = rule.end else { return }
        var i = 0
        while i < blocks.count {
            guard drops[i] == nil, rule.fits(blocks[i], defaultMax: 16),
                  literals.mayMatch(rule.requiredIDs, text, blocks[i].range),
                  literals.mayMatch(rule.startIDs, text, blocks[i].range),
                  matchBlock(rule, start, blocks[i].range) != nil else { i += 1; continue }
            metOpening = true
            guard var j = firstClose(end, rule, after: i, blocks: rule.spec.maxBlocks ?? BoilerplateStage.defaultSpanMaxBlocks) else {
                openStart = min(openStart ?? i, i)
                i += 1
                continue
            }
            // A further close extends the span unless an article sentence stands between
            // (one banner's buttons, a paragraph, the next banner's buttons).
            while let k = firstMatch(end, rule, after: j, through: min(blocks.count - 1, j + BoilerplateStage.spanCloseReach)),
                  !((j + 1)..<k).contains(where: { standsAsProse($0) }) {
                j = k
            }
            drop(i...j, rule)
            i = j + 1
        }
    }

    /// The first close of a span opened at `i`: within `count` blocks, or further on if it
    /// is within `count` of the blocks no block rule drops (a lone glyph, an ad marker go
    /// anyway) and stays itself. Cleaning the output again, without those blocks, finds
    /// the same close; a close that goes anyway, or an opening that does, is not there to
    /// be found again, so it gets no further reach.
    private mutating func firstClose(_ end: ICURegex, _ rule: CompiledRule, after i: Int, blocks count: Int) -> Int? {
        let near = min(blocks.count - 1, i + count)
        if let j = firstMatch(end, rule, after: i, through: near) { return j }
        guard near < blocks.count - 1, blockVerdict(i) == nil else { return nil }
        var staying = 0
        for j in (i + 1)..<blocks.count where drops[j] == nil && blockVerdict(j) == nil {
            staying += 1
            if staying > count { break }
            if j > near, literals.mayMatch(rule.endIDs, text, blocks[j].range),
               match(end, rule, blocks[j].range, .find) != nil { return j }
        }
        return nil
    }

    /// The first block after `i`, through `limit`, where the span's close matches.
    private mutating func firstMatch(_ re: ICURegex, _ rule: CompiledRule, after i: Int, through limit: Int) -> Int? {
        guard i + 1 <= limit else { return nil }
        for j in (i + 1)...limit where literals.mayMatch(rule.endIDs, text, blocks[j].range)
            && match(re, rule, blocks[j].range, .find) != nil { return j }
        return nil
    }

    /// Lists: a heading ("Related stories", "Mehr zum Thema") and the short lines under
    /// it that read as headlines (no sentence end; a question is a headline), up to
    /// `max-blocks` of them.
    mutating func findLists(_ rule: CompiledRule) {
        guard let heading = rule.start ?? rule.patterns.first else { return }
        let itemWords = rule.spec.maxWords ?? BoilerplateStage.defaultListItemWords
        let maxItems = rule.spec.maxBlocks ?? BoilerplateStage.defaultListMaxBlocks
        let headingIDs = rule.start == nil ? rule.patternIDs[0] : rule.startIDs
        var i = 0
        while i < blocks.count {
            guard drops[i] == nil, blocks[i].words <= 8, mayHold(rule.requiredIDs, blocks[i].range),
                  mayHold(headingIDs, blocks[i].range),
                  matchBlock(rule, heading, blocks[i].range) != nil else {
                i += 1
                continue
            }
            metOpening = true
            // A box whose headlines stand right under its heading (no blank line between)
            // ends at the next blank line, where the text keeps them: what follows is the
            // article again, though it may be short ("The secret?") or a list of its own.
            let glued = i + 1 < blocks.count && !blocks[i + 1].startsGroup
            var j = i
            while j + 1 < blocks.count, j - i < maxItems, drops[j + 1] == nil,
                  blocks[j + 1].words <= itemWords, !endsSentence(blocks[j + 1].range), !isSentence(j + 1),
                  !(glued && j > i && blocks[j + 1].startsGroup) { j += 1 }
            if rule.spec.itemsRecur == true {
                j = i + recurringItems(after: i, upTo: j)
                if j - i < 2 { i += 1; continue }
            } else if resumesArticle(afterList: i...j) || opensArticle(afterList: i...j, itemWords: itemWords) {
                j -= 1
            }
            drop(i...j, rule)
            i = j + 1
        }
    }

    /// Whether the last line of a list (heading, then items) is the heading of the article
    /// section that resumes under it rather than one more headline: a box set inside an
    /// article ("Read also" and a headline or two) stands right above the next subheading
    /// when the text has no blank lines. Headlines are alike in length; a subheading of one
    /// to three words in sentence case, under items at least twice as long and over a
    /// sentence, is not one. (A name in its place, "Jane Doe", is the author's byline.)
    private func resumesArticle(afterList list: ClosedRange<Int>) -> Bool {
        let last = list.upperBound
        guard last - list.lowerBound >= 2, last + 1 < blocks.count, drops[last + 1] == nil,
              isSentence(last + 1) else { return false }
        guard (1...3).contains(blocks[last].words) else { return false }
        let shortestItem = blocks[(list.lowerBound + 1)..<last].map(\.words).min() ?? 0
        guard shortestItem >= 2 * blocks[last].words else { return false }
        let words = String(decoding: text[blocks[last].range], as: UTF8.self).split(separator: " ")
        func lower(_ word: Substring) -> Bool { word.unicodeScalars.first?.properties.isLowercase == true }
        let capitalised = words.first?.unicodeScalars.first?.properties.isUppercase == true
        return capitalised && (words.count == 1 || words.dropFirst().contains(where: lower))
    }

    /// Whether the last line of a list is the article's headline: a menu or a short list
    /// above the article runs into its headline when the text has no other break there. It
    /// is when no prose stands above the list (none that a rule has not dropped yet), the
    /// article starts under that line (a sentence, or a block too long to be an item: the
    /// standfirst), at least `itemsAboveHeadline` lines stand between it and the heading,
    /// and the line is long for a headline and twice as long as any line above it in the
    /// list (a headline under headlines as long is one more of them).
    private mutating func opensArticle(afterList list: ClosedRange<Int>, itemWords: Int) -> Bool {
        let last = list.upperBound
        guard last - list.lowerBound > Self.itemsAboveHeadline, last + 1 < blocks.count, drops[last + 1] == nil,
              blocks[last].words >= Self.headlineMinWords,
              isSentence(last + 1) || blocks[last + 1].words > itemWords,
              !blocks[list.lowerBound..<last].contains(where: { 2 * $0.words > blocks[last].words }) else { return false }
        if firstProse == nil {
            firstProse = blocks.indices.first {
                drops[$0] == nil && (isSentence($0) || blocks[$0].words >= Self.proseMinWords)
            } ?? blocks.count
        }
        return firstProse! > list.lowerBound
    }
    static let headlineMinWords = 5
    /// A menu or a strip has several lines; a box of one or two related headlines above the
    /// article's body ("Read also" and a headline) is no menu, and its headline goes.
    static let itemsAboveHeadline = 3
    /// A block this long is prose even without a sentence's end (one ending in a link).
    static let proseMinWords = 20

    /// How many of the lines after heading `i`, through `last`, each come again as a line
    /// of their own further down (ignoring ASCII case and list numbering such as "2.1"): a
    /// table of contents' entries are the subheadings of the article under it.
    private mutating func recurringItems(after i: Int, upTo last: Int) -> Int {
        guard last > i else { return 0 }
        // Where each short line occurs last, made once a pass (a page may hold many
        // headings: rebuilding it for each would be quadratic).
        if lastLineIndex == nil {
            var index: [[UInt8]: Int] = [:]
            for k in blocks.indices where blocks[k].words <= 16 { index[lineKey(k)] = k }
            lastLineIndex = index
        }
        // An entry met twice is the article's first subheading under its contents, named
        // as an entry above it is (often the title): the list ends before it.
        var seen = Set<[UInt8]>()
        var n = 0
        while i + n + 1 <= last {
            let k = lineKey(i + n + 1)
            guard (lastLineIndex?[k] ?? 0) > i + n + 1, seen.insert(k).inserted else { break }
            n += 1
        }
        return n
    }

    /// Block `k` as a table of contents' entry is compared: without its list numbering
    /// ("3", "2.1.", "4)" and a space), ASCII letters in lower case.
    private func lineKey(_ k: Int) -> [UInt8] {
        let line = text[blocks[k].range]
        var p = line.startIndex, digits = 0, sawNumber = false
        while p < line.endIndex {
            let b = line[p]
            if b >= 0x30 && b <= 0x39, digits < 2 { digits += 1; sawNumber = true; p += 1; continue }
            if b == 0x2E, digits > 0 { digits = 0; p += 1; continue }
            break
        }
        if sawNumber, p < line.endIndex, line[p] == 0x29 { p += 1 }
        var body = line
        if sawNumber, p < line.endIndex, line[p] == 0x20 { body = line[(p + 1)...] }
        return body.map(lowerASCII)
    }

    /// `literals.mayMatch(set, text, range)`: an empty set at once, else from the
    /// range's own hits (marked once for all the sets asked about it in a row), or for a
    /// set of a few literals on a range not marked, by looking each up.
    private mutating func mayHold(_ set: LiteralSet, _ range: Range<Int>) -> Bool {
        if set.ids.isEmpty { return true }
        if markedRange != range {
            if set.bits.isEmpty { return literals.mayMatch(set, text, range) }
            guard literals.mark(text, range) else { return literals.mayMatch(set, text, range) }
            markedRange = range
        }
        return literals.markedAny(set)
    }

    /// True when a block ends like a sentence: `.`, `!`, `…` or the ideographic full stop
    /// `。`, perhaps followed by closing quotes or a parenthesis. A question mark does not
    /// end one here: headlines are often questions ("Why is my energy bill going up
    /// again?"), and this decides what a list holds.
    func endsSentence(_ r: Range<Int>) -> Bool {
        var k = r.upperBound
        while k > r.lowerBound {
            let b = text[k - 1]
            if b == 0x22 || b == 0x27 || b == 0x29 { k -= 1; continue }
            if k - 3 >= r.lowerBound, text[k - 3] == 0xE2, text[k - 2] == 0x80, b == 0x9D || b == 0x99 { k -= 3; continue }
            if k - 2 >= r.lowerBound, text[k - 2] == 0xC2, b == 0xBB { k -= 2; continue }
            break
        }
        guard k > r.lowerBound else { return false }
        let b = text[k - 1]
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") { return true }
        guard k - 3 >= r.lowerBound else { return false }
        return (text[k - 3] == 0xE2 && text[k - 2] == 0x80 && b == 0xA6) || (text[k - 3] == 0xE3 && text[k - 2] == 0x80 && b == 0x82)
    }

    /// Whether block `k` is long enough and ends like an article sentence, or like one
    /// that introduces what follows ("From Monday the plan provides:"): a widget's own
    /// short notes ("Before you go...", "Readers like you make this possible.") are shorter.
    private func isSentence(_ k: Int) -> Bool {
        blocks[k].words >= Self.sentenceMinWords && (endsSentence(blocks[k].range) || endsWithColon(blocks[k].range))
    }

    /// True when the block's last character is a colon.
    private func endsWithColon(_ r: Range<Int>) -> Bool {
        r.upperBound > r.lowerBound && text[r.upperBound - 1] == UInt8(ascii: ":")
    }
    static let sentenceMinWords = 8

    /// Whether block `k` reads as an article sentence no rule claims: a span's further
    /// close does not reach across one.
    private mutating func standsAsProse(_ k: Int) -> Bool {
        drops[k] == nil && isSentence(k) && blockVerdict(k) == nil
    }

    /// Runs: adjacent short blocks (no blank line between) that together look like a widget.
    mutating func findRuns(_ rule: CompiledRule) {
        let maxWords = rule.spec.maxWords ?? BoilerplateStage.defaultRunMaxWords
        let minHits = rule.spec.minHits ?? 2
        var i = 0
        while i < blocks.count {
            var j = i
            while j < blocks.count, blocks[j].words <= maxWords, j == i || !blocks[j].startsGroup { j += 1 }
            if j - i >= 2 {
                var hit = [Bool](repeating: false, count: j - i)
                for k in i..<j {
                    for (p, re) in rule.patterns.enumerated() where mayHold(rule.patternIDs[p], blocks[k].range)
                        && match(re, rule, blocks[k].range, .find) != nil {
                        hit[k - i] = true
                        break
                    }
                }
                let hits = hit.reduce(0) { $0 + ($1 ? 1 : 0) }
                if hits >= minHits, hits * 3 >= j - i {
                    // A widget's items do not end like sentences; a sentence at either
                    // edge that no pattern matched is the text beside the widget (once
                    // other drops have closed the gap, an article's last short paragraph
                    // stands right above a comment form).
                    func spared(_ k: Int) -> Bool { !hit[k - i] && isSentence(k) }
                    var first = i, last = j - 1
                    while spared(first) { first += 1 }
                    while spared(last) { last -= 1 }
                    drop(first...last, rule)
                }
            }
            i = max(j, i + 1)
        }
    }

    /// Whole blocks: the first rule (in pack order) that matches decides.
    mutating func matchBlocks() {
        for i in blocks.indices where drops[i] == nil {
            if let verdict = blockVerdict(i) { drops[i] = Drop(rule: verdict.rule, kind: .dropBlock, kept: verdict.kept) }
        }
    }

    /// Whether some block meets a positioned rule outside its head or tail.
    var placedOutside = false

    /// Positioned rules: the first (in pack order) that matches a block still standing
    /// drops it if the block lies where the rule is bound. Article prose is what no rule
    /// dropped and no positioned rule matches, so a long author note does not bound the
    /// tail it belongs to. Matches are remembered by the bytes like any others; where the
    /// blocks lie is the document's own.
    mutating func matchPlaced(_ rules: [CompiledRule], sureProseWords: Int) {
        guard !rules.isEmpty else { return }
        // A block of `sureProseWords` or more that ends a sentence is article prose
        // whatever the rules say: no block before the last such block lies in the tail,
        // and none after the first in the head, so the rules need not read them.
        var firstSure = blocks.count, lastSure = -1
        for i in blocks.indices where drops[i] == nil && isProse(blocks[i], words: sureProseWords) {
            firstSure = min(firstSure, i)
            lastSure = i
        }
        var placed: [(rule: CompiledRule, kept: Kept?)?] = Array(repeating: nil, count: blocks.count)
        var firstProse = blocks.count, lastProse = -1
        for i in blocks.indices where drops[i] == nil {
            placed[i] = firstBlockRule(rules, blocks[i]) { Pass.lies($0, at: i, after: lastSure, before: firstSure) }
            if placed[i] == nil, isProse(blocks[i], words: BoilerplateStage.articleProseWords) {
                firstProse = min(firstProse, i)
                lastProse = i
            }
        }
        guard lastProse >= 0 else {
            placedOutside = placed.contains { $0 != nil }
            return
        }
        for i in blocks.indices {
            guard let p = placed[i] else { continue }
            if Pass.lies(p.rule, at: i, after: lastProse, before: firstProse) {
                drops[i] = Drop(rule: p.rule, kind: .dropBlock, kept: p.kept)
            } else {
                placedOutside = true
            }
        }
    }

    /// Whether block `i` lies where `rule` is bound: before `first` for the head, after
    /// `last` for the tail.
    private static func lies(_ rule: CompiledRule, at i: Int, after last: Int, before first: Int) -> Bool {
        rule.spec.position == .head ? i < first : i > last
    }

    /// A block of at least `words` words that ends a sentence.
    private func isProse(_ block: Block, words: Int) -> Bool {
        block.words >= words && endsSentence(block.range)
    }

    /// The first of `rules` (in pack order) that `applies` lets read `block`, that fits it
    /// and whose literals and pattern it holds, and what that rule keeps; nil if none.
    private mutating func firstBlockRule(_ rules: [CompiledRule], _ block: Block,
                                         where applies: (CompiledRule) -> Bool = { _ in true }) -> (rule: CompiledRule, kept: Kept?)? {
        // (As `mayHold` asks, written out: through a mutating call, every rule's sets
        // were retained and released, 6% of the instructions on real pages.)
        let marked = literals.mark(text, block.range)
        markedRange = marked ? block.range : nil
        var digits: Bool?  // whether the block may hold a digit, once a rule asks
        for rule in rules where applies(rule) && rule.fits(block, defaultMax: BoilerplateStage.defaultMaxWords)
            && (marked ? literals.markedAny(rule.requiredIDs) && literals.markedAny(rule.patternIDs[0])
                    && literals.markedAnyAtStart(rule.leadingIDs)
                : literals.mayMatch(rule.requiredIDs, text, block.range) && literals.mayMatch(rule.patternIDs[0], text, block.range)) {
            if rule.needsDigit {
                if digits == nil { digits = mayHoldDigit(text, block.range) }
                if digits == false { continue }
            }
            if let m = matchBlock(rule, rule.patterns[0], block.range) { return (rule, kept(rule, m)) }
        }
        return nil
    }

    /// The first block rule (in pack order) that matches block `i`, and what it keeps; nil
    /// if none does. Worked out once per pass, and remembered by the block's bytes.
    mutating func blockVerdict(_ i: Int) -> (rule: CompiledRule, kept: Kept?)? {
        if verdicts.isEmpty { verdicts = Array(repeating: .unknown, count: blocks.count) }
        if case .known(let v) = verdicts[i] { return v }
        let block = blocks[i]
        let verdict = blockAnswer(block.range, \.verdict) { pass in pass.firstBlockRule(pass.blockRules, block) }
        verdicts[i] = .known(verdict)
        return verdict
    }

    /// One of the answers about the block at `range` (`answer` picks it out of
    /// `BlockAnswers`): remembered by the block's bytes, or worked out by `work` and
    /// remembered, unless a rule was stopped by the time limit meanwhile (it decided
    /// nothing).
    mutating func blockAnswer<A>(_ range: Range<Int>, _ answer: WritableKeyPath<BlockAnswers, A?>,
                                 _ work: (inout Pass) -> A) -> A {
        let (bytes, hash) = slice(range)
        let key = memos.blocks.key(ObjectIdentifier(BlockAnswers.self), bytes, hash: hash)
        if let key, let known = memos.blocks.lookup(key, bytes)?[keyPath: answer] { return known }
        let findingsBefore = findings.count
        let value = work(&self)
        if let key, findings.count == findingsBefore {
            let (bytes, _) = slice(range)
            memos.blocks.modify(key, bytes, from: BlockAnswers()) { $0[keyPath: answer] = value }
        }
        return value
    }

    func dropRange(_ block: Block) -> Range<Int> { Winnow.dropRange(text, block) }

    /// Edits for the dropped blocks, and for prefixes and suffixes of the blocks that
    /// stay (one of each at most).
    mutating func propose(prefixes: [CompiledRule], suffixes: [CompiledRule]) {
        self.prefixes = prefixes
        self.suffixes = suffixes
        wholePrefixDrops = [Bool](repeating: false, count: blocks.count)
        for (i, block) in blocks.enumerated() {
            if let drop = drops[i] {
                proposals.append(ProposedEdit(range: dropRange(block), rule: drop.rule.spec.id,
                                              category: drop.rule.category, kind: drop.kind,
                                              reason: drop.rule.spec.reason, kept: drop.kept))
                continue
            }
            let edits = blockAnswer(block.range, \.edges) { $0.edgeEdits(block) }
            var body = block.range
            for e in edits {
                if e.range == nil { wholePrefixDrops[i] = true }
                if let r = e.range, e.kind == .stripPrefix { body = (block.range.lowerBound + r.upperBound)..<body.upperBound }
                if let r = e.range, e.kind == .stripSuffix { body = body.lowerBound..<(block.range.lowerBound + r.lowerBound) }
                let range = e.range.map { ($0.lowerBound + block.range.lowerBound)..<($0.upperBound + block.range.lowerBound) }
                proposals.append(ProposedEdit(range: range ?? dropRange(block), rule: e.rule.spec.id,
                                              category: e.rule.category, kind: e.kind,
                                              reason: e.rule.spec.reason, kept: e.kept))
            }
            if body != block.range, !wholePrefixDrops[i], body.lowerBound < body.upperBound {
                strippedBodies.append(ArraySlice(text[body]))
            }
        }
    }

    /// The prefix and suffix edits of one block that stays (one of each at most),
    /// relative to the block's start.
    mutating func edgeEdits(_ block: Block) -> [BlockEdit] {
        var edits: [BlockEdit] = []
        let o = block.range.lowerBound
        var body = block.range
        for rule in prefixes where literals.mayMatch(rule.requiredIDs, text, body) && literals.mayMatch(rule.patternIDs[0], text, body) {
            guard let m = match(rule.patterns[0], rule, body, .lookingAt), !m.range.isEmpty else { continue }
            let whole = m.range.upperBound >= body.upperBound
            edits.append(BlockEdit(rule: rule, kind: whole ? .dropBlock : .stripPrefix,
                                   range: whole ? nil : (m.range.lowerBound - o)..<(m.range.upperBound - o),
                                   kept: kept(rule, m)))
            body = m.range.upperBound..<body.upperBound
            break
        }
        guard !body.isEmpty else { return edits }
        // A suffix is short: look only at the block's tail, so a long paragraph costs
        // no more than a short one.
        var tailStart = max(body.lowerBound, body.upperBound - BoilerplateStage.suffixWindow)
        while tailStart > body.lowerBound, text[tailStart] & 0xC0 == 0x80 { tailStart -= 1 }
        let tail = tailStart..<body.upperBound
        for rule in suffixes where literals.mayMatch(rule.requiredIDs, text, tail) && literals.mayMatch(rule.patternIDs[0], text, tail) {
            guard let m = match(rule.patterns[0], rule, tailStart..<body.upperBound, .find), !m.range.isEmpty,
                  m.range.upperBound == body.upperBound, m.range.lowerBound > body.lowerBound else { continue }
            edits.append(BlockEdit(rule: rule, kind: .stripSuffix,
                                   range: (m.range.lowerBound - o)..<(m.range.upperBound - o), kept: kept(rule, m)))
            break
        }
        return edits
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, isASCIIWhite(u[s]) { s += 1 }
        while e > s, isASCIIWhite(u[e - 1]) { e -= 1 }
        return String(decoding: u[s..<e], as: UTF8.self)
    }
}

/// A regex's answer on a slice, relative to the slice's start, in 16 bytes instead of 48
/// (the memo holds some ten thousand per worker; slices kept are at most 16 KB): a start
/// of -1 is no match, a value start of -1 no captured value.
private struct SliceMatch {
    private let start, end, valueStart, valueEnd: Int32

    init(_ m: ICURegex.Match?, from origin: Int) {
        guard let m else { start = -1; end = -1; valueStart = -1; valueEnd = -1; return }
        start = Int32(m.range.lowerBound - origin)
        end = Int32(m.range.upperBound - origin)
        valueStart = m.value.map { Int32($0.lowerBound - origin) } ?? -1
        valueEnd = m.value.map { Int32($0.upperBound - origin) } ?? -1
    }

    /// The match on the same bytes where they start at `origin`.
    func match(at origin: Int) -> ICURegex.Match? {
        guard start >= 0 else { return nil }
        return ICURegex.Match(range: (Int(start) + origin)..<(Int(end) + origin),
                              value: valueStart < 0 ? nil : (Int(valueStart) + origin)..<(Int(valueEnd) + origin))
    }
}
