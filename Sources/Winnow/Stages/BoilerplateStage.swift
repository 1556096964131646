/// Removes page leftovers by rule packs, block by block.
///
/// Order matters and is fixed: spans (letter-style appeals with an opening and a close),
/// lists (a "Related stories" heading and the headlines under it) and runs (widget rows
/// of short lines) are found first, because they are decided by their neighbours; then
/// whole-block rules; then prefixes and suffixes of the blocks that stay. Each removal is
/// one edit per block, carrying its rule and reason.
final class BoilerplateStage: Stage {
    let name = "boilerplate"
    var role: StageRole { .judgesBlocks }
    private let spans: [CompiledRule]
    private let lists: [CompiledRule]
    private let runs: [CompiledRule]
    private let blockRules: [CompiledRule]
    private let prefixes: [CompiledRule]
    private let suffixes: [CompiledRule]
    /// The `requires` literals of all rules, indexed per document.
    private var literals = LiteralIndex()
    /// An empty index to stand in for `literals` while a pass holds it (shared, so lending
    /// allocates nothing).
    private static let placeholder = LiteralIndex()

    /// Size limits when a rule sets none: blocks longer than this are article text for
    /// block rules, and a run is made only of blocks this short.
    static let defaultMaxWords = 60
    static let defaultRunMaxWords = 25
    static let defaultSpanMaxBlocks = 12
    static let defaultListMaxBlocks = 10
    static let defaultListItemWords = 16
    /// Bytes at the end of a block that suffix rules look at.
    static let suffixWindow = 240
    /// How far past a span's close another close still extends it.
    static let spanCloseReach = 3

    init(rules: RuleSet) {
        spans = rules.scoped(.span)
        lists = rules.scoped(.list)
        runs = rules.scoped(.run)
        blockRules = rules.scoped(.block)
        prefixes = rules.scoped(.prefix)
        suffixes = rules.scoped(.suffix)
        for rule in blockRules + prefixes + suffixes + spans + lists {
            rule.requiredIDs = rule.required.map { literals.id($0) }
        }
    }

    func run(_ document: inout Document) {
        // Rules judge lines as the canonical form will have them (else a second run over
        // the output could decide otherwise): spaces made canonical within lines first.
        document.apply(lineWhitespaceRepairs(document.text), stage: name)
        let blocks = segmentBlocks(document.text)
        guard !blocks.isEmpty else { return }
        literals.reset()
        var pass = Pass(blocks: blocks, literals: BoilerplateStage.placeholder)
        // Lend the index (and its buffers) to the pass without copying it.
        swap(&pass.literals, &literals)
        defer { swap(&pass.literals, &literals) }
        document.text.withUnsafeBufferPointer { text in
            pass.text = text
            pass.utf16 = UTF16Text(text)
            for rule in spans { pass.findSpans(rule) }
            for rule in lists { pass.findLists(rule) }
            for rule in runs { pass.findRuns(rule) }
            pass.matchBlocks(blockRules)
            pass.propose(prefixes: prefixes, suffixes: suffixes)
            pass.text = nil
        }
        document.findings.append(contentsOf: pass.findings)
        document.apply(pass.proposals, stage: name)
    }
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
    /// The text as UTF-16 for ICU's fast path (nil: not well-formed, match the UTF-8).
    var utf16: UTF16Text?
    var drops: [Drop?]
    var proposals: [ProposedEdit] = []
    var findings: [String] = []
    var literals: LiteralIndex

    init(blocks: [Block], literals: LiteralIndex) {
        self.blocks = blocks
        self.literals = literals
        self.drops = [Drop?](repeating: nil, count: blocks.count)
    }

