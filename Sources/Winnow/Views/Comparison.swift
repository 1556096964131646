/// Before and after, paragraph by paragraph: the view that `winnow diff` and the HTML
/// report draw. It is built from the edit log alone — the original bytes with the
/// standing edits applied, exactly as `clean` applies them — so it cannot disagree with
/// the clean text (the clean sides of its rows, in order, *are* the clean text's
/// paragraphs).
///
/// Rows pair original lines with clean paragraphs. The clean text re-flows layout (one
/// paragraph a line, blank lines between), so rows are cut where the original and the
/// clean text are both at a line start, and white space at line ends is layout, not a
/// change. A line whose whole content lies inside an edit that left only white space is
/// *dropped*, attributed to the first such edit (the one that removed it, not a later
/// white-space edit that absorbed its empty output).
public struct Comparison: Sendable {
    public enum Change: String, Sendable {
        case same, changed, dropped, inserted
    }

    /// A run of text; `changed` marks words that an edit removed or rewrote (original
    /// side) or wrote (clean side).
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var changed: Bool

        public init(_ text: String, changed: Bool) {
            self.text = text
            self.changed = changed
        }
    }

    public struct Row: Sendable {
        public var change: Change
        /// 1-based numbers of the original lines in this row (empty when inserted).
        public var originalLines: [Int]
        /// 1-based line of the clean text's paragraph (nil when dropped).
        public var cleanLine: Int?
        /// The original lines (joined by `\n`), trimmed, with changed words marked.
        public var original: [Segment]
        /// The clean paragraph with changed words marked (empty when dropped).
        public var clean: [Segment]
        /// Indices into the document's `edits` that caused this row's change, ascending.
        public var edits: [Int]
        /// Byte range of the row's content in the original.
        public var originalRange: Range<Int>

        public var originalText: String { original.map(\.text).joined() }
        public var cleanText: String { clean.map(\.text).joined() }
    }

    public let documentID: String
    public let rows: [Row]
    /// The document's edit log (rows refer to it by index).
    public let edits: [Edit]

    public init(_ document: Document) {
        documentID = document.id
        edits = document.edits
        rows = ComparisonBuilder(document).build()
    }

    /// Rows that changed something.
    public var changes: [Row] { rows.filter { $0.change != .same } }

    /// Rule ids of a row's edits, in first-seen order, without repeats.
    public func rules(of row: Row) -> [String] {
        var seen = Set<String>()
        return row.edits.map { edits[$0].rule }.filter { seen.insert($0).inserted }
    }
}

// MARK: - Building

private struct ComparisonBuilder {
    let doc: Document
    let original: [UInt8]
    /// Start offsets of the original's lines, for line numbers.
    let lineStarts: [Int]
    /// Edits that left only white space, by index: the candidates for a dropped line.
    let removals: [Int]

    init(_ doc: Document) {
        self.doc = doc
        original = doc.original
        var starts = [0]
        for (i, b) in original.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
        removals = doc.edits.indices.filter { isBlank(Array(doc.edits[$0].after.utf8)) && !doc.edits[$0].range.isEmpty }
    }

    /// A piece of the original (`range`) and what the clean text has in its place;
    /// `edit` is nil where the text is unchanged.
    struct Piece {
        var range: Range<Int>
        var clean: [UInt8]
        var edit: Int?
    }

