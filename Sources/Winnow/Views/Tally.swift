/// Counts by rule and by category over one document or a whole batch: how many edits
/// each rule made, how many bytes it removed, and how many original lines it dropped.
/// Drawn from the edit log (and, for dropped lines, from a `Comparison` of it).
public struct Tally: Sendable {
    public struct Counts: Sendable, Equatable {
        public var edits = 0
        /// Net bytes this rule itself took out (an edit that absorbed earlier ones is
        /// credited only with what it changed beyond them).
        public var bytesRemoved = 0
        public var droppedLines = 0
        public init() {}

        mutating func add(_ other: Counts) {
            edits += other.edits
            bytesRemoved += other.bytesRemoved
            droppedLines += other.droppedLines
        }
    }

    public var documents = 0
    public var bytesIn = 0
    public var bytesOut = 0
    public var byRule: [String: Counts] = [:]
    public var categoryOfRule: [String: String] = [:]

    public init() {}

    /// Adds a cleaned document: its edits, and the lines its comparison shows dropped.
    public mutating func add(_ document: Document, comparison: Comparison? = nil) {
        documents += 1
        bytesIn += document.original.count
        bytesOut += document.text.count
        let edits = document.edits
        var net = edits.map { $0.range.count - $0.after.utf8.count }
        for edit in edits { if let parent = edit.supersededBy { net[parent] -= edit.range.count - edit.after.utf8.count } }
        edits.forEachRuleRun { run in
            let rule = edits[run.lowerBound].rule
            var c = Counts()
            c.edits = run.count
            for i in run { c.bytesRemoved += net[i] }
            byRule[rule, default: Counts()].add(c)
            categoryOfRule[rule] = edits[run.upperBound - 1].category  // the last edit's, as before
        }
        for row in comparison?.rows ?? [] where row.change == .dropped {
            if let first = row.edits.first { byRule[edits[first].rule, default: Counts()].droppedLines += row.originalLines.count }
        }
    }

    public mutating func merge(_ other: Tally) {
        documents += other.documents
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        for (rule, c) in other.byRule { byRule[rule, default: Counts()].add(c) }
        for (rule, category) in other.categoryOfRule where categoryOfRule[rule] == nil { categoryOfRule[rule] = category }
    }

    /// Counts summed by category.
    public var byCategory: [String: Counts] {
        var out: [String: Counts] = [:]
        for (rule, c) in byRule {
            let cat = categoryOfRule[rule] ?? rule
            out[cat, default: Counts()].add(c)
        }
        return out
    }

    /// Rules (or categories) ordered by lines dropped, then bytes removed, then edits, then name.
    public static func ranked(_ counts: [String: Counts]) -> [(key: String, value: Counts)] {
        counts.sorted {
            ($0.value.droppedLines, $0.value.bytesRemoved, $0.value.edits) != ($1.value.droppedLines, $1.value.bytesRemoved, $1.value.edits)
                ? ($0.value.droppedLines, $0.value.bytesRemoved, $0.value.edits) > ($1.value.droppedLines, $1.value.bytesRemoved, $1.value.edits)
                : $0.key < $1.key
        }
    }

    /// A table: `name  edits  lines dropped  bytes removed`, one row per key.
    public static func table(_ title: String, _ counts: [String: Counts], limit: Int = .max, indent: String = "  ") -> String {
        let rows = ranked(counts).prefix(limit)
        let width = max(title.count, rows.map(\.key.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        var out = indent + pad(title, width) + "  " + lpad("edits", 7) + "  " + lpad("lines dropped", 13) + "  " + lpad("bytes removed", 13) + "\n"
        for (key, c) in rows {
            out += indent + pad(key, width) + "  " + lpad("\(c.edits)", 7) + "  " + lpad("\(c.droppedLines)", 13) + "  " + lpad("\(c.bytesRemoved)", 13) + "\n"
        }
        return out
    }
}

extension Tally {
    /// The end-of-batch summary: one line of totals, then the rules that removed most.
    /// - Parameters:
    ///   - documents: documents read, failed ones included.
    ///   - read: bytes read, `written`: bytes written (whole JSON Lines records).
    public func summary(documents: Int, failed: Int, read: Int, written: Int, seconds: Double?, top: Int = 8) -> String {
        let removed = bytesIn > 0 ? Double(bytesIn - bytesOut) / Double(bytesIn) * 100 : 0
        var out = "winnow: \(documents) documents, \(failed) failed, \(read) bytes in, \(written) bytes out"
        if let seconds { out += " in \(formatOne(seconds)) s" }
        out += "\n"
        if self.documents > 0 {
            // Short texts can grow (a final line break is added): say so rather than "-10% removed".
            let share = removed >= 0 ? "\(formatOne(removed))% removed" : "\(formatOne(-removed))% added"
            out += "  text: \(bytesIn) bytes in, \(bytesOut) out (\(share))\n"
        }
        let ranked = byRule.sorted {
            ($0.value.bytesRemoved, $0.value.edits, $1.key) > ($1.value.bytesRemoved, $1.value.edits, $0.key)
        }.prefix(top)
        guard !ranked.isEmpty else { return out }
        let width = max(4, ranked.map(\.key.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        out += "  " + pad("top rules", width) + "  " + lpad("edits", 8) + "  " + lpad("bytes removed", 13) + "\n"
        for (rule, c) in ranked {
            out += "  " + pad(rule, width) + "  " + lpad("\(c.edits)", 8) + "  " + lpad("\(c.bytesRemoved)", 13) + "\n"
        }
        return out
    }
}

private func formatOne(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
