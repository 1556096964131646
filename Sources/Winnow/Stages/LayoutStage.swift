/// Undoes line layout that a scraper kept from the page: words hyphenated across a line
/// break ("recom-\nmended") and paragraphs hard-wrapped at a fixed width. Later stages see
/// a line as a block, so a paragraph broken into six lines would otherwise be judged as
/// six short blocks.
///
/// Both repairs are conservative. A hyphen at a line's end is dropped only when the joined
/// word is a word (the English word list, or the same document using it whole); otherwise
/// the lines are joined and the hyphen kept ("state-\nowned" → "state-owned"). Lines are
/// unwrapped only in a document that is wrapped as a whole: lines no longer than a width
/// of at most `maxWidth` characters, most of which were broken because the next word would
/// not fit (the mark of greedy wrapping). Scraped articles with one paragraph a line have
/// lines far longer than any wrap width and are left alone.
final class LayoutStage: Stage {
    let name = "layout"
    var role: StageRole { .joinsLines }

    /// The widest wrap recognised (characters); text wrapped for e-mail or terminals is 60–80.
    static let maxWidth = 140
    /// Share of adjacent line pairs that must look greedily wrapped, and how many at least.
    static let wrappedShare = 0.6
    static let minWrappedPairs = 3

    private struct Line {
        var start: Int      // first byte of the content (leading spaces skipped)
        var end: Int        // after the last non-space byte
        var length: Int     // characters of content
        var blank: Bool { start == end }
    }

    func run(_ document: inout Document) {
        let text = document.text
        guard text.contains(0x0A) else { return }
        let lines = Self.lines(text)
        let width = lines.map(\.length).max() ?? 0
        var pairs: [Int] = []   // i where lines i and i + 1 are both non-blank
        for i in 0..<(lines.count - 1) where !lines[i].blank && !lines[i + 1].blank { pairs.append(i) }
        guard !pairs.isEmpty else { return }

        let greedy = pairs.filter { Self.brokenForWidth(lines[$0], next: lines[$0 + 1], text: text, width: width) }
        let wrapped = width <= Self.maxWidth && greedy.count >= Self.minWrappedPairs
            && Double(greedy.count) >= Self.wrappedShare * Double(pairs.count)
        let greedySet = Set(greedy)

        var proposals: [ProposedEdit] = []
        var wholeWords: Set<[UInt8]>?
        for i in pairs {
            let line = lines[i], next = lines[i + 1]
            let gap = line.end..<next.start
            if let hyphen = Self.wordBreakHyphen(line, next: next, text: text) {
                wholeWords = wholeWords ?? Self.words(text)
                let joined = Self.lowercased(Array(text[hyphen.head..<hyphen.at]) + Array(text[next.start..<hyphen.tailEnd]))
                let isWord = wholeWords!.contains(joined) || (WordIndex.shared?.isKnown(joined) ?? false)
                if isWord {
                    proposals.append(ProposedEdit(range: hyphen.at..<next.start, replacement: [], rule: "layout.hyphenation",
                                                  category: "layout", kind: .delete,
                                                  reason: "a word hyphenated across a line break, joined (\"\(String(decoding: joined, as: UTF8.self))\" is a word)"))
                } else {
                    proposals.append(ProposedEdit(range: gap, replacement: [], rule: "layout.hyphenation",
                                                  category: "layout", kind: .delete,
                                                  reason: "a hyphenated compound broken across lines, joined with its hyphen"))
                }
            } else if wrapped, greedySet.contains(i), !Self.startsListItem(next, text: text), text[line.end - 1] != 0x3A {
                proposals.append(ProposedEdit(range: gap, replacement: [0x20], rule: "layout.hard-wrap",
                                              category: "layout", kind: .replace,
                                              reason: "a paragraph hard-wrapped at \(width) characters, joined"))
            }
        }
        document.apply(proposals, stage: name)
    }

