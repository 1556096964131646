/// `winnow diff`: a `Comparison` as text — a unified diff by paragraph, side by side, or
/// counts (`--stat`). Every hunk is headed by the rule ids (and reasons) that caused it.
///
/// The diff is by paragraph: original lines on the `-` side, clean paragraphs on the `+`
/// side; line numbers are the original's lines and the clean text's lines. Layout that
/// canonical form always changes (blank lines between paragraphs, white space at line
/// ends) is not shown as a change. Control and invisible characters are shown as
/// `\u{XX}`, so nothing in a document can drive the terminal and no change is invisible.
public struct DiffRenderer: Sendable {
    /// Colour (ANSI escapes) or plain text.
    public var color: Bool
    /// Unchanged paragraphs shown around each change.
    public var context: Int

    public init(color: Bool = false, context: Int = 1) {
        self.color = color
        self.context = max(0, context)
    }

    // MARK: - Hunks

    /// A run of changed rows with the same rules, and the unchanged rows around it.
    public struct Hunk: Sendable {
        public var rows: [Comparison.Row]
        /// The rule ids and a reason for each, in order.
        public var rules: [(rule: String, reason: String)]
    }

    public func hunks(_ c: Comparison) -> [Hunk] {
        var out: [Hunk] = []
        let rows = c.rows
        var i = 0
        var shown = 0  // rows before this index are already in a hunk: no context twice
        while i < rows.count {
            guard rows[i].change != .same else { i += 1; continue }
            let key = c.rules(of: rows[i])
            var j = i + 1
            while j < rows.count, rows[j].change != .same, c.rules(of: rows[j]) == key { j += 1 }
            let lo = max(shown, i - context)
            var before = i
            while before > lo, rows[before - 1].change == .same { before -= 1 }
            var after = j
            while after < min(rows.count, j + context), rows[after].change == .same { after += 1 }
            var reasons: [(String, String)] = []
            var seen = Set<String>()
            for row in rows[i..<j] {
                for e in row.edits where seen.insert(c.edits[e].rule).inserted {
                    reasons.append((c.edits[e].rule, c.edits[e].reason))
                }
            }
            out.append(Hunk(rows: Array(rows[before..<after]), rules: reasons))
            shown = after
            i = j
        }
        return out
    }

    // MARK: - Unified

    /// `--- ID (original)` / `+++ ID (clean)` and `@@ -L,N +M,K @@ rule: reason; …` hunks.
    /// Empty when nothing changed.
    public func unified(_ c: Comparison) -> String {
        let hs = hunks(c)
        guard !hs.isEmpty else { return "" }
        var out = paint("--- \(visible(c.documentID)) (original)", "1") + "\n"
        out += paint("+++ \(visible(c.documentID)) (clean)", "1") + "\n"
        var lastClean = 0
        for h in hs {
            out += header(h, lastClean: &lastClean) + "\n"
            for row in h.rows {
                switch row.change {
                case .same:
                    out += " " + visible(row.originalText) + "\n"
                case .dropped, .changed, .inserted:
                    for line in split(row.original) { out += paintLine("-", line, base: "31", mark: "1;97;41") }
                    for line in split(row.clean) { out += paintLine("+", line, base: "32", mark: "1;30;42") }
                }
            }
        }
        return out
    }

    private func header(_ h: Hunk, lastClean: inout Int) -> String {
        let origLines = h.rows.flatMap(\.originalLines)
        let cleanLines = h.rows.compactMap(\.cleanLine)
        let cleanCount = h.rows.reduce(0) { $0 + ($1.cleanLine == nil ? 0 : $1.cleanText.split(separator: "\n").count) }
        let o = origLines.first.map { "\($0),\(origLines.count)" } ?? "0,0"
        let m = cleanLines.first ?? lastClean
        if let last = cleanLines.last { lastClean = last }
        let rules = h.rules.map { "\($0.rule): \($0.reason)" }.joined(separator: "; ")
        return paint("@@ -\(o) +\(m),\(cleanCount) @@", "36") + " " + paint(visible(rules), "33")
    }

    private func paintLine(_ sign: String, _ segments: [Comparison.Segment], base: String, mark: String) -> String {
        guard color else { return sign + segments.map { visible($0.text) }.joined() + "\n" }
        var s = "\u{1B}[\(base)m" + sign
        for seg in segments {
            s += seg.changed ? "\u{1B}[\(mark)m" + visible(seg.text) + "\u{1B}[0;\(base)m" : visible(seg.text)
        }
        return s + "\u{1B}[0m\n"
    }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m" + s + "\u{1B}[0m" : s
    }

    // MARK: - Side by side

