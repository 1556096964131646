import Foundation

/// Drops blocks that no rule names but that look like page leftovers (navigation, menus,
/// teaser headlines, shop widgets, footers), by the statistical block classifier fitted
/// with `tools/classifier/fit.py` (model and stopword lists are resources, loaded once
/// per process). Each dropped block is one edit `classifier.block` whose reason gives
/// the score and what drove it.
public final class BlockClassifierStage: Stage {
    public let name = "classifier"
    public var role: StageRole { .judgesBlocks }
    private let classifier: BlockClassifier?
    /// Blocks already scanned, by their bytes: every round after drops reads the rest again.
    private let memo = FeatureMemo()

    public init() {
        switch ClassifierResources.shared {
        case .success(let r): classifier = BlockClassifier(resources: r)
        case .failure: classifier = nil
        }
    }

    /// Why the classifier is unavailable, or nil when it is loaded.
    public static var loadProblem: String? {
        if case .failure(let e) = ClassifierResources.shared { return e.message }
        return nil
    }

    public func run(_ document: inout Document) {
        guard let classifier else {
            if let problem = Self.loadProblem { document.findings.append("classifier skipped: \(problem)") }
            return
        }
        // A block's score reads its neighbours and its place in the document: dropping some
        // blocks changes the rest's. Classify again until a round drops nothing, so that
        // cleaning the output again drops nothing more.
        for _ in 0..<Self.maxRounds where classifyOnce(classifier, &document) == 0 {
            return
        }
        document.findings.append("classifier: still dropping blocks after \(Self.maxRounds) rounds; stopped")
    }

    /// Rounds at most. On the web development set 1 page in 1000 needed more than 4 (a
    /// long menu of "> Section" lines went a few at a time, in 11 rounds).
    static let maxRounds = 16

    /// The blocks as the classifier reads them: every block a group of its own, as in
    /// canonical text (a blank line between all blocks), so that the output, cleaned
    /// again, reads as the page did. (`tools/classifier/features.py` segments alike.)
    static func blocks(_ text: [UInt8]) -> [Block] {
        var blocks = segmentBlocks(text, countingWords: false)
        for i in blocks.indices { blocks[i].startsGroup = true }
        return blocks
    }

    /// The text with typographic quotes and the ellipsis folded as the canonical stage
    /// folds them, or nil when it has none: the output, cleaned again, has them folded, so
    /// the classifier reads them folded the first time too ("S’abonner" is one word either way).
    static func view(_ text: [UInt8]) -> [UInt8]? {
        text.withUnsafeBufferPointer { buf -> [UInt8]? in
            var folds: [(range: Range<Int>, replacement: [UInt8])] = []
            var i = 0
            while true {
                // Quotes and the ellipsis are not ASCII: the fast scan skips to the next byte that is not.
                i = firstNonASCII(buf, from: i)
                guard i < buf.count else { break }
                // French guillemets fold with the spaces inside them, as the canonical stage
                // decides line by line: a text holding one is folded by that stage's own edits.
                if guillemet(buf, i, opening: true) != nil || guillemet(buf, i, opening: false) != nil {
                    folds = CanonicalStage.typographyFolds(buf).map { ($0.range, $0.replacement) }
                    break
                }
                if let (length, folded) = foldedQuote(buf, i) {
                    folds.append((i..<(i + length), folded))
                    i += length
                } else {
                    i += 1
                }
            }
            return spliced(buf, folds)
        }
    }

