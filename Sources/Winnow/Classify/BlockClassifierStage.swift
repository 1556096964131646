import Foundation

/// Drops blocks that no rule names but that look like page leftovers (navigation, menus,
/// teaser headlines, shop widgets, footers), by the statistical block classifier fitted
/// with `tools/classifier/fit.py` (model and stopword lists are resources, loaded once
/// per process). Each dropped block is one edit `classifier.block` whose reason gives
/// the score and what drove it.
public final class BlockClassifierStage: Stage {
    public let name = "classifier"
    private let classifier: BlockClassifier?

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
        let blocks = segmentBlocks(document.text)
        guard blocks.count >= 2 else { return }
        var proposals: [ProposedEdit] = []
        document.text.withUnsafeBufferPointer { text in
            let result = classifier.classify(text, blocks)
            for (i, block) in blocks.enumerated() where result.drop[i] {
                proposals.append(ProposedEdit(range: dropRange(text, block), rule: "classifier.block",
                                              category: "classifier", kind: .dropBlock,
                                              reason: Self.reason(result, i)))
            }
        }
        document.apply(proposals, stage: name)
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
        return s
    }
}