    /// Original on the left, clean on the right, each wrapped to fit `width` columns; a
    /// gutter mark says `<` dropped, `|` changed, `>` inserted.
    public func sideBySide(_ c: Comparison, width: Int) -> String {
        let hs = hunks(c)
        guard !hs.isEmpty else { return "" }
        let width = max(width, 21)
        let col = (width - 3) / 2
        var out = paint(fit("\(visible(c.documentID)): original | clean", width), "1") + "\n"
        var lastClean = 0
        for h in hs {
            out += fitPainted(header(h, lastClean: &lastClean), width) + "\n"
            for row in h.rows {
                let gutter: String
                switch row.change {
                case .same: gutter = " "
                case .dropped: gutter = "<"
                case .changed: gutter = "|"
                case .inserted: gutter = ">"
                }
                let left = wrap(row.original, col), right = wrap(row.clean, col)
                for k in 0..<max(left.count, right.count) {
                    let l = k < left.count ? left[k] : [], r = k < right.count ? right[k] : []
                    let lw = l.reduce(0) { $0 + displayWidth($1.text) }
                    var text = render(l, base: row.change == .same ? nil : "31", mark: "1;97;41")
                    text += String(repeating: " ", count: max(0, col - lw))
                    text += " " + (k == 0 ? paint(gutter, "36") : " ") + " "
                    text += render(r, base: row.change == .same ? nil : "32", mark: "1;30;42")
                    while text.last == " " { text.removeLast() }
                    out += text + "\n"
                }
            }
        }
        return out
    }

    private func render(_ segs: [Comparison.Segment], base: String?, mark: String) -> String {
        guard color, let base else { return segs.map(\.text).joined() }
        var s = "\u{1B}[\(base)m"
        for seg in segs { s += seg.changed ? "\u{1B}[\(mark)m" + seg.text + "\u{1B}[0;\(base)m" : seg.text }
        return s + "\u{1B}[0m"
    }

    /// Segments wrapped into lines of at most `width` display columns, at spaces where
    /// possible; text is made visible first.
    private func wrap(_ segs: [Comparison.Segment], _ width: Int) -> [[Comparison.Segment]] {
        var lines: [[Comparison.Segment]] = []
        var line: [Comparison.Segment] = []
        var used = 0
        func push(_ ch: Character, _ changed: Bool) {
            if let last = line.last, last.changed == changed { line[line.count - 1].text.append(ch) }
            else { line.append(.init(String(ch), changed: changed)) }
        }
        func newline() { lines.append(line); line = []; used = 0 }
        for seg in segs {
            let text = visible(seg.text)
            // Words with their following space, so wrapping happens between words.
            var word = ""
            func flush() {
                let w = displayWidth(word)
                if used + w > width, used > 0 { newline() }
                for ch in word {
                    let cw = displayWidth(String(ch))
                    if used + cw > width { newline() }
                    if used == 0 && ch == " " { continue }
                    push(ch, seg.changed)
                    used += cw
                }
                word = ""
            }
            for ch in text {
                if ch == "\n" { flush(); newline(); continue }
                word.append(ch)
                if ch == " " { flush() }
            }
            flush()
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private func fit(_ s: String, _ width: Int) -> String {
        var out = "", used = 0
        for ch in s {
            let w = displayWidth(String(ch))
            if used + w > width { break }
            out.append(ch)
            used += w
        }
        return out
    }

    /// Cuts a string that may hold ANSI escapes to `width` visible columns.
    private func fitPainted(_ s: String, _ width: Int) -> String {
        guard color else { return fit(s, width) }
        var out = "", used = 0, inEscape = false
        for ch in s {
            if ch == "\u{1B}" { inEscape = true }
            if inEscape { out.append(ch); if ch == "m" { inEscape = false }; continue }
            let w = displayWidth(String(ch))
            if used + w > width { continue }
            out.append(ch)
            used += w
        }
        return out + "\u{1B}[0m"
    }

    private func split(_ segs: [Comparison.Segment]) -> [[Comparison.Segment]] {
        var lines: [[Comparison.Segment]] = [[]]
        for seg in segs {
            let parts = seg.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (k, part) in parts.enumerated() {
                if k > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append(.init(String(part), changed: seg.changed)) }
            }
        }
        return segs.isEmpty ? [] : lines
    }

    // MARK: - Stat

    /// `--stat`: lines and bytes in and out, then edits, lines dropped and bytes removed
    /// by category and by rule.
    public func stat(_ c: Comparison, document: Document) -> String {
        var t = Tally()
        t.add(document, comparison: c)
        let dropped = c.rows.filter { $0.change == .dropped }.reduce(0) { $0 + $1.originalLines.count }
        let changed = c.rows.filter { $0.change == .changed }.count
        let kept = c.rows.filter { $0.change == .same }.count
        var out = paint(visible(c.documentID), "1") + "\n"
        out += "  \(dropped) lines dropped, \(changed) paragraphs changed, \(kept) unchanged; \(t.bytesIn) bytes in, \(t.bytesOut) out\n"
        out += Tally.table("category", t.byCategory)
        out += Tally.table("rule", t.byRule)
        return out
    }
}

/// Text with control and invisible characters written as `\u{XX}` (tabs too), so that a
/// document cannot send escapes to a terminal and invisible changes can be seen.
func visible(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar.value {
        case 0x0A: out.unicodeScalars.append(scalar)
        case 0x00..<0x20, 0x7F...0x9F, 0xA0, 0xAD, 0x200B...0x200F, 0x2028...0x202F, 0x2060...0x206F, 0xFEFF:
            out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Terminal columns a string takes: combining marks none, East Asian wide and emoji two.
func displayWidth(_ s: String) -> Int {
    var w = 0
    for scalar in s.unicodeScalars {
        let v = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: continue
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            w += 2
        } else {
            w += 1
        }
    }
    return w
}
