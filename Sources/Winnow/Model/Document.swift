/// A document on its way through the pipeline: its original bytes, the log of edits made
/// to them, and the current text (the original with the standing edits applied).
///
/// Stages never write text directly: they propose edits in coordinates of the current
/// text, and `apply(_:stage:)` maps them back onto the original. The clean text is
/// therefore always *derived* from the original plus the log.
public struct Document: Sendable {
    /// Identifies the document in messages and reports (a path, or `file:line`).
    public var id: String
    /// The input exactly as it came, possibly not valid UTF-8.
    public let original: [UInt8]
    /// Fields that came with the document (a JSON Lines record's other fields, raw JSON
    /// text by key), passed through untouched.
    public var metadata: [(key: String, json: String)]
    /// Where the document comes from, for corpus statistics: the host of a record's
    /// `url`, or the folder of a file. Documents of one source share a page template.
    public var source: String?
    /// Every edit made, in the order the stages made them.
    public private(set) var edits: [Edit] = []
    /// Non-fatal problems met while cleaning (a rule stopped by its time limit, say):
    /// the document still comes out, and these are reported beside it.
    public var findings: [String] = []
    /// The current text: `original` with every standing edit applied.
    public private(set) var text: [UInt8]

    /// Rule ids (or prefixes ending in `.`) whose edits are not applied: turning a rule off
    /// works the same for every stage, rule packs or not.
    var disabledRules: Set<String> = []

    /// Indices into `edits` of the standing edits, in original order (non-overlapping).
    private var standing: [Int] = []
    /// Where each standing edit's output sits in `text`, parallel to `standing`.
    private var standingSpans: [Range<Int>] = []

    public init(id: String, bytes: [UInt8], metadata: [(key: String, json: String)] = []) {
        self.id = id
        self.original = bytes
        self.metadata = metadata
        self.text = bytes
    }

    public init(id: String, text: String, metadata: [(key: String, json: String)] = []) {
        self.init(id: id, bytes: Array(text.utf8), metadata: metadata)
    }

    /// The current text as a String (the clean text once the pipeline has run).
    public var string: String { String(decoding: text, as: UTF8.self) }

    /// The edits whose output stands in the text, in original order.
    public var standingEdits: [Edit] { standing.map { edits[$0] } }

    /// Where the output of each standing edit sits in the current text, by the edit's index
    /// in `edits`, in text order. A drop sits at an empty span where the dropped text was.
    public var standingPlaces: [(edit: Int, span: Range<Int>)] {
        zip(standing, standingSpans).map { (edit: $0, span: $1) }
    }

