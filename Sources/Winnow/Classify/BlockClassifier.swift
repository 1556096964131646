import Foundation

/// Scores every block of a document (p(boilerplate)) and decides which to drop:
/// stage 1 scores each block on its own features, stage 2 adds its neighbours' scores
/// and its place relative to the document's article region, and jusText-style smoothing
/// gives short or uncertain blocks the class of their confident neighbours.
/// Mirrors `classify` in `tools/classifier/features.py`.
struct BlockClassifier {
    let resources: ClassifierResources

    struct Result {
        /// Stage-2 probability that each block is boilerplate.
        var p: [Double]
        var drop: [Bool]
        /// Base features, `BlockFeatures.baseCount` per block (for reasons).
        var rows: [Double]
        var words: [Int]
        var inRegion: [Bool]
        /// Index into `model.languages` of the detected language.
        var language: Int
    }

    @inline(__always) static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1.0 / (1.0 + exp(-z)) }
        let e = exp(z)
        return e / (1.0 + e)
    }

    func classify(_ t: UnsafeBufferPointer<UInt8>, _ blocks: [Block]) -> Result {
        let model = resources.model
        let n = blocks.count
        let L = model.languages.count
        let B = BlockFeatures.baseCount
        let C = BlockFeatures.contextCount

        // Pass 1: raw counts and stopword hits per language.
        var raws = [BlockFeatures.Raw]()
        raws.reserveCapacity(n)
        var blockLang = [Int32](repeating: 0, count: n * L)
        var langCounts = [Int](repeating: 0, count: L)
        let table = resources.stopwords
        blockLang.withUnsafeMutableBufferPointer { bl in
            langCounts.withUnsafeMutableBufferPointer { lc in
                for (i, b) in blocks.enumerated() {
                    raws.append(BlockFeatures.scan(t, b.range, table, blockLang: bl.baseAddress! + i * L,
                                                   langCounts: lc.baseAddress!))
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
        var p1 = [Double](repeating: 0, count: n)
        let w1 = model.stage1.weights
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
            var s = 0.0
            for k in 0..<B { s += w1[k] * rows[o + k] }
            p1[i] = Self.sigmoid(model.stage1.bias + s)
        }

        // Context.
        let W = BlockFeatures.iLogWords, S = BlockFeatures.iStopDensity, E = BlockFeatures.iSentenceEnd
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + p1[i] }
        func window(_ i: Int, _ r: Int) -> Double {
            let a = max(0, i - r), b = min(n, i + r + 1)
            return (prefix[b] - prefix[a]) / Double(b - a)
        }
        var isGood = [Bool](repeating: false, count: n)
        var first = n, last = -1
        for i in 0..<n where p1[i] < model.core.p && words[i] >= model.core.minWords {
            isGood[i] = true
            if first == n { first = i }
            last = i
        }
        var dist = [Int](repeating: n, count: n)
        var d = -1
        for i in 0..<n {
            if isGood[i] { d = 0 } else if d >= 0 { d += 1 }
            if d >= 0 { dist[i] = d }
        }
        d = -1
        for i in stride(from: n - 1, through: 0, by: -1) {
            if isGood[i] { d = 0 } else if d >= 0 { d += 1 }
            if d >= 0 { dist[i] = min(dist[i], d) }
        }
        // The article region: the contiguous run with the largest total score.
        var best = 0.0, bestA = 0, bestB = -1
        var run = 0.0, runA = 0
        var totalWords = 0.0
        for i in 0..<n {
            let s = (model.core.regionBias - p1[i]) * rows[i * B + W]
            if run <= 0 { run = s; runA = i } else { run += s }
            if run > best { best = run; bestA = runA; bestB = i }
            totalWords += rows[i * B + W]
        }
        var regionWords = 0.0
        if bestB >= bestA { for i in bestA...bestB { regionWords += rows[i * B + W] } }
        let regionShare = totalWords > 0 ? regionWords / totalWords : 0
        // Group means.
        var gstat = [Double](repeating: 0, count: n * 4)
        gi = 0
        while gi < n {
            var j = gi + 1
            while j < n, !blocks[j].startsGroup { j += 1 }
            let m = Double(j - gi)
            var a = 0.0, b = 0.0, c = 0.0, e = 0.0
            for k in gi..<j { a += p1[k] }
            for k in gi..<j { b += rows[k * B + W] }
            for k in gi..<j { c += rows[k * B + S] }
            for k in gi..<j { e += rows[k * B + E] }
            for k in gi..<j {
                gstat[k * 4] = a / m; gstat[k * 4 + 1] = b / m; gstat[k * 4 + 2] = c / m; gstat[k * 4 + 3] = e / m
            }
            gi = j
        }

        let w2 = model.stage2.weights
        var p2 = [Double](repeating: 0, count: n)
        var inRegion = [Bool](repeating: false, count: n)
        var ctx = [Double](repeating: 0, count: C)
        for i in 0..<n {
            let within = bestA <= i && i <= bestB
            inRegion[i] = within
            var rd = within ? 0 : (i < bestA ? bestA - i : i - bestB)
            if bestB < 0 { rd = n }
            ctx[0] = i >= 1 ? p1[i - 1] : 0.5
            ctx[1] = i + 1 < n ? p1[i + 1] : 0.5
            ctx[2] = i >= 2 ? p1[i - 2] : 0.5
            ctx[3] = i + 2 < n ? p1[i + 2] : 0.5
            ctx[4] = window(i, 3)
            ctx[5] = window(i, 10)
            ctx[6] = i < first ? 1 : 0
            ctx[7] = i > last ? 1 : 0
            ctx[8] = log1p(Double(min(dist[i], 50)))
            ctx[9] = i >= 1 ? rows[(i - 1) * B + W] : 0
            ctx[10] = i + 1 < n ? rows[(i + 1) * B + W] : 0
            ctx[11] = i >= 1 ? rows[(i - 1) * B + S] : 0
            ctx[12] = i + 1 < n ? rows[(i + 1) * B + S] : 0
            ctx[13] = i >= 1 && !blocks[i].startsGroup ? 1 : 0
            ctx[14] = i + 1 < n && !blocks[i + 1].startsGroup ? 1 : 0
            ctx[15] = within ? 1 : 0
            ctx[16] = log1p(Double(min(rd, 50)))
            ctx[17] = regionShare
            ctx[18] = gstat[i * 4]; ctx[19] = gstat[i * 4 + 1]; ctx[20] = gstat[i * 4 + 2]; ctx[21] = gstat[i * 4 + 3]
            var s = 0.0
            for k in 0..<B { s += w2[k] * rows[i * B + k] }
            for k in 0..<C { s += w2[B + k] * ctx[k] }
            p2[i] = Self.sigmoid(model.stage2.bias + s)
        }

        // Smoothing: 1 bad, 0 good, -1 uncertain.
        var cls = [Int8](repeating: -1, count: n)
        for i in 0..<n where words[i] > model.smoothShortWords {
            if p2[i] >= model.smoothHigh { cls[i] = 1 } else if p2[i] <= model.smoothLow { cls[i] = 0 }
        }
        var prevCls = [Int8](repeating: 1, count: n)
        var lastCls: Int8 = 1
        for i in 0..<n {
            prevCls[i] = lastCls
            if cls[i] >= 0 { lastCls = cls[i] }
        }
        var drop = [Bool](repeating: false, count: n)
        lastCls = 1
        for i in stride(from: n - 1, through: 0, by: -1) {
            let next = lastCls
            if cls[i] >= 0 {
                drop[i] = cls[i] == 1
                lastCls = cls[i]
            } else if prevCls[i] == 1 && next == 1 {
                drop[i] = p2[i] >= model.smoothBadBad
            } else if prevCls[i] == 0 && next == 0 {
                drop[i] = p2[i] >= model.smoothGoodGood
            } else {
                drop[i] = p2[i] >= model.threshold
            }
            if words[i] >= model.neverDropWords { drop[i] = false }
        }
        return Result(p: p2, drop: drop, rows: rows, words: words, inRegion: inRegion, language: lang)
    }
}
