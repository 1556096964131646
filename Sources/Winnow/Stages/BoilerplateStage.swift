/// Removes page leftovers by rule packs, block by block.
///
/// Order matters and is fixed: spans (letter-style appeals with an opening and a close)
/// and runs (widget rows of short lines) are found first, because they are decided by
/// their neighbours; then whole-block rules; then prefixes and suffixes of the blocks
/// that stay. Each removal is one edit per block, carrying its rule and reason.
final class BoilerplateStage: Stage {
    let name = "boilerplate"
    private let spans: [CompiledRule]
    private let runs: [CompiledRule]
    private let blockRules: [CompiledRule]
    private let prefixes: [CompiledRule]
    private let suffixes: [CompiledRule]

    /// Size limits when a rule sets none: blocks longer than this are article text for
    /// block rules, and a run is made only of blocks this short.
    static let defaultMaxWords = 60
    static let defaultRunMaxWords = 25
    static let defaultSpanMaxBlocks = 12
    /// How far past a span's close another close still extends it.
    static let spanCloseReach = 3

    init(rules: RuleSet) {
        spans = rules.scoped(.span)
        runs = rules.scoped(.run)
        blockRules = rules.scoped(.block)
        prefixes = rules.scoped(.prefix)
        suffixes = rules.scoped(.suffix)
    }

    private struct Drop {
        var rule: CompiledRule
        var kind: Edit.Kind
        var kept: Kept?
    }

    func run(_ document: inout Document) {
        let blocks = segmentBlocks(document.text)
        guard !blocks.isEmpty else { return }
        var drops = [Drop?](repeating: nil, count: blocks.count)
        var proposals: [ProposedEdit] = []
        var findings: [String] = []

        document.text.withUnsafeBufferPointer { text in
            /// Runs a matcher; a time-out is reported and counts as no match.
            func match(_ re: ICURegex, _ rule: CompiledRule, _ range: Range<Int>, _ mode: ICURegex.Mode) -> ICURegex.Match? {
                do { return try re.run(text, range, mode: mode) } catch {
                    findings.append("rule \(rule.spec.id) stopped by the regex time limit; skipped for this block")
                    return nil
                }
            }
            func kept(_ rule: CompiledRule, _ m: ICURegex.Match) -> Kept? {
                guard let field = rule.spec.keep else { return nil }
                let r = m.value ?? m.range
                let value = String(decoding: text[r], as: UTF8.self).trimmingSpaces()
                return value.isEmpty ? nil : Kept(field: field, value: value)
            }

            // Spans: an opening block, then the nearest closing block not far after it.
            for rule in spans {
                guard let start = rule.start, let end = rule.end else { continue }
                var i = 0
                while i < blocks.count {
                    guard drops[i] == nil, rule.fits(words: blocks[i].words, defaultMax: 16),
                          match(start, rule, blocks[i].range, .matches) != nil else { i += 1; continue }
                    let limit = min(blocks.count - 1, i + (rule.spec.maxBlocks ?? Self.defaultSpanMaxBlocks))
                    var closing: Int?
                    if i + 1 <= limit {
                        for j in (i + 1)...limit where match(end, rule, blocks[j].range, .find) != nil {
                            closing = j
                            break
                        }
                    }
                    guard var j = closing else { i += 1; continue }
                    // An appeal often closes twice ("Thank you…", then "Remind me later"):
                    // a further close within a few blocks belongs to the same span.
                    var extended = true
                    while extended {
                        extended = false
                        let reach = min(blocks.count - 1, j + Self.spanCloseReach)
                        if j + 1 <= reach {
                            for k in (j + 1)...reach where match(end, rule, blocks[k].range, .find) != nil {
                                j = k
                                extended = true
                                break
                            }
                        }
                    }
                    for k in i...j where drops[k] == nil { drops[k] = Drop(rule: rule, kind: .dropRun) }
                    i = j + 1
                }
            }

            // Runs: adjacent short blocks (no blank line between) that together look like a widget.
            for rule in runs {
                let maxWords = rule.spec.maxWords ?? Self.defaultRunMaxWords
                let minHits = rule.spec.minHits ?? 2
                var i = 0
                while i < blocks.count {
                    var j = i
                    while j < blocks.count, blocks[j].words <= maxWords,
                          j == i || !blocks[j].startsGroup { j += 1 }
                    if j - i >= 2 {
                        var hits = 0
                        for k in i..<j where rule.patterns.contains(where: { match($0, rule, blocks[k].range, .find) != nil }) {
                            hits += 1
                        }
                        if hits >= minHits, hits * 3 >= j - i {
                            for k in i..<j where drops[k] == nil { drops[k] = Drop(rule: rule, kind: .dropRun) }
                        }
                    }
                    i = max(j, i + 1)
                }
            }

            // Whole blocks.
            for (i, block) in blocks.enumerated() where drops[i] == nil {
                for rule in blockRules where rule.fits(words: block.words, defaultMax: Self.defaultMaxWords) {
                    let m: ICURegex.Match?
                    if rule.spec.anchor == .end {
                        m = match(rule.patterns[0], rule, block.range, .find).flatMap {
                            $0.range.upperBound == block.range.upperBound ? $0 : nil
                        }
                    } else {
                        m = match(rule.patterns[0], rule, block.range, .matches)
                    }
                    if let m {
                        drops[i] = Drop(rule: rule, kind: .dropBlock, kept: kept(rule, m))
                        break
                    }
                }
            }

            /// A dropped block takes its whole line with it, and the blank lines after it,
            /// so that nothing is left for the canonical stage to tidy where it stood.
            func dropRange(_ block: Block) -> Range<Int> {
                var end = block.line.upperBound
                var k = end
                while k < text.count {
                    if text[k] == 0x0A || text[k] == 0x0D {
                        if text[k] == 0x0D, k + 1 < text.count, text[k + 1] == 0x0A { k += 1 }
                        k += 1
                        end = k
                    } else if isASCIISpace(text[k]) {
                        k += 1
                    } else {
                        break
                    }
                }
                return block.line.lowerBound..<end
            }

            for (i, block) in blocks.enumerated() {
                if let drop = drops[i] {
                    proposals.append(ProposedEdit(range: dropRange(block), rule: drop.rule.spec.id,
                                                  category: drop.rule.category, kind: drop.kind,
                                                  reason: drop.rule.spec.reason, kept: drop.kept))
                    continue
                }
                // Prefixes and suffixes of a block that stays; one of each at most.
                var body = block.range
                for rule in prefixes {
                    guard let m = match(rule.patterns[0], rule, body, .lookingAt), !m.range.isEmpty else { continue }
                    let whole = m.range.upperBound >= body.upperBound
                    proposals.append(ProposedEdit(range: whole ? dropRange(block) : m.range, rule: rule.spec.id,
                                                  category: rule.category, kind: whole ? .dropBlock : .stripPrefix,
                                                  reason: rule.spec.reason, kept: kept(rule, m)))
                    body = m.range.upperBound..<body.upperBound
                    break
                }
                guard !body.isEmpty else { continue }
                for rule in suffixes {
                    guard let m = match(rule.patterns[0], rule, body, .find), !m.range.isEmpty,
                          m.range.upperBound == body.upperBound, m.range.lowerBound > body.lowerBound else { continue }
                    proposals.append(ProposedEdit(range: m.range, rule: rule.spec.id, category: rule.category,
                                                  kind: .stripSuffix, reason: rule.spec.reason, kept: kept(rule, m)))
                    break
                }
            }
        }
        document.findings.append(contentsOf: findings)
        document.apply(proposals, stage: name)
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
