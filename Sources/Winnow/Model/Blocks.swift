/// A paragraph of the current text: one non-blank line (Winnow's canonical form has one
/// paragraph a line), with its range in the current text trimmed of surrounding spaces.
public struct Block: Sendable, Equatable {
    /// Byte range of the block's text (no leading or trailing white space).
    public var range: Range<Int>
    /// Byte range of the whole line, white space included (no line break).
    public var line: Range<Int>
    /// True when a blank line (or the start of the text) comes before this block, so it
    /// starts a new group; blocks in one group are adjacent lines of the input.
    public var startsGroup: Bool
    /// Number of white-space separated words (0 when not counted: `segmentBlocks`).
    public var words: Int
}

/// Splits text into blocks: every line holding something other than white space.
/// Lines end at `\n`, `\r\n` or `\r`.
///
/// Every stage that judges blocks splits the text again after each change, so this reads
/// eight bytes a step: line breaks are found, and words counted, with word-wide bit tests
/// (`ByteLanes`) instead of a test a byte.
/// `countingWords` false leaves `words` at 0, for callers that count words their own way
/// or not at all (the classifier, templates and corpus statistics): half the bytes read.
public func segmentBlocks(_ text: [UInt8], countingWords: Bool = true) -> [Block] {
    var blocks: [Block] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var lineStart = 0
        var sawBlank = true
        while true {
            let i = ByteLanes.nextLineBreak(buf, from: lineStart)
            // a line lineStart..<i
            var s = lineStart, e = i
            while s < e, isASCIISpace(buf[s]) { s += 1 }
            while e > s, isASCIISpace(buf[e - 1]) { e -= 1 }
            if s < e {
                blocks.append(Block(range: s..<e, line: lineStart..<i, startsGroup: sawBlank,
                                    words: countingWords ? ByteLanes.words(buf, s..<e) : 0))
                sawBlank = false
            } else if lineStart < n || i < n {
                sawBlank = true
            }
            guard i < n else { break }
            var next = i + 1
            if buf[i] == 0x0D, next < n, buf[next] == 0x0A { next += 1 }
            lineStart = next
        }
        if countingWords { countGuillemetsAsCanonicalTextWill(&blocks, buf) }
    }
    return blocks
}

/// Counts words as the cleaned output will have them. Canonical text folds French
/// guillemets together with the space inside them ("« Oui »" becomes "\"Oui\""), so a
/// guillemet standing apart is a word here and not in the output: a block a word or two
/// over a rule's `max-words` would be kept now and dropped when the output is cleaned
/// again. Each such fold takes one word off its block. Only a text holding a guillemet
/// is read again (the canonical stage's own proposals decide which ones fold).
func countGuillemetsAsCanonicalTextWill(_ blocks: inout [Block], _ buf: UnsafeBufferPointer<UInt8>) {
    guard !blocks.isEmpty, holdsGuillemet(buf) else { return }
    var b = 0
    for fold in CanonicalStage.typographyFolds(buf) where buf[fold.range].contains(where: isASCIISpace) {
        // Proposals come in text order, as the blocks do.
        while b < blocks.count - 1, blocks[b].range.upperBound <= fold.range.lowerBound { b += 1 }
        if blocks[b].range.contains(fold.range.lowerBound), blocks[b].words > 1 { blocks[b].words -= 1 }
    }
}

/// Byte tests eight bytes at a time (SWAR), each lane's answer in its high bit.
enum ByteLanes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each lane of `w` that equals `b` (exact, no carries between lanes).
    @inline(__always)
    static func equal(_ w: UInt64, _ b: UInt8) -> UInt64 {
        let v = w ^ (ones &* UInt64(b))
        return ~(((v & ~highs) &+ ~highs) | v) & highs
    }

    @inline(__always)
    static func load(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(buf.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// The offset of the first `\n` or `\r` at or after `from`, or the text's length.
    static func nextLineBreak(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = buf.count
        var i = from
        while i + 8 <= n {
            let w = load(buf, i)
            let hits = equal(w, 0x0A) | equal(w, 0x0D)
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n, buf[i] != 0x0A, buf[i] != 0x0D { i += 1 }
        return i
    }

    /// Words in `range`: runs of bytes other than space and tab.
    static func words(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var i = range.lowerBound
        // The lane before the current word's first is a space (the range's start counts as one).
        var carry: UInt64 = 0x80
        while i + 8 <= range.upperBound {
            let w = load(buf, i)
            let space = equal(w, 0x20) | equal(w, 0x09)
            let word = ~space & highs
            // A word starts where a lane is not a space and the lane before it is.
            let before = space << 8 | carry
            count += (word & before).nonzeroBitCount
            carry = space >> 56
            i += 8
        }
        var previousSpace = carry != 0
        while i < range.upperBound {
            let isSpace = isASCIISpace(buf[i])
            if !isSpace, previousSpace { count += 1 }
            previousSpace = isSpace
            i += 1
        }
        return count
    }
}

/// Space or tab (the only horizontal white space left once Unicode repair has run).
@inline(__always)
func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

/// Space, tab, line feed or carriage return.
@inline(__always)
func isASCIIWhite(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
