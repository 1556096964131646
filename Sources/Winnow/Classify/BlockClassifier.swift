import Foundation

/// Scores every block of a document (p(boilerplate)) and decides which to drop. Each
/// block gets a row of features: its own (length, stopwords of the document's language,
/// sentence end, capitals, digits, punctuation, link-like tokens, position, group,
/// duplicates, and the lexicon's verdict on its words), the document's structure around
/// it (how much prose comes before and after, means over windows of 3 and 10 blocks,
/// where the page's title reappears as the headline: `TitleOverlap`, where the rule packs
/// dropped blocks: `RuleDrops`, and how many of its words the page's prose shares:
/// `ProseWordShare`), and
/// the base features of the two blocks on either side. Gradient-boosted trees turn the row
/// into p(boilerplate); the decision then applies the document guard and thresholds, and
/// lets a mostly dropped group of adjacent lines take its remaining short lines along.
/// Mirrors `classify` in `tools/classifier/features.py`.
struct BlockClassifier {
    let resources: ClassifierResources

    struct Result {
        /// Probability that each block is boilerplate.
        var p: [Double]
        var drop: [Bool]
        /// Dropped along with most of its group of adjacent lines (below its own threshold).
        var byGroup: [Bool]
        /// Base features, `BlockFeatures.baseCount` per block (for reasons).
        var rows: [Double]
        var words: [Int]
        /// Share of the page's prose above the last rule drop above each block (-1: none).
        var proseAboveRuleDrop: [Double]
        /// Index into `model.languages` of the detected language.
        var language: Int
    }

