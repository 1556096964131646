/// Drops lines that a source repeats across many of its documents — its page template
/// (menus, footers, fixed teasers) — using corpus statistics from a first pass.
///
/// Runs only when the pipeline was given statistics and the document names its source
/// (the `url` host of a JSON Lines record, or the folder of a file).
final class TemplateStage: Stage {
    let name = "templates"
    var role: StageRole { .judgesBlocks }
    let stats: CorpusStats?
    let settings: TemplateSettings

    init(stats: CorpusStats?, settings: TemplateSettings) {
        self.stats = stats
        self.settings = settings
    }

    /// A line is judged by the corpus counts alone, whatever is around it.
    func mayJudgeDifferentlyAfterDrops() -> Bool { false }

    func run(_ document: inout Document) {
        guard let stats, let source = document.source,
              let total = stats.documents[source], total >= settings.minDocuments else { return }
        let blocks = segmentBlocks(document.text, countingWords: false)
        let lines = stats.lineCounts(of: source)
        var proposals: [ProposedEdit] = []
        document.text.withUnsafeBufferPointer { text in
            for block in blocks {
                let n = lines.documents(containing: text, block.range)
                guard n >= settings.minDocuments, Double(n) >= settings.minShare * Double(total) else { continue }
                proposals.append(ProposedEdit(
                    range: dropRange(text, block), rule: "template.repeated-line", category: "template",
                    kind: .dropBlock, reason: "a line repeated in \(n) of \(total) documents from \(source)"))
            }
        }
        document.apply(proposals, stage: name)
    }
}

/// When a line counts as part of a source's template.
public struct TemplateSettings: Sendable, Equatable {
    /// At least this many documents of the source contain the line…
    public var minDocuments = 5
    /// …and at least this share of them.
    public var minShare = 0.3

    public init(minDocuments: Int = 5, minShare: Double = 0.3) {
        self.minDocuments = minDocuments
        self.minShare = minShare
    }
}

/// A dropped block's range: its whole line, the line break and the blank lines after it,
/// so that nothing is left behind for the canonical stage to tidy.
func dropRange(_ text: UnsafeBufferPointer<UInt8>, _ block: Block) -> Range<Int> {
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
