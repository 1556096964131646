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
    /// Number of white-space separated words.
    public var words: Int
}

/// Splits text into blocks: every line holding something other than white space.
/// Lines end at `\n`, `\r\n` or `\r`.
public func segmentBlocks(_ text: [UInt8]) -> [Block] {
    var blocks: [Block] = []
    var lineStart = 0
    var sawBlank = true
    let n = text.count
    text.withUnsafeBufferPointer { buf in
        var i = 0
        while i <= n {
            if i == n || buf[i] == 0x0A || buf[i] == 0x0D {
                // a line lineStart..<i
                var s = lineStart, e = i
                while s < e, isASCIISpace(buf[s]) { s += 1 }
                while e > s, isASCIISpace(buf[e - 1]) { e -= 1 }
                if s < e {
                    var words = 0
                    var inWord = false
                    for k in s..<e {
                        if isASCIISpace(buf[k]) { inWord = false } else if !inWord { inWord = true; words += 1 }
                    }
                    blocks.append(Block(range: s..<e, line: lineStart..<i, startsGroup: sawBlank, words: words))
                    sawBlank = false
                } else if lineStart < n || i < n {
                    sawBlank = true
                }
                if i < n, buf[i] == 0x0D, i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
                lineStart = i + 1
            }
            i += 1
        }
    }
    return blocks
}

/// Space or tab (the only horizontal white space left once Unicode repair has run).
@inline(__always)
func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

/// Space, tab, line feed or carriage return.
@inline(__always)
func isASCIIWhite(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