    /// Values removed from the text but kept as metadata, by field, in text order.
    public var kept: [String: [String]] {
        var result: [String: [String]] = [:]
        // Only the few edits that keep something are sorted (a stable sort: edits at one
        // position stay in the order they were made).
        for edit in edits.filter({ $0.kept != nil }).sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            result[edit.kept!.field, default: []].append(edit.kept!.value)
        }
        return result
    }

    /// How many edits each rule made (superseded ones included: they happened).
    public var editCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for edit in edits { counts[edit.rule, default: 0] += 1 }
        return counts
    }

    /// Applies edits proposed against the current `text`. Proposals must not overlap one
    /// another; overlapping ones after the first are ignored (a stage bug, not user input).
    ///
    /// A proposal that overlaps the output of an earlier edit absorbs it: the new edit
    /// covers the earlier one's whole original range, and the earlier one is marked
    /// superseded. An insertion that touches an earlier edit's output absorbs it too, so
    /// two edits never share a point of the original and rendering is unambiguous.
    public mutating func apply(_ proposals: [ProposedEdit], stage: String) {
        let proposals = disabledRules.isEmpty ? proposals : proposals.filter { !isDisabled($0.rule) }
        guard !proposals.isEmpty else { return }
        let ordered = nonOverlapping(proposals)

        // Running sum of (output length - original length) of standing edits before index i.
        var shift = [Int](repeating: 0, count: standing.count + 1)
        for i in 0..<standing.count {
            shift[i + 1] = shift[i] + standingSpans[i].count - edits[standing[i]].range.count
        }

        // For each proposal, the standing edits it absorbs: indices lo..<hi into `standing`.
        var absorbed: [Range<Int>] = []
        absorbed.reserveCapacity(ordered.count)
        var first = 0
        for k in ordered.indices {
            let a = ordered[k].range.lowerBound, b = ordered[k].range.upperBound
            while first < standing.count, isBefore(standingSpans[first], a: a, b: b) { first += 1 }
            var end = first
            while end < standing.count, absorbs(a: a, b: b, standingSpans[end]) { end += 1 }
            absorbed.append(first..<end)
        }

        var newStanding: [Int] = []
        newStanding.reserveCapacity(standing.count + ordered.count)
        var next = 0  // next standing index not yet carried over or absorbed
        var i = 0
        while i < ordered.count {
            // A cluster: proposals that share an absorbed standing edit become one edit.
            var j = i + 1
            var hi = absorbed[i].upperBound
            while j < ordered.count, !absorbed[j].isEmpty, absorbed[j].lowerBound < hi {
                hi = max(hi, absorbed[j].upperBound)
                j += 1
            }
            let lo = absorbed[i].isEmpty ? absorbed[i].lowerBound : absorbed[i].lowerBound
            while next < lo { newStanding.append(standing[next]); next += 1 }

            let a = ordered[i].range.lowerBound, b = ordered[j - 1].range.upperBound
            var viewStart = a, viewEnd = b
            var origStart = a - shift[lo], origEnd = b - shift[hi]
            if lo < hi {
                if standingSpans[lo].lowerBound <= a {
                    viewStart = standingSpans[lo].lowerBound
                    origStart = edits[standing[lo]].range.lowerBound
                }
                if standingSpans[hi - 1].upperBound >= b {
                    viewEnd = standingSpans[hi - 1].upperBound
                    origEnd = edits[standing[hi - 1]].range.upperBound
                }
            }
            var replacement: [UInt8] = []
            var cursor = viewStart
            for k in i..<j {
                replacement.append(contentsOf: text[cursor..<ordered[k].range.lowerBound])
                replacement.append(contentsOf: ordered[k].replacement)
                cursor = ordered[k].range.upperBound
            }
            replacement.append(contentsOf: text[cursor..<viewEnd])

            let lead = ordered[i]
            let reason = ordered[i..<j].count == 1
                ? lead.reason
                : ordered[i..<j].map(\.reason).joined(separator: "; ")
            let index = edits.count
            edits.append(Edit(
                stage: stage, rule: lead.rule, category: lead.category, kind: lead.kind,
                range: origStart..<origEnd,
                before: String(decoding: original[origStart..<origEnd], as: UTF8.self),
                after: String(decoding: replacement, as: UTF8.self),
                reason: reason, kept: lead.kept))
            for k in lo..<hi { edits[standing[k]].supersededBy = index }
            newStanding.append(index)
            next = max(next, hi)
            i = j
        }
        while next < standing.count { newStanding.append(standing[next]); next += 1 }
        standing = newStanding
        render()
    }

    private func isDisabled(_ rule: String) -> Bool {
        disabledRules.contains(rule) || disabledRules.contains { $0.hasSuffix(".") && rule.hasPrefix($0) }
    }

    /// Rebuilds `text` and `standingSpans` from the original and the standing edits.
    private mutating func render() {
        var out: [UInt8] = []
        out.reserveCapacity(original.count)
        var spans: [Range<Int>] = []
        spans.reserveCapacity(standing.count)
        var cursor = 0
        // Fields read in place, not a copy of each standing edit (its strings retained and
        // released) on every apply.
        for index in standing {
            let range = edits[index].range
            out.append(contentsOf: original[cursor..<range.lowerBound])
            let start = out.count
            out.append(contentsOf: edits[index].after.utf8)
            spans.append(start..<out.count)
            cursor = range.upperBound
        }
        out.append(contentsOf: original[cursor...])
        text = out
        standingSpans = spans
    }

    /// Maps a position in the current text to the original: positions inside an edit's
    /// output map to that edit's original start.
    public func originalOffset(of position: Int) -> Int {
        var shift = 0
        for (i, span) in standingSpans.enumerated() {
            let range = edits[standing[i]].range
            if position < span.lowerBound { break }
            if position < span.upperBound { return range.lowerBound }
            shift += span.count - range.count
        }
        return position - shift
    }
}

/// True when a standing edit's output `span` lies wholly before the proposal a..<b.
private func isBefore(_ span: Range<Int>, a: Int, b: Int) -> Bool {
    if span.upperBound < a { return true }
    if span.upperBound > a { return false }
    // The span ends exactly where the proposal starts: an insertion absorbs what it touches.
    return a != b
}

/// True when a proposal a..<b must absorb a standing edit whose output is `span`.
private func absorbs(a: Int, b: Int, _ span: Range<Int>) -> Bool {
    if a == b { return span.lowerBound <= a && a <= span.upperBound }
    if span.isEmpty { return a < span.lowerBound && span.lowerBound < b }
    return span.lowerBound < b && a < span.upperBound
}

/// Sorts proposals (stably, by range) and keeps only those that do not overlap an earlier
/// one. Stages mostly propose in text order and without overlaps: then the proposals come
/// back as they are, not copied one by one.
func nonOverlapping(_ proposals: [ProposedEdit]) -> [ProposedEdit] {
    var inOrder = true
    for k in proposals.indices.dropFirst() {
        let a = proposals[k - 1].range, b = proposals[k].range
        if (a.lowerBound, a.upperBound) > (b.lowerBound, b.upperBound) { inOrder = false; break }
    }
    let sorted = inOrder ? proposals : proposals.enumerated().sorted {
        ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
            < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
    }.map(\.element)
    var kept: [Int] = []
    kept.reserveCapacity(sorted.count)
    var end = -1
    var lastWasInsertionAt = -1
    for k in sorted.indices {
        let range = sorted[k].range
        if range.lowerBound < end { continue }
        if range.isEmpty, range.lowerBound == lastWasInsertionAt { continue }
        kept.append(k)
        end = range.upperBound
        lastWasInsertionAt = range.isEmpty ? range.lowerBound : -1
    }
    return kept.count == sorted.count ? sorted : kept.map { sorted[$0] }
}