    func build() -> [Comparison.Row] {
        let standing = doc.edits.indices.filter { doc.edits[$0].supersededBy == nil }
            .sorted { (doc.edits[$0].range.lowerBound, doc.edits[$0].range.upperBound, $0)
                < (doc.edits[$1].range.lowerBound, doc.edits[$1].range.upperBound, $1) }
        var pieces: [Piece] = []
        var cursor = 0
        func unchanged(_ r: Range<Int>) {
            // Split after each line break, so rows can be cut there.
            var s = r.lowerBound
            for i in r where original[i] == 0x0A {
                pieces.append(Piece(range: s..<(i + 1), clean: Array(original[s...i]), edit: nil))
                s = i + 1
            }
            if s < r.upperBound { pieces.append(Piece(range: s..<r.upperBound, clean: Array(original[s..<r.upperBound]), edit: nil)) }
        }
        for index in standing {
            let edit = doc.edits[index]
            if cursor < edit.range.lowerBound { unchanged(cursor..<edit.range.lowerBound) }
            pieces.append(Piece(range: edit.range, clean: Array(edit.after.utf8), edit: index))
            cursor = max(cursor, edit.range.upperBound)
        }
        if cursor < original.count { unchanged(cursor..<original.count) }

        // Cut groups where both sides are at a line start.
        var rows: [Comparison.Row] = []
        var cleanOffset = 0      // bytes of clean text before the current group
        var cleanLine = 1        // clean line number at `cleanOffset`
        var group: [Piece] = []
        var origAtStart = true, cleanAtStart = true
        for piece in pieces {
            group.append(piece)
            if !piece.range.isEmpty { origAtStart = original[piece.range.upperBound - 1] == 0x0A }
            if let last = piece.clean.last { cleanAtStart = last == 0x0A }
            if origAtStart && cleanAtStart {
                let produced = rowsOf(group, cleanLine: cleanLine)
                rows += produced.rows
                cleanOffset += produced.cleanCount
                cleanLine += produced.newlines
                group.removeAll()
            }
        }
        if !group.isEmpty { rows += rowsOf(group, cleanLine: cleanLine).rows }
        return rows
    }

    /// One original line or clean paragraph: content range (trimmed) within its side.
    struct Line {
        var range: Range<Int>
        var number: Int
    }

    func rowsOf(_ group: [Piece], cleanLine: Int) -> (rows: [Comparison.Row], cleanCount: Int, newlines: Int) {
        let start = group.first!.range.lowerBound
        let end = group.map(\.range.upperBound).max()!
        // The clean side of the group, with the marked (edited) byte ranges of both sides.
        var clean: [UInt8] = []
        var cleanMarks: [Range<Int>] = []
        var origMarks: [Range<Int>] = []
        for piece in group {
            if piece.edit != nil {
                origMarks.append(piece.range)
                cleanMarks.append(clean.count..<(clean.count + piece.clean.count))
            }
            clean += piece.clean
        }
        let origLines = lines(in: start..<end, of: original).map { Line(range: $0, number: lineNumber(at: $0.lowerBound)) }
        var paraLine = cleanLine
        var paras: [Line] = []
        var s = 0
        for i in 0...clean.count where i == clean.count || clean[i] == 0x0A {
            if let r = trimmed(s..<i, of: clean) { paras.append(Line(range: r, number: paraLine)) }
            if i < clean.count { paraLine += 1 }
            s = i + 1
        }
        let newlines = clean.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }

        var rows: [Comparison.Row] = []
        var survivors: [Line] = []
        // Dropped lines keep their place among the group's rows.
        var order: [(Int, Comparison.Row?)] = []  // (survivor index or -1, dropped row)
        for line in origLines {
            if let remover = removals.first(where: { doc.edits[$0].range.lowerBound <= line.range.lowerBound && line.range.upperBound <= doc.edits[$0].range.upperBound }) {
                order.append((-1, Comparison.Row(
                    change: .dropped, originalLines: [line.number], cleanLine: nil,
                    original: [.init(text(line.range, original), changed: true)], clean: [],
                    edits: [remover], originalRange: line.range)))
            } else {
                order.append((survivors.count, nil))
                survivors.append(line)
            }
        }

        func originalSegments(_ r: Range<Int>) -> [Comparison.Segment] { segments(original, r, origMarks) }
        func cleanSegments(_ r: Range<Int>) -> [Comparison.Segment] { segments(clean, r, cleanMarks) }