    /// `buf` with each range replaced (ranges in text order, not overlapping), or nil when
    /// there are none.
    private static func spliced(_ buf: UnsafeBufferPointer<UInt8>,
                                _ edits: [(range: Range<Int>, replacement: [UInt8])]) -> [UInt8]? {
        guard !edits.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(buf.count)
        var copied = 0
        for edit in edits {
            out.append(contentsOf: buf[copied..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement)
            copied = edit.range.upperBound
        }
        out.append(contentsOf: buf[copied..<buf.count])
        return out
    }

    /// One round over the document; returns how many blocks it dropped.
    private func classifyOnce(_ classifier: BlockClassifier, _ document: inout Document) -> Int {
        let blocks = Self.blocks(document.text)
        guard blocks.count >= 2 else { return 0 }
        // Features are read on the text as canonical folding will leave it (its blocks are
        // these blocks, in the same order: folding never touches a line break).
        let view = Self.view(document.text)
        let viewBlocks = view == nil ? blocks : Self.blocks(view!)
        let gaps = RuleDrops.gaps(RuleDrops.places(document), blocks)
        var proposals: [ProposedEdit] = []
        document.text.withUnsafeBufferPointer { text in
            let result = view.map { v in v.withUnsafeBufferPointer { classifier.classify($0, viewBlocks, memo: memo, ruleDrops: gaps) } }
                ?? classifier.classify(text, blocks, memo: memo, ruleDrops: gaps)
            for (i, block) in blocks.enumerated() where result.drop[i] {
                proposals.append(ProposedEdit(range: dropRange(text, block), rule: "classifier.block",
                                              category: "classifier", kind: .dropBlock,
                                              reason: Self.reason(result, i)))
            }
        }
        document.apply(proposals, stage: name)
        return proposals.count
    }

    /// "classifier: p(boilerplate)=0.91; 3 words, no stopwords, no sentence end"
    /// (built by hand: String(format:) would cost more than classifying the block).
    static func reason(_ r: BlockClassifier.Result, _ i: Int) -> String {
        let o = i * BlockFeatures.baseCount
        let w = r.words[i]
        let hundredths = min(100, max(0, Int((r.p[i] * 100).rounded())))
        var s = "classifier: p(boilerplate)="
        s += hundredths == 100 ? "1.00" : (hundredths < 10 ? "0.0\(hundredths)" : "0.\(hundredths)")
        s += w == 1 ? "; 1 word" : "; \(w) words"
        let density = r.rows[o + BlockFeatures.iStopDensity]
        s += density == 0 ? ", no stopwords" : ", \(Int((density * 100).rounded()))% stopwords"
        s += r.rows[o + BlockFeatures.iSentenceEnd] > 0 ? ", sentence end" : ", no sentence end"
        if r.rows[o + BlockFeatures.iLinkShare] > 0 { s += ", link-like tokens" }
        if r.rows[o + BlockFeatures.iTitleShare] >= 0.8, w >= 2 { s += ", title case" }
        let lexical = r.rows[o + BlockFeatures.iLexical]
        if lexical > 0.5 { s += ", words of page furniture" }
        if r.byGroup[i] { s += ", most of its group of lines dropped" }
        if r.proseAboveRuleDrop[i] >= 0.5 { s += ", below a widget the rules dropped after most of the prose" }
        return s
    }
}

/// Where the rule packs dropped blocks, as the classifier reads it: the rules name widgets
/// (share rows, comment forms, related lists, menus) that stand where an article ends or
/// has not yet begun, and what lies beyond them is mostly more of the same. The fit
/// constrains p(boilerplate) to rise with these features only, so the output, which
/// cleaned again has no rule drops left, scores no higher and loses nothing more.
/// (`tools/classifier/pages.py` reads the same places from `--explain json`.)
enum RuleDrops {
    /// Where in the current text the boilerplate stage's standing drops of blocks and
    /// runs of lines sit, in text order (the classifier's own drops do not count, nor do
    /// ad markers: "Advertisement" and "(COMMERCIAL BREAK)" stand between an article's
    /// paragraphs, not where it ends, and read as an end they cost the paragraphs after
    /// them).
    static func places(_ document: Document) -> [Int] {
        var out: [Int] = []
        for place in document.standingPlaces {
            // (Two fields read in place, not a copy of the edit with its strings.)
            let kind = document.edits[place.edit].kind
            if kind == .dropBlock || kind == .dropRun, document.edits[place.edit].stage == BoilerplateStage.stageName,
               document.edits[place.edit].rule != "ad.marker" {
                out.append(place.span.lowerBound)
            }
        }
        return out
    }

    /// How many drops sit in each gap between `blocks`: n + 1 counts, gap g before block g
    /// (a drop at x is in the gap before the first block starting at or after x).
    static func gaps(_ places: [Int], _ blocks: [Block]) -> [Int] {
        var gaps = [Int](repeating: 0, count: blocks.count + 1)
        var g = 0
        for x in places {  // in text order: the gap only moves on
            while g < blocks.count, blocks[g].range.lowerBound < x { g += 1 }
            gaps[g] += 1
        }
        return gaps
    }
}