    private static func lines(_ text: [UInt8]) -> [Line] {
        var out: [Line] = []
        var i = 0
        let n = text.count
        while i <= n {
            var e = i
            while e < n, text[e] != 0x0A { e += 1 }
            var s = i, t = e
            while s < t, text[s] == 0x20 || text[s] == 0x09 || text[s] == 0x0D { s += 1 }
            while t > s, text[t - 1] == 0x20 || text[t - 1] == 0x09 || text[t - 1] == 0x0D { t -= 1 }
            var length = 0
            for k in s..<t where text[k] & 0xC0 != 0x80 { length += 1 }
            out.append(Line(start: s, end: t, length: length))
            i = e + 1
        }
        return out
    }

    /// True when `line` ends where a greedy wrap at `width` had to break: the next line's
    /// first word would not have fitted after it.
    private static func brokenForWidth(_ line: Line, next: Line, text: [UInt8], width: Int) -> Bool {
        var k = next.start, firstWord = 0
        while k < next.end, text[k] != 0x20 {
            if text[k] & 0xC0 != 0x80 { firstWord += 1 }
            k += 1
        }
        return line.length * 2 >= width && line.length + 1 + firstWord > width
    }

    /// A hyphen that breaks a word: the line ends in letter + "-", the next starts with a
    /// lowercase letter. Returns the hyphen's offset, where the word's head starts, and
    /// where its tail (on the next line) ends.
    private static func wordBreakHyphen(_ line: Line, next: Line, text: [UInt8]) -> (at: Int, head: Int, tailEnd: Int)? {
        let at = line.end - 1
        guard at > line.start, text[at] == 0x2D, isLetterByte(text[at - 1]), startsLowercase(next, text: text) else { return nil }
        var head = at
        while head > line.start, isLetterByte(text[head - 1]) { head -= 1 }
        var tailEnd = next.start
        while tailEnd < next.end, isLetterByte(text[tailEnd]) { tailEnd += 1 }
        // Both sides must be words, not pieces of a URL, a file name or a code.
        var tokenStart = head
        while tokenStart > line.start, text[tokenStart - 1] != 0x20 {
            guard isLetterByte(text[tokenStart - 1]) || text[tokenStart - 1] == 0x2D else { return nil }
            tokenStart -= 1
        }
        var tokenEnd = tailEnd
        while tokenEnd < next.end, text[tokenEnd] != 0x20 {
            guard isLetterByte(text[tokenEnd]) || isWordEnd(text[tokenEnd]) else { return nil }
            tokenEnd += 1
        }
        return (at, head, tailEnd)
    }

    /// ASCII letters and every byte of a non-ASCII character (good enough to find the ends
    /// of a word; whether it is one is decided on the joined word).
    @inline(__always)
    private static func isLetterByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80
    }

    /// What may follow a word's letters within its token: hyphens and sentence punctuation
    /// (not "/", "_", digits).
    @inline(__always)
    private static func isWordEnd(_ b: UInt8) -> Bool {
        b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x29 || b == 0x22 || b == 0x27
            || b == 0x2E || b == 0x2D
    }

    private static func startsLowercase(_ line: Line, text: [UInt8]) -> Bool {
        let slice = text[line.start..<min(line.end, line.start + 4)]
        guard let scalar = String(decoding: slice, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isLowercase
    }

    private static func startsListItem(_ line: Line, text: [UInt8]) -> Bool {
        let b = text[line.start]
        if b == 0x2D || b == 0x2A || b == 0x2B || b == 0x3E { return true }             // - * + >
        if b == 0xE2, line.start + 2 < line.end, text[line.start + 1] == 0x80, text[line.start + 2] == 0xA2 { return true }  // •
        var k = line.start
        while k < line.end, text[k] >= 0x30, text[k] <= 0x39 { k += 1 }
        return k > line.start && k < line.end && (text[k] == 0x2E || text[k] == 0x29)  // "1." "2)"
    }

    /// Every word of the document, lowercased (ASCII case folded), as evidence that a
    /// joined form is a word here even where no word list has it.
    private static func words(_ text: [UInt8]) -> Set<[UInt8]> {
        var out = Set<[UInt8]>()
        var i = 0
        while i < text.count {
            guard isLetterByte(text[i]) else { i += 1; continue }
            let s = i
            while i < text.count, isLetterByte(text[i]) { i += 1 }
            out.insert(lowercased(Array(text[s..<i])))
        }
        return out
    }

    private static func lowercased(_ word: [UInt8]) -> [UInt8] {
        word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}