    /// Runs a matcher; a time-out is reported and counts as no match.
    mutating func match(_ re: ICURegex, _ rule: CompiledRule, _ range: Range<Int>, _ mode: ICURegex.Mode) -> ICURegex.Match? {
        do {
            if let utf16 { return try re.run(utf16, range, mode: mode) }
            return try re.run(text, range, mode: mode)
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

    func kept(_ rule: CompiledRule, _ m: ICURegex.Match) -> Kept? {
        guard let field = rule.spec.keep else { return nil }
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
            guard drops[i] == nil, rule.fits(words: blocks[i].words, defaultMax: 16),
                  literals.mayMatch(rule.requiredIDs, text, blocks[i].range),
                  matchBlock(rule, start, blocks[i].range) != nil else { i += 1; continue }
            let limit = min(blocks.count - 1, i + (rule.spec.maxBlocks ?? BoilerplateStage.defaultSpanMaxBlocks))
            guard var j = firstMatch(end, rule, after: i, through: limit) else { i += 1; continue }
            while let k = firstMatch(end, rule, after: j, through: min(blocks.count - 1, j + BoilerplateStage.spanCloseReach)) {
                j = k
            }
            drop(i...j, rule)
            i = j + 1
        }
    }

    private mutating func firstMatch(_ re: ICURegex, _ rule: CompiledRule, after i: Int, through limit: Int) -> Int? {
        guard i + 1 <= limit else { return nil }
        for j in (i + 1)...limit where match(re, rule, blocks[j].range, .find) != nil { return j }
        return nil
    }

    /// Lists: a heading ("Related stories", "Mehr zum Thema") and the short lines under
    /// it that read as headlines (no sentence end; a question is a headline), up to
    /// `max-blocks` of them.
    mutating func findLists(_ rule: CompiledRule) {
        guard let heading = rule.start ?? rule.patterns.first else { return }
        let itemWords = rule.spec.maxWords ?? BoilerplateStage.defaultListItemWords
        let maxItems = rule.spec.maxBlocks ?? BoilerplateStage.defaultListMaxBlocks
        var i = 0
        while i < blocks.count {
            guard drops[i] == nil, blocks[i].words <= 8, literals.mayMatch(rule.requiredIDs, text, blocks[i].range),
                  matchBlock(rule, heading, blocks[i].range) != nil else {
                i += 1
                continue
            }
            var j = i
            while j + 1 < blocks.count, j - i < maxItems, drops[j + 1] == nil,
                  blocks[j + 1].words <= itemWords, !endsSentence(blocks[j + 1].range) { j += 1 }
            drop(i...j, rule)
            i = j + 1
        }
    }

    /// True when a block ends like a sentence: `.`, `!` or `…`, perhaps followed by closing
    /// quotes or a parenthesis. A question mark does not end one here: headlines are often
    /// questions ("Why is my energy bill going up again?"), and this decides what a list holds.
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
        return k - 3 >= r.lowerBound && text[k - 3] == 0xE2 && text[k - 2] == 0x80 && b == 0xA6
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
                var hits = 0
                for k in i..<j {
                    for re in rule.patterns where match(re, rule, blocks[k].range, .find) != nil {
                        hits += 1
                        break
                    }
                }
                if hits >= minHits, hits * 3 >= j - i { drop(i...(j - 1), rule) }
            }
            i = max(j, i + 1)
        }
    }

    /// Whole blocks: the first rule (in pack order) that matches decides.
    mutating func matchBlocks(_ rules: [CompiledRule]) {
        for (i, block) in blocks.enumerated() where drops[i] == nil {
            for rule in rules where rule.fits(words: block.words, defaultMax: BoilerplateStage.defaultMaxWords)
                && literals.mayMatch(rule.requiredIDs, text, block.range) {
                if let m = matchBlock(rule, rule.patterns[0], block.range) {
                    drops[i] = Drop(rule: rule, kind: .dropBlock, kept: kept(rule, m))
                    break
                }
            }
        }
    }

    func dropRange(_ block: Block) -> Range<Int> { Winnow.dropRange(text, block) }

    /// Edits for the dropped blocks, and for prefixes and suffixes of the blocks that
    /// stay (one of each at most).
    mutating func propose(prefixes: [CompiledRule], suffixes: [CompiledRule]) {
        for (i, block) in blocks.enumerated() {
            if let drop = drops[i] {
                proposals.append(ProposedEdit(range: dropRange(block), rule: drop.rule.spec.id,
                                              category: drop.rule.category, kind: drop.kind,
                                              reason: drop.rule.spec.reason, kept: drop.kept))
                continue
            }
            var body = block.range
            for rule in prefixes where literals.mayMatch(rule.requiredIDs, text, body) {
                guard let m = match(rule.patterns[0], rule, body, .lookingAt), !m.range.isEmpty else { continue }
                let whole = m.range.upperBound >= body.upperBound
                proposals.append(ProposedEdit(range: whole ? dropRange(block) : m.range, rule: rule.spec.id,
                                              category: rule.category, kind: whole ? .dropBlock : .stripPrefix,
                                              reason: rule.spec.reason, kept: kept(rule, m)))
                body = m.range.upperBound..<body.upperBound
                break
            }
            guard !body.isEmpty else { continue }
            // A suffix is short: look only at the block's tail, so a long paragraph costs
            // no more than a short one.
            var tailStart = max(body.lowerBound, body.upperBound - BoilerplateStage.suffixWindow)
            while tailStart > body.lowerBound, text[tailStart] & 0xC0 == 0x80 { tailStart -= 1 }
            for rule in suffixes where literals.mayMatch(rule.requiredIDs, text, tailStart..<body.upperBound) {
                guard let m = match(rule.patterns[0], rule, tailStart..<body.upperBound, .find), !m.range.isEmpty,
                      m.range.upperBound == body.upperBound, m.range.lowerBound > body.lowerBound else { continue }
                proposals.append(ProposedEdit(range: m.range, rule: rule.spec.id, category: rule.category,
                                              kind: .stripSuffix, reason: rule.spec.reason, kept: kept(rule, m)))
                break
            }
        }
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
