/// Cuts one very long plain-text document into parts of about a megabyte, as its bytes
/// arrive, so that it is cleaned in bounded memory: the pipeline's working set is a small
/// multiple of what it cleans at once, and a document of gigabytes would not fit.
///
/// Documents up to `wholeUpTo` bytes (every article) are one part, cleaned whole. Past
/// that, each part ends at the last blank line before `partSize`, else the last line
/// break, else the last space, else a character boundary; a part's clean text then joins
/// the next as a paragraph break, a space, or directly (`PartJoiner`). Rules that reach
/// over several blocks and the document-wide statistics (its language, the classifier's
/// document guard, typo repair's counts) see one part at a time. UTF-16 input is never
/// cut (a line break is not a byte there).
public struct DocumentParts {
    public static let wholeUpTo = 4 << 20
    public static let partSize = 1 << 20

    /// How a part's text meets the next part's.
    public enum Joint: Int, Comparable, Sendable {
        case direct, space, paragraph
        public static func < (a: Joint, b: Joint) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Part: Sendable {
        public var bytes: [UInt8]
        /// How it meets the next part (`.paragraph` for the last).
        public var joint: Joint
    }

    private var pending: [UInt8] = []
    private var cutting = false
    private var neverCut = false
    private let wholeUpTo: Int
    private let partSize: Int

    public init() { self.init(wholeUpTo: DocumentParts.wholeUpTo, partSize: DocumentParts.partSize) }

    /// Smaller limits, for tests.
    init(wholeUpTo: Int, partSize: Int) {
        self.wholeUpTo = wholeUpTo
        self.partSize = partSize
    }

    /// Whether the document has been cut (more than one part).
    public var isCut: Bool { cutting }

    /// Adds the next bytes; returns the parts they complete (none while the document is
    /// still short enough to be cleaned whole).
    public mutating func feed(_ bytes: [UInt8]) -> [Part] {
        pending += bytes
        if !cutting, !neverCut, pending.count > wholeUpTo {
            let bom = pending.count >= 2 && ((pending[0] == 0xFF && pending[1] == 0xFE) || (pending[0] == 0xFE && pending[1] == 0xFF))
            if bom || InputCheck.utf16ByteOrder(pending) != nil { neverCut = true } else { cutting = true }
        }
        guard cutting else { return [] }
        var parts: [Part] = []
        var start = 0
        while pending.count - start > partSize {
            let (end, joint) = cut(from: start)
            parts.append(Part(bytes: Array(pending[start..<end]), joint: joint))
            start = end
        }
        pending.removeSubrange(0..<start)
        return parts
    }

    /// The end of the document: the last part (the whole document if it was never cut).
    public mutating func finish() -> [Part] {
        defer { pending = [] }
        return [Part(bytes: pending, joint: .paragraph)]
    }

    /// Where the part that starts at `start` ends, and how it meets the next.
    private func cut(from start: Int) -> (Int, Joint) {
        let limit = start + partSize, floor = start + partSize / 2
        var i = limit
        while i > floor {  // a blank line
            if pending[i - 1] == 0x0A, pending[i - 2] == 0x0A { return (i, .paragraph) }
            i -= 1
        }
        i = limit
        while i > floor {
            if pending[i - 1] == 0x0A { return (i, .paragraph) }
            i -= 1
        }
        i = limit
        while i > floor {
            if pending[i - 1] == 0x20 { return (i, .space) }
            i -= 1
        }
        i = limit
        while i > start + 1, pending[i] & 0xC0 == 0x80 { i -= 1 }  // not inside a character
        return (i, .direct)
    }
}

/// Puts the clean texts of a document's parts back together as one canonical text: each
/// part's final line break is held back until the next part with text shows how they
/// meet (a blank line, a space, or nothing), and written at the end.
public struct PartJoiner {
    private var started = false
    private var gap = DocumentParts.Joint.direct

    public init() {}

    /// The bytes to write for the next part's clean text, given how that part meets the one after it.
    public mutating func add(_ text: [UInt8], joint: DocumentParts.Joint) -> [UInt8] {
        var body = text[...]
        if body.last == 0x0A { body = body.dropLast() }
        guard !body.isEmpty else {
            gap = max(gap, joint)
            return []
        }
        var out: [UInt8] = []
        if started {
            switch gap {
            case .paragraph: out = [0x0A, 0x0A]
            case .space: out = [0x20]
            case .direct: break
            }
        }
        out += body
        started = true
        gap = joint
        return out
    }

    /// The end: the held-back final line break.
    public mutating func finish() -> [UInt8] {
        started ? [0x0A] : []
    }
}

extension Cleaner {
    /// Cleans a document's text whole, or, when it is too long to clean whole
    /// (`DocumentParts`), part by part on this thread, joined as `PartJoiner` joins them;
    /// the parts are cut from the text a read's worth at a time, so only one is held.
    /// Returns the documents cleaned (one, or one per part, "ID part K") and the clean text.
    public func cleanInParts(id: String, bytes: [UInt8], source: String?,
                             metadata: [(key: String, json: String)] = []) -> (documents: [Document], text: [UInt8]) {
        func cleaned(_ id: String, _ bytes: [UInt8], _ metadata: [(key: String, json: String)]) -> Document {
            var doc = Document(id: id, bytes: bytes, metadata: metadata)
            doc.source = source
            clean(&doc)
            return doc
        }
        guard bytes.count > DocumentParts.wholeUpTo else {
            let doc = cleaned(id, bytes, metadata)
            return ([doc], doc.text)
        }
        var cutter = DocumentParts()
        var joiner = PartJoiner()
        var documents: [Document] = []
        var text: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + DocumentParts.partSize, bytes.count)
            var parts = cutter.feed(Array(bytes[start..<end]))
            start = end
            if start == bytes.count { parts += cutter.finish() }
            guard cutter.isCut else { continue }
            for part in parts {
                let doc = cleaned("\(id) part \(documents.count + 1)", part.bytes, [])
                text += joiner.add(doc.text, joint: part.joint)
                documents.append(doc)
            }
        }
        guard cutter.isCut else {  // never cut (UTF-16): whole after all
            let doc = cleaned(id, bytes, metadata)
            return ([doc], doc.text)
        }
        return (documents, text + joiner.finish())
    }
}
