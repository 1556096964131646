/// Cuts plain text into documents at lines equal to a separator, as the bytes arrive, so
/// a stream of documents is cleaned one read at a time instead of after its end.
///
/// Every line (the last one too, even empty) goes to the document it is in with a line
/// break after it; a separator line only ends one document and begins the next, so N
/// separator lines always give N + 1 documents (a separator line may end in a carriage
/// return, as in CRLF text). Bytes are passed through as they came
/// (invalid UTF-8 is the decode stage's to repair and report).
public struct DocumentSplitter {
    private let mark: [UInt8]
    /// Bytes whose line is not complete yet.
    private var pending: [UInt8] = []
    /// Bytes at the start of `pending` known to hold no line break (a very long line is
    /// searched once, not on every read).
    private var scanned = 0
    /// The complete lines of the document being read.
    private var current: [UInt8] = []

    public init(separator: String) {
        mark = Array(separator.utf8)
    }

    /// Adds the next bytes of the input; returns the documents they complete, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        pending += bytes
        guard let last = pending[scanned...].lastIndex(of: 0x0A).map({ $0 + 1 }) else {
            scanned = pending.count
            return []
        }
        let done = cut(upTo: last, final: false)
        pending.removeSubrange(0..<last)
        scanned = 0
        return done
    }

    /// The end of the input: returns the documents left, the last one always.
    public mutating func finish() -> [[UInt8]] {
        var done = cut(upTo: pending.count, final: true)
        pending = []
        scanned = 0
        done.append(current)
        current = []
        return done
    }

    /// The whole of `bytes`, cut.
    public static func split(_ bytes: [UInt8], separator: String) -> [[UInt8]] {
        var splitter = DocumentSplitter(separator: separator)
        return splitter.feed(bytes) + splitter.finish()
    }

    /// Takes the lines of `pending[..<end]` (`end` just after a line break, or, when
    /// `final`, the end of the input, whose last line may be empty).
    private mutating func cut(upTo end: Int, final: Bool) -> [[UInt8]] {
        var done: [[UInt8]] = []
        var i = 0
        while i < end || (final && i == end) {
            let lineEnd = pending[i..<end].firstIndex(of: 0x0A) ?? end
            let line = pending[i..<lineEnd]
            if line.elementsEqual(mark) || (line.last == 0x0D && line.dropLast().elementsEqual(mark)) {
                done.append(current)
                current = []
            } else {
                current += pending[i..<lineEnd]
                current.append(0x0A)
            }
            i = lineEnd + 1
        }
        return done
    }
}