    @inline(__always) static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1.0 / (1.0 + exp(-z)) }
        let e = exp(z)
        return e / (1.0 + e)
    }

    /// - Parameter memo: the blocks already scanned (a block's counts depend on its bytes
    ///   alone): the classifier reads a page again after each round of drops.
    /// - Parameter ruleDrops: how many blocks or lines the rule packs dropped in each gap
    ///   between `blocks` (`RuleDrops.gaps`: n + 1 counts, gap g before block g), or nil
    ///   for none.
    func classify(_ t: UnsafeBufferPointer<UInt8>, _ blocks: [Block], memo: FeatureMemo? = nil,
                  ruleDrops: [Int]? = nil) -> Result {
        let model = resources.model
        let n = blocks.count
        let L = model.languages.count
        let B = BlockFeatures.baseCount

        // Pass 1: raw counts, stopword hits per language, lexicon sums.
        var raws = [BlockFeatures.Raw]()
        raws.reserveCapacity(n)
        var blockLang = [Int32](repeating: 0, count: n * L)
        var langCounts = [Int](repeating: 0, count: L)
        // Content-word keys of every block, block i's at contentStart[i]..<contentStart[i + 1].
        var content = [UInt64]()
        var contentStart = [Int](repeating: 0, count: n + 1)
        let table = resources.stopwords
        blockLang.withUnsafeMutableBufferPointer { bl in
            langCounts.withUnsafeMutableBufferPointer { lc in
                for (i, b) in blocks.enumerated() {
                    let counts = bl.baseAddress! + i * L
                    let bytes = UnsafeBufferPointer(rebasing: t[b.range])
                    let key = memo?.scans.key(ObjectIdentifier(FeatureMemo.self), bytes, hash: memoHash(bytes))
                    defer { contentStart[i + 1] = content.count }
                    if let key, let known = memo?.scans.lookup(key, bytes) {
                        raws.append(known.raw)
                        known.counts.withUnsafeBufferPointer { c in
                            for k in 0..<L {
                                counts[k] = Int32(truncatingIfNeeded: c[k])
                                lc[k] += Int(c[k])
                            }
                            content.append(contentsOf: UnsafeBufferPointer(rebasing: c[L...]))
                        }
                        continue
                    }
                    let raw = BlockFeatures.scan(t, b.range, table, blockLang: counts, langCounts: lc.baseAddress!,
                                                 content: &content)
                    raws.append(raw)
                    if let key {
                        var known = [UInt64]()
                        known.reserveCapacity(L + content.count - contentStart[i])
                        for k in 0..<L { known.append(UInt64(counts[k])) }
                        known += content[contentStart[i]...]
                        memo?.scans.store(key, bytes, (raw, known))
                    }
                }
            }
        }
        var lang = 0
        for k in 1..<max(1, L) where langCounts[k] > langCounts[lang] { lang = k }

        var stops = [Int](repeating: 0, count: n)
        var totalStops = 0, totalPieces = 0
        for i in 0..<n {
            stops[i] = L > 0 ? Int(blockLang[i * L + lang]) : 0
            totalStops += stops[i]
            totalPieces += raws[i].letterPieces
        }
        let docDensity = Double(totalStops) / Double(max(1, totalPieces))

        var groupSize = [Int](repeating: 0, count: n)
        var gi = 0
        while gi < n {
            var j = gi + 1
            while j < n, !blocks[j].startsGroup { j += 1 }
            for k in gi..<j { groupSize[k] = j - gi }
            gi = j
        }
        var seen = [UInt64: Int](minimumCapacity: n)
        for r in raws { seen[r.hash, default: 0] += 1 }

        // Base rows.
        var rows = [Double](repeating: 0, count: n * B)
        var words = [Int](repeating: 0, count: n)
        let lexBias = model.lexicon.bias
        for i in 0..<n {
            let r = raws[i]
            let w = r.words
            words[i] = w
            let ch = Double(max(1, r.chars))
            let wd = Double(max(1, w))
            let o = i * B
            rows[o + 0] = log1p(Double(r.chars))
            rows[o + 1] = log1p(Double(w))
            rows[o + 2] = Double(stops[i]) / Double(max(1, r.letterPieces))
            rows[o + 3] = log1p(Double(stops[i]))
            rows[o + 4] = r.sentenceEnd ? 1 : 0
            rows[o + 5] = r.colonEnd ? 1 : 0
            rows[o + 6] = Double(r.upper) / Double(max(1, r.letters))
            rows[o + 7] = Double(r.digits) / ch
            rows[o + 8] = Double(r.punct) / ch
            rows[o + 9] = Double(r.commas) / wd
            rows[o + 10] = Double(r.link) / wd
            rows[o + 11] = r.hasSeparator ? 1 : 0
            rows[o + 12] = Double(r.title) / Double(max(1, r.initial))
            rows[o + 13] = w <= 2 ? 1 : 0
            rows[o + 14] = w <= 5 ? 1 : 0
            rows[o + 15] = w <= 10 ? 1 : 0
            rows[o + 16] = w >= 30 ? 1 : 0
            rows[o + 17] = Double(i) / Double(max(1, n - 1))
            rows[o + 18] = blocks[i].startsGroup ? 1 : 0
            rows[o + 19] = log1p(Double(groupSize[i]))
            rows[o + 20] = (seen[r.hash] ?? 0) > 1 ? 1 : 0
            rows[o + 21] = r.copyright ? 1 : 0
            rows[o + 22] = r.bullet ? 1 : 0
            rows[o + 23] = docDensity
            rows[o + 24] = lexBias + r.lex / Double(max(1, r.letterPieces)).squareRoot()
        }

        // Structure: prose words before and after each block, window means.
        let W = BlockFeatures.iLogWords, E = BlockFeatures.iSentenceEnd, X = BlockFeatures.iLexical
        let proseMin = model.proseMinWords
        var prose = [Bool](repeating: false, count: n)
        var before = [Int](repeating: 0, count: n + 1)
        var pl = [Double](repeating: 0, count: n + 1), pw = pl, pe = pl
        for i in 0..<n {
            prose[i] = rows[i * B + E] > 0 && words[i] >= proseMin
            before[i + 1] = before[i] + (prose[i] ? words[i] : 0)
            pl[i + 1] = pl[i] + rows[i * B + X]
            pw[i + 1] = pw[i] + rows[i * B + W]
            pe[i + 1] = pe[i] + rows[i * B + E]
        }
        let total = before[n]
        let title = TitleOverlap(content, contentStart)
        let proseShare = (memo?.proseWords ?? ProseWordShare()).compute(content, contentStart, prose: prose)
        let gaps = ruleDrops ?? [Int](repeating: 0, count: n + 1)
        // The gap of the last rule drop at or above each block, of the first below it (-1: none).
        var lastAbove = [Int](repeating: -1, count: n), firstBelow = lastAbove
        var g = -1
        for i in 0..<n {
            if gaps[i] > 0 { g = i }
            lastAbove[i] = g
        }
        g = -1
        for i in stride(from: n - 1, through: 0, by: -1) {
            if gaps[i + 1] > 0 { g = i + 1 }
            firstBelow[i] = g
        }
        @inline(__always) func window(_ p: [Double], _ i: Int, _ r: Int) -> Double {
            let a = max(0, i - r), b = min(n, i + r + 1)
            return (p[b] - p[a]) / Double(b - a)
        }

        let forest = resources.forest
        var p = [Double](repeating: 0, count: n)
        var proseAboveRuleDrop = [Double](repeating: -1, count: n)
        var row = [Double](repeating: 0, count: BlockFeatures.rowCount)
        let S = B + BlockFeatures.structureCount
        let logBlocks = log1p(Double(n))
        row.withUnsafeMutableBufferPointer { x in
            rows.withUnsafeBufferPointer { base in
                for i in 0..<n {
                    for k in 0..<B { x[k] = base[i * B + k] }
                    let pb = before[i], pa = total - before[i + 1]
                    x[B + 0] = Double(pb) / Double(max(1, total))
                    x[B + 1] = Double(pa) / Double(max(1, total))
                    x[B + 2] = log1p(Double(pb))
                    x[B + 3] = log1p(Double(pa))
                    x[B + 4] = log1p(Double(total))
                    x[B + 5] = window(pl, i, 3)
                    x[B + 6] = window(pl, i, 10)
                    x[B + 7] = window(pw, i, 3)
                    x[B + 8] = window(pw, i, 10)
                    x[B + 9] = window(pe, i, 3)
                    x[B + 10] = window(pe, i, 10)
                    x[B + 11] = logBlocks
                    x[B + 12] = title.cover[i]
                    x[B + 13] = title.precision[i]
                    if let h = title.headline {
                        let since = i > h ? before[i] - before[h + 1] : before[i] - before[h]
                        x[B + 14] = 1
                        x[B + 15] = Double(i - h) / Double(n)
                        x[B + 16] = i > h ? 1 : 0
                        x[B + 17] = since < 0 ? -log1p(Double(-since)) : log1p(Double(since))
                    } else {
                        x[B + 14] = 0
                        x[B + 15] = 0
                        x[B + 16] = -1
                        x[B + 17] = 0
                    }
                    let above = lastAbove[i], below = firstBelow[i]
                    x[B + 18] = above >= 0 ? Double(before[above]) / Double(max(1, total)) : -1
                    proseAboveRuleDrop[i] = x[B + 18]
                    x[B + 19] = below >= 0 ? Double(total - before[below]) / Double(max(1, total)) : -1
                    x[B + 20] = log1p(Double(gaps[i] + gaps[i + 1]))
                    x[B + 21] = proseShare[i]
                    for (m, off) in BlockFeatures.neighbours.enumerated() {
                        let j = i + off
                        let o = S + m * B
                        if j >= 0, j < n {
                            for k in 0..<B { x[o + k] = base[j * B + k] }
                        } else {
                            for k in 0..<B { x[o + k] = -1 }
                        }
                    }
                    p[i] = Self.sigmoid(forest.score(UnsafePointer(x.baseAddress!)))
                }
            }
        }

        // Decision: the document guard, then thresholds (higher for prose).
        let d = model.decision
        var drop = [Bool](repeating: false, count: n)
        var byGroup = [Bool](repeating: false, count: n)
        var sure = 0
        for i in 0..<n where p[i] >= d.guardP { sure += 1 }
        if sure >= d.guardMinBlocks {
            for i in 0..<n where words[i] < d.neverDropWords {
                drop[i] = p[i] >= (prose[i] ? d.proseThreshold : d.threshold)
            }
            // A mostly dropped group of adjacent lines takes its other short blocks along.
            var a = 0
            while a < n {
                var b = a + 1
                while b < n, !blocks[b].startsGroup { b += 1 }
                let m = b - a
                var dropped = 0
                for k in a..<b where drop[k] { dropped += 1 }
                if m >= 3, 2 * dropped >= m {
                    for k in a..<b where !drop[k] && !prose[k] && p[k] >= d.groupThreshold {
                        drop[k] = true
                        byGroup[k] = true
                    }
                }
                a = b
            }
        }
        return Result(p: p, drop: drop, byGroup: byGroup, rows: rows, words: words,
                      proseAboveRuleDrop: proseAboveRuleDrop, language: lang)
    }
}