        if survivors.count == paras.count {
            for (survivor, dropped) in order {
                if let dropped { rows.append(dropped); continue }
                let line = survivors[survivor], para = paras[survivor]
                let same = original[line.range].elementsEqual(clean[para.range])
                rows.append(Comparison.Row(
                    change: same ? .same : .changed, originalLines: [line.number], cleanLine: para.number,
                    original: same ? [.init(text(line.range, original), changed: false)] : originalSegments(line.range),
                    clean: same ? [.init(text(para.range, clean), changed: false)] : cleanSegments(para.range),
                    edits: same ? [] : editsTouching(line.range), originalRange: line.range))
            }
        } else if survivors.isEmpty {
            rows += order.compactMap(\.1)
            for para in paras {
                rows.append(Comparison.Row(
                    change: .inserted, originalLines: [], cleanLine: para.number, original: [],
                    clean: [.init(text(para.range, clean), changed: true)],
                    edits: editsTouching(start..<end), originalRange: start..<start))
            }
        } else {
            // Lines joined or split: one row for all the group's surviving lines.
            let whole = survivors.first!.range.lowerBound..<survivors.last!.range.upperBound
            var orig: [Comparison.Segment] = []
            for (k, line) in survivors.enumerated() {
                if k > 0 { orig.append(.init("\n", changed: false)) }
                orig += originalSegments(line.range)
            }
            var cl: [Comparison.Segment] = []
            for (k, para) in paras.enumerated() {
                if k > 0 { cl.append(.init("\n", changed: false)) }
                cl += cleanSegments(para.range)
            }
            rows += order.compactMap(\.1)
            rows.append(Comparison.Row(
                change: paras.isEmpty ? .dropped : .changed, originalLines: survivors.map(\.number),
                cleanLine: paras.first?.number, original: orig, clean: cl,
                edits: editsTouching(whole), originalRange: whole))
        }
        return (rows, clean.count, newlines)
    }

    /// Every edit (standing or absorbed later) that touches original content in `r`.
    func editsTouching(_ r: Range<Int>) -> [Int] {
        doc.edits.indices.filter {
            let e = doc.edits[$0].range
            return e.isEmpty ? (r.lowerBound < e.lowerBound && e.lowerBound < r.upperBound)
                             : (e.lowerBound < r.upperBound && r.lowerBound < e.upperBound)
        }
    }

    func lineNumber(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

/// The trimmed, non-blank lines of `bytes[r]`.
private func lines(in r: Range<Int>, of bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var s = r.lowerBound
    for i in r.lowerBound...r.upperBound where i == r.upperBound || bytes[i] == 0x0A {
        if let t = trimmed(s..<i, of: bytes) { out.append(t) }
        s = i + 1
    }
    return out
}

private func trimmed(_ r: Range<Int>, of bytes: [UInt8]) -> Range<Int>? {
    var s = r.lowerBound, e = r.upperBound
    while s < e, isASCIIWhite(bytes[s]) { s += 1 }
    while e > s, isASCIIWhite(bytes[e - 1]) { e -= 1 }
    return s < e ? s..<e : nil
}

private func isBlank(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy(isASCIIWhite) }

private func text(_ r: Range<Int>, _ bytes: [UInt8]) -> String { String(decoding: bytes[r], as: UTF8.self) }

/// `bytes[r]` as segments, with every white-space separated word that a mark touches
/// marked as changed (word-level highlighting).
private func segments(_ bytes: [UInt8], _ r: Range<Int>, _ marks: [Range<Int>]) -> [Comparison.Segment] {
    var changed = [Bool](repeating: false, count: r.count)
    for m in marks where m.lowerBound <= r.upperBound && r.lowerBound <= m.upperBound {
        // Widen the mark to whole words (an empty mark — an insertion — touches its neighbours).
        var s = max(m.lowerBound, r.lowerBound), e = min(m.upperBound, r.upperBound)
        if m.lowerBound < r.lowerBound && m.upperBound <= r.lowerBound { continue }
        if m.lowerBound >= r.upperBound && !(m.isEmpty && m.lowerBound == r.upperBound) { continue }
        while s > r.lowerBound, !isASCIIWhite(bytes[s - 1]) { s -= 1 }
        while e < r.upperBound, !isASCIIWhite(bytes[e]) { e += 1 }
        for k in s..<e { changed[k - r.lowerBound] = true }
    }
    var out: [Comparison.Segment] = []
    var s = r.lowerBound
    for i in r.lowerBound...r.upperBound where i == r.upperBound || changed[i - r.lowerBound] != changed[s - r.lowerBound] {
        if s < i { out.append(.init(text(s..<i, bytes), changed: changed[s - r.lowerBound])) }
        s = i
    }
    return out
}
