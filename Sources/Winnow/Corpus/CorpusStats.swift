/// Corpus context for site templates: how many documents of each source contain each
/// (normalised) line. Computed in a first pass over a batch — or by `winnow stats` on
/// every worker of a distributed run and merged — then shipped read-only to the stage
/// that drops the lines a site repeats on every page.
///
/// Lines are normalised (ASCII lower case, digits folded to 0, white space collapsed)
/// and kept as 64-bit FNV-1a hashes, so the table stays small.
public struct CorpusStats: Sendable, Equatable {
    /// Documents seen per source.
    public private(set) var documents: [String: Int] = [:]
    /// Per source: line hash → number of documents containing it.
    public private(set) var lines: [String: [UInt64: Int]] = [:]

    public init() {}

    /// Counts one document's distinct lines under its source.
    public mutating func add(_ text: [UInt8], source: String) {
        documents[source, default: 0] += 1
        var seen = Set<UInt64>()
        // The source's table is taken out for the document's lines (found once, not once
        // a line, and held alone, so counting never copies it).
        var table = lines.removeValue(forKey: source) ?? [:]
        for block in segmentBlocks(text, countingWords: false) {
            let h = lineHash(text, block.range)
            if seen.insert(h).inserted { table[h, default: 0] += 1 }
        }
        lines[source] = table
    }

    /// Adds another worker's counts (counts are sums, so merging is order-free).
    public mutating func merge(_ other: CorpusStats) {
        for (s, n) in other.documents { documents[s, default: 0] += n }
        for (s, table) in other.lines {
            var mine = lines[s] ?? [:]
            for (h, n) in table { mine[h, default: 0] += n }
            lines[s] = mine
        }
    }

    /// Drops lines seen fewer than `minDocuments` times, which can never be templates:
    /// keeps shipped statistics small.
    public func pruned(minDocuments: Int) -> CorpusStats {
        var out = self
        out.lines = lines.mapValues { $0.filter { $0.value >= minDocuments } }.filter { !$0.value.isEmpty }
        return out
    }

    /// How many documents of `source` contain the line `text[range]`.
    public func documents(containing text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, source: String) -> Int {
        lineCounts(of: source).documents(containing: text, range)
    }

    /// The counts of one source's lines, to look up a document's lines with (the source is
    /// found once, not once a line).
    public func lineCounts(of source: String) -> SourceLines { SourceLines(counts: lines[source] ?? [:]) }

    /// Documents containing each line, for one source.
    public struct SourceLines: Sendable {
        let counts: [UInt64: Int]

        /// How many documents of the source contain the line `text[range]`.
        public func documents(containing text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            counts[lineHash(text, range)] ?? 0
        }
    }

    public func documents(containing text: [UInt8], _ range: Range<Int>, source: String) -> Int {
        text.withUnsafeBufferPointer { documents(containing: $0, range, source: source) }
    }

    // MARK: - Text form

    /// One record a line, tab-separated: `D source count` for document counts and
    /// `L source hash count` for lines (hash in hex). Sources are escaped of tabs and
    /// line breaks. Sorted, so equal statistics give equal bytes.
    public func serialized() -> String {
        var out = ""
        for (s, n) in documents.sorted(by: { $0.key < $1.key }) { out += "D\t\(escape(s))\t\(n)\n" }
        for (s, table) in lines.sorted(by: { $0.key < $1.key }) {
            for (h, n) in table.sorted(by: { $0.key < $1.key }) {
                out += "L\t\(escape(s))\t\(String(h, radix: 16))\t\(n)\n"
            }
        }
        return out
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the text form; records of several files may simply be concatenated (they add up).
    public static func parse(_ text: String, source name: String) throws -> CorpusStats {
        var stats = CorpusStats()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            func bad() -> Invalid { Invalid(description: "\(name):\(i + 1): not a statistics record") }
            switch f.first {
            case "D":
                guard f.count == 3, let n = Int(f[2]) else { throw bad() }
                stats.documents[unescape(String(f[1])), default: 0] += n
            case "L":
                guard f.count == 4, let h = UInt64(f[2], radix: 16), let n = Int(f[3]) else { throw bad() }
                stats.lines[unescape(String(f[1])), default: [:]][h, default: 0] += n
            default:
                throw bad()
            }
        }
        return stats
    }
}

private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
        .replacingOccurrences(of: "\n", with: "\\n")
}

private func unescape(_ s: String) -> String {
    var out = ""
    var it = s.makeIterator()
    while let c = it.next() {
        guard c == "\\", let n = it.next() else { out.append(c); continue }
        out.append(n == "t" ? "\t" : n == "n" ? "\n" : n)
    }
    return out
}

/// FNV-1a over the normalised line: ASCII folded to lower case, digits to 0, runs of
/// white space to one space (the block range is already trimmed).
@inline(__always)
func lineHash(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var h: UInt64 = 0xcbf29ce484222325
    var space = false
    for i in range {
        var b = text[i]
        if b == 0x20 || b == 0x09 {
            space = true
            continue
        }
        if space {
            h = (h ^ 0x20) &* 0x100000001b3
            space = false
        }
        if b >= 0x41, b <= 0x5A { b |= 0x20 } else if b >= 0x30, b <= 0x39 { b = 0x30 }
        h = (h ^ UInt64(b)) &* 0x100000001b3
    }
    return h
}

func lineHash(_ text: [UInt8], _ range: Range<Int>) -> UInt64 {
    text.withUnsafeBufferPointer { lineHash($0, range) }
}