/// Block counts by the block's bytes, for one worker's classifier stage (see `BytesMemo`),
/// and the worker's word table. Small: what the counts serve most is a document's next
/// round, which reads the same blocks.
final class FeatureMemo {
    /// A block's raw counts, and in one array its stopword count per language followed by
    /// its content-word keys (one array, not two: a memo's answer is copied as it is read).
    let scans = BytesMemo<(raw: BlockFeatures.Raw, counts: [UInt64])>(capacity: 256 << 10)
    /// The table `ProseWordShare` counts a page's words in, reused page after page.
    let proseWords = ProseWordShare()
}

/// How much each block shares with the page's title (its first block, "Headline | Site"),
/// and which block repeats the title's headline over the article (features.py
/// `Doc.find_headline`). The headline is the title's part, between separator tokens, with
/// the most content words (two at least: a menu's "Home" is no title); a block's cover is
/// the share of those words it holds, its precision the share of its own content words
/// that are among them.
struct TitleOverlap {
    var cover: [Double]
    var precision: [Double]
    /// The first block after the title that holds `BlockFeatures.headlineCover` of the
    /// headline's words and at most twice as many content words, plus three.
    var headline: Int?

    init(_ content: [UInt64], _ start: [Int]) {
        let n = start.count - 1
        cover = [Double](repeating: 0, count: n)
        precision = [Double](repeating: 0, count: n)
        headline = nil
        guard n > 0 else { return }
        let sep = BlockFeatures.separatorKey
        // The title's part with the most content words (the first of equals).
        var best = start[0]..<start[0], a = start[0]
        for k in start[0]...start[1] where k == start[1] || content[k] == sep {
            if k - a > best.count { best = a..<k }
            a = k + 1
        }
        var head = [UInt64]()
        for k in best where !head.contains(content[k]) && head.count < BlockFeatures.titleWords {
            head.append(content[k])
        }
        guard head.count >= BlockFeatures.titleMinWords else { return }
        // One bit a headline word, by its key's low six bits: most words miss it at once.
        var filter: UInt64 = 0
        for h in head { filter |= 1 << (h & 63) }
        for i in 0..<n {
            var seen: UInt64 = 0
            var hits = 0, words = 0
            content.withUnsafeBufferPointer { c in
                for k in start[i]..<start[i + 1] {
                    let w = c[k]
                    if w == sep { continue }
                    words += 1
                    if filter & (1 << (w & 63)) != 0, let j = head.firstIndex(of: w) {
                        hits += 1
                        seen |= 1 << UInt64(j)
                    }
                }
            }
            cover[i] = Double(seen.nonzeroBitCount) / Double(head.count)
            precision[i] = words > 0 ? Double(hits) / Double(words) : 0
            if headline == nil, i >= 1, cover[i] >= BlockFeatures.headlineCover, words <= 2 * head.count + 3 {
                headline = i
            }
        }
    }
}
