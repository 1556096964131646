import Foundation
import Winnow

/// A scratch file that holds what is too long to hold in memory, deleted as soon as it
/// is open (nothing is left behind, even after a kill).
final class Spool {
    private let fd: Int32
    let out: Output

    init?() {
        var template = Array((NSTemporaryDirectory() + "/winnow-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
        out = Output(fd: fd)
    }

    /// Copies the bytes written at offsets `range` (all of them by default) to `sink`, a
    /// read's worth at a time, each read passed through `transform` first.
    func copy(_ range: Range<Int>? = nil, to sink: Output, _ transform: ([UInt8]) -> [UInt8] = { $0 }) {
        out.flush()
        lseek(fd, off_t(range?.lowerBound ?? 0), SEEK_SET)
        var left = range?.count ?? Int.max
        while left > 0, let chunk = try? Input.readSome(fd: fd, upTo: min(left, 1 << 20)), !chunk.isEmpty {
            sink.write(transform(chunk))
            left -= chunk.count
        }
    }

    deinit { close(fd) }
}

/// A JSON string's escape of bytes that arrive in pieces, read as UTF-8 the way
/// `String(decoding:as:)` reads the whole (a bad sequence becomes U+FFFD), whatever
/// the cuts between pieces.
struct TextEscaper {
    private var carry: [UInt8] = []

    mutating func escape(_ piece: [UInt8]) -> [UInt8] {
        var bytes = carry + piece
        // Hold back a sequence the piece may have cut short (a lead byte and fewer
        // continuation bytes than it needs).
        var k = bytes.count
        while k > 0, k > bytes.count - 3, bytes[k - 1] & 0xC0 == 0x80 { k -= 1 }
        if k > 0 {
            let lead = bytes[k - 1]
            let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if lead >= 0xC0, bytes.count - (k - 1) < need { k -= 1 } else { k = bytes.count }
        } else {
            k = bytes.count
        }
        carry = Array(bytes[k...])
        bytes.removeSubrange(k...)
        return Self.escaped(bytes)
    }

    mutating func finish() -> [UInt8] {
        defer { carry = [] }
        return carry.isEmpty ? [] : Self.escaped(carry)
    }

    private static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        encodeJSONStringContents(Array(String(decoding: bytes, as: UTF8.self).utf8))
    }
}

extension Batch {
    /// Cleans the JSON Lines record whose line starts with `head` (already past
    /// `LongRecordReader.threshold` bytes) as the rest of it is read from `fd`, in bounded
    /// memory (`LongRecordCleaner`): the clean text, its other long strings, and the raw
    /// line in case the record is rejected, wait in scratch files until its line is read
    /// to the end. Returns the bytes read after the line, the line's length (line break
    /// included), and whether the input ended.
    mutating func cleanLongRecord(fd: Int32, head: [UInt8], number: Int, source: String,
                                  out: Output, rejects: RejectSink) -> (rest: [UInt8], length: Int, eof: Bool) {
        let where_ = "\(source):\(number)"
        guard let text = Spool(), let raw = Spool(), let fields = Spool() else {
            Diagnostics.error(where_, "record too long to hold, and no scratch file could be made (\(String(cString: strerror(errno))))")
            stats.documents += 1
            stats.failed += 1
            report?.failed += 1
            let skipped = skipLine(fd: fd, head: head)
            stats.bytesIn += skipped.length
            return skipped
        }
        let cleaner = self.cleaner.firstCleaner
        let long = LongRecordCleaner(cleaner: cleaner, id: where_, source: sourceName ?? source,
                                     spill: { fields.out.write($0) }, writeText: { text.out.write($0) })
        var problem: String?
        var next = head
        var length = 0
        var rest: [UInt8] = []
        var eof = false
        while true {
            let end = next.firstIndex(of: 0x0A)
            var line = next[..<(end ?? next.count)]
            length += line.count
            if end != nil, line.last == 0x0D { line = line.dropLast() }  // a CRLF line end
            // A read's worth at a time (the head is longer): memory holds one slice's copies.
            var from = line.startIndex
            while from < line.endIndex {
                let slice = line[from..<min(from + Batch.readChunk, line.endIndex)]
                from = slice.endIndex
                raw.out.write(Array(slice))
                guard problem == nil else { continue }
                do {
                    for doc in try long.feed(slice) { record(views.of(doc)) }
                } catch {
                    problem = "\(error)"
                }
            }
            if let end {
                rest = Array(next[(end + 1)...])
                length += 1
                break
            }
            if Interrupt.requested { return ([], length, true) }
            next = readSome(fd: fd)
            if next.isEmpty { eof = true; break }
        }
        stats.documents += 1
        stats.bytesIn += length
        var finished: (record: JSONRecord, winnow: String, documents: [Document])?
        if problem == nil {
            do { finished = try long.finish() } catch { problem = "\(error)" }
        }
        // A scratch file that could not be written holds less than the record: none of it goes out.
        text.out.flush()
        raw.out.flush()
        fields.out.flush()
        if let failure = text.out.failed ?? raw.out.failed ?? fields.out.failed {
            Diagnostics.error(where_, "record too long to hold, and its scratch file could not be written (\(failure))")
            stats.failed += 1
            report?.failed += 1
            return (rest, length, eof)
        }
        if let finished {
            for doc in finished.documents { record(views.of(doc)) }
            let start = out.position
            for piece in long.pieces(of: finished.record, winnow: finished.winnow) {
                switch piece {
                case .bytes(let bytes): out.write(bytes)
                case .text:
                    out.write([0x22])
                    text.copy(to: out)
                    out.write([0x22])
                case .spilled(let range): fields.copy(range, to: out)
                }
            }
            out.write([0x0A])
            out.flush()
            stats.bytesOut += out.position - start
        } else {
            let problem = problem ?? "not valid JSON"
            Diagnostics.error(where_, problem)
            rejects.writeStreamed(source: source, line: number, error: problem) { sink in
                var escaper = TextEscaper()
                raw.copy(to: sink) { escaper.escape($0) }
                sink.write(escaper.finish())
            }
            stats.failed += 1
            report?.failed += 1
        }
        Progress.current?.advance(bytes: length, documents: 1)
        return (rest, length, eof)
    }

    /// Reads past the rest of a line that cannot be cleaned.
    private func skipLine(fd: Int32, head: [UInt8]) -> (rest: [UInt8], length: Int, eof: Bool) {
        var next = head
        var length = 0
        while true {
            if let end = next.firstIndex(of: 0x0A) { return (Array(next[(end + 1)...]), length + end + 1, false) }
            length += next.count
            next = readSome(fd: fd)
            if next.isEmpty { return ([], length, true) }
        }
    }
}
