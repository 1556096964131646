import Foundation

/// Where the `requires` literals occur in one document, found in one pass over it (on
/// the first question about the document), so that each block, prefix or suffix check is
/// a binary search instead of a scan per literal. Case is ignored as `CaseFold` folds it
/// (ASCII letters and every letter whose fold keeps its length): same answer as
/// `containsIgnoringCase` on the same range.
struct LiteralIndex {
    /// Distinct literals, folded (`CaseFold.literal`), as bytes.
    private(set) var literals: [[UInt8]] = []
    private var ids: [[UInt8]: Int] = [:]
    /// The literals as one automaton; nil after `id` adds one, made again on the next scan.
    private var automaton: LiteralAutomaton?
    /// Every occurrence of every literal in the document, by literal: the start offsets of
    /// literal `i` are `positions[occStart[i]..<occStart[i + 1]]`, sorted (overlapping ones too).
    private var positions: [Int32] = [], occStart: [Int32] = []
    /// The scan's hits in text order, before they are grouped by literal, and those of the
    /// second half of the text while it is scanned (see `LiteralAutomaton.scan`).
    private var hits: [(id: Int32, at: Int32)] = [], laterHits: [(id: Int32, at: Int32)] = []
    private var built = false
    /// The literals that lie wholly in the range last given to `mark`, as bits, and their
    /// numbers (to clear them); and those of them that start where the range starts.
    private var marked: [UInt64] = [], markedIDs: [Int32] = []
    private var markedAtStart: [UInt64] = [], markedStartIDs: [Int32] = []

    /// The number of `literal` (not empty), adding it if new; literals that differ only
    /// in case are one.
    mutating func id(_ literal: [UInt8]) -> Int {
        let literal = CaseFold.literal(literal)
        if let id = ids[literal] { return id }
        let id = literals.count
        ids[literal] = id
        literals.append(literal)
        automaton = nil
        return id
    }

    /// Forgets the previous document.
    mutating func reset() {
        built = false
    }

    /// True when `ids` is empty or `text[range]` contains one of those literals,
    /// ignoring case (`CaseFold`).
    @inline(__always)
    mutating func mayMatch(_ ids: [Int], _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if ids.isEmpty { return true }
        if !built { build(text) }
        // Offsets are kept as Int32: a text of 2 GiB or more is scanned range by range.
        if text.count >= Int(Int32.max) { return ids.contains { containsIgnoringCase(text, range, literals[$0]) } }
        for id in ids where contains(id, range) { return true }
        return false
    }

    /// `mayMatch(set.ids, text, range)`.
    @inline(__always)
    mutating func mayMatch(_ set: LiteralSet, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        mayMatch(set.ids, text, range)
    }

    /// Notes which literals lie wholly in `text[range]`, so that `markedAny` answers
    /// `mayMatch` for that range with a bit test per literal: a block is asked about by
    /// every block rule, each with its own literals, and the hits in one block are few.
    /// False when the index cannot (a text of 2 GiB or more): ask `mayMatch` then.
    mutating func mark(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if !built { build(text) }
        guard text.count < Int(Int32.max) else { return false }
        for id in markedIDs { marked[Int(id) >> 6] = 0; markedAtStart[Int(id) >> 6] = 0 }
        markedIDs.removeAll(keepingCapacity: true)
        markedStartIDs.removeAll(keepingCapacity: true)
        let words = (literals.count + 63) >> 6
        if marked.count < words {
            marked = [UInt64](repeating: 0, count: words)
            markedAtStart = marked
        }
        // The scan's hits are in the order they end: the first that ends inside the range.
        @inline(__always) func end(_ h: (id: Int32, at: Int32)) -> Int { Int(h.at) + literals[Int(h.id)].count }
        var lo = 0, hi = hits.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if end(hits[mid]) <= range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        while lo < hits.count, end(hits[lo]) <= range.upperBound {
            let h = hits[lo]
            if Int(h.at) >= range.lowerBound {
                marked[Int(h.id) >> 6] |= 1 << UInt64(h.id & 63)
                if Int(h.at) == range.lowerBound {
                    markedAtStart[Int(h.id) >> 6] |= 1 << UInt64(h.id & 63)
                    markedStartIDs.append(h.id)
                }
                markedIDs.append(h.id)
            }
            lo += 1
        }
        return true
    }

    /// `mayMatch(ids, text, range)` for the range last marked.
    @inline(__always)
    func markedAny(_ ids: [Int]) -> Bool { Self.any(LiteralSet(ids: ids), in: marked, hits: markedIDs) }

    /// True when `ids` is empty or the range last marked starts with one of those literals.
    @inline(__always)
    func markedAnyAtStart(_ ids: [Int]) -> Bool { Self.any(LiteralSet(ids: ids), in: markedAtStart, hits: markedStartIDs) }

    /// `markedAny(set.ids)`, read from whichever is shorter: the set's literals, or the
    /// hits in the range last marked (most blocks hold a few, while a rule may name
    /// hundreds of literals: a menu's words).
    @inline(__always)
    func markedAny(_ set: LiteralSet) -> Bool { Self.any(set, in: marked, hits: markedIDs) }

    /// `markedAnyAtStart(set.ids)`, read the same way.
    @inline(__always)
    func markedAnyAtStart(_ set: LiteralSet) -> Bool { Self.any(set, in: markedAtStart, hits: markedStartIDs) }

    /// True when `set` is empty or one of its literals is among `bits` (the marked ones,
    /// whose numbers are `hits`): the set's list is read when it is the shorter (or has
    /// no bits), else the hits are looked up in the set's bits.
    @inline(__always)
    private static func any(_ set: LiteralSet, in bits: [UInt64], hits: [Int32]) -> Bool {
        if set.ids.isEmpty { return true }
        if set.bits.isEmpty || set.ids.count <= hits.count {
            for id in set.ids where bits[id >> 6] & (1 << UInt64(id & 63)) != 0 { return true }
            return false
        }
        for id in hits where set.holds(id) { return true }
        return false
    }

    /// The set of these literal numbers (all below `literals.count`). A set of a few is
    /// read as its list (no bits: a stage keeps one set per rule and pattern per worker).
    func set(_ ids: [Int]) -> LiteralSet {
        var bits = [UInt64](repeating: 0, count: ids.count <= LiteralSet.fewIDs ? 0 : (literals.count + 63) >> 6)
        guard !bits.isEmpty else { return LiteralSet(ids: ids, bits: []) }
        for id in ids { bits[id >> 6] |= 1 << UInt64(id & 63) }
        return LiteralSet(ids: ids, bits: bits)
    }

    private func contains(_ id: Int, _ range: Range<Int>) -> Bool {
        let n = literals[id].count
        guard n <= range.count else { return false }
        // First occurrence starting at or after the range's start.
        var lo = Int(occStart[id]), hi = Int(occStart[id + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(positions[mid]) < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < end && Int(positions[lo]) + n <= range.upperBound
    }

    private mutating func build(_ text: UnsafeBufferPointer<UInt8>) {
        built = true
        hits.removeAll(keepingCapacity: true)
        let n = text.count
        if n > 0, n < Int(Int32.max) {
            if automaton == nil { automaton = LiteralAutomaton.shared(literals) }
            // Folding keeps every character's length: hits in the folded text are hits in the text.
            if let folded = CaseFold.folded(text) {
                folded.withUnsafeBufferPointer { automaton!.scan($0, into: &hits, scratch: &laterHits) }
            } else {
                automaton!.scan(text, into: &hits, scratch: &laterHits)
            }
        }
        // Group the hits by literal (a counting sort keeps each literal's in text order).
        let count = literals.count
        occStart = [Int32](repeating: 0, count: count + 1)
        for h in hits { occStart[Int(h.id) + 1] += 1 }
        for i in 0..<count { occStart[i + 1] += occStart[i] }
        positions = [Int32](repeating: 0, count: hits.count)
        var next = occStart
        for h in hits {
            positions[Int(next[Int(h.id)])] = h.at
            next[Int(h.id)] += 1
        }
    }
}

/// Literal numbers of one `LiteralIndex`, as a list and as bits (`LiteralIndex.set`).
struct LiteralSet {
    var ids: [Int] = []
    /// Empty for a set of `fewIDs` or fewer, which is read as its list.
    var bits: [UInt64] = []
    static let fewIDs = 8

    @inline(__always) func holds(_ id: Int32) -> Bool { bits[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0 }
}

/// `LiteralIndex`'s literals as one Aho–Corasick automaton over ASCII-case-folded bytes,
/// in memory of its own (nothing to retain or bounds-check per byte): a text is read once,
/// one table step a byte, whatever the number of literals. Made once per set of literals
/// and never changed, so every worker's index shares it (`shared`).
///
/// Bytes that occur in no literal share one input class, so a row has a column per byte
/// some literal uses (a few dozen for Latin scripts; each other script's literals add
/// their UTF-8 bytes), not 256. Only the states less than `denseDepth` bytes deep have a
/// full row, each entry the next state with its top bit set when some literal ends there
/// (16 bits an entry while the states fit in 15, else 32): prose spends nearly all its
/// steps in them. A deeper state keeps just its trie edges and its failure link, and a
/// byte with no edge follows the link, as in the textbook automaton, until a state with a
/// row answers. The built-in packs make some 17,000 states of 150 classes: full rows for
/// all of them took 5 MB, shared but resident in every run, and a stream is held to 64 MB;
/// the 4,800 states under 6 bytes deep take 1.4 MB.
final class LiteralAutomaton {
    /// States this shallow (the root is 0 deep) get a full row. On tools/bench's corpus the
    /// boilerplate stage alone ran at 29.9 MB/s with rows for every state, 29.2 with 6,
    /// 28.0 with 4 and 24.8 with 3; the built-in packs' rows take 1.4 MB at 6.
    static let denseDepth = 6

    /// The input class of each text byte (ASCII capitals read as their lower case).
    let classOf: UnsafeMutableBufferPointer<UInt16>
    let classes: Int
    /// `next[state * classes + class]` for the states below `denseStates`, in one of the two widths.
    let next16: UnsafeMutableBufferPointer<UInt16>?, next32: UnsafeMutableBufferPointer<UInt32>?
    /// States are numbered breadth first, so those with rows come first.
    let denseStates: Int
    /// Deep state `denseStates + d`: its edges are `edgeClass`/`edgeTarget`
    /// `[edgeStart[d]..<edgeStart[d + 1]]` (targets with the top bit set when some literal
    /// ends there), and `failure[d]` is where a byte with no edge is read again.
    let edgeStart: UnsafeMutableBufferPointer<Int32>, failure: UnsafeMutableBufferPointer<Int32>
    let edgeClass: UnsafeMutableBufferPointer<UInt16>, edgeTarget: UnsafeMutableBufferPointer<UInt32>
    /// For each state, the literal it completes or, failing that, the nearest state on its
    /// failure chain that completes one (-1: none); and the literal each state completes.
    let firstOutput: UnsafeMutableBufferPointer<Int32>, outputLink: UnsafeMutableBufferPointer<Int32>
    let literalAt: UnsafeMutableBufferPointer<Int32>
    let lengths: [Int32]
    /// The longest literal's length.
    let longest: Int

    /// The automaton of these literals, built once for all workers.
    static func shared(_ literals: [[UInt8]]) -> LiteralAutomaton {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.literals == literals { return last.automaton }
        let automaton = LiteralAutomaton(literals)
        last = (literals, automaton)
        return automaton
    }
    nonisolated(unsafe) private static var last: (literals: [[UInt8]], automaton: LiteralAutomaton)?
    private static let lock = NSLock()

    /// `denseDepth` other than the shipped one is for tests: any depth finds the same hits.
    init(_ literals: [[UInt8]], denseDepth: Int = LiteralAutomaton.denseDepth) {
        precondition(denseDepth >= 1)
        // Input classes: one per distinct literal byte, 0 for every other byte.
        var classOfLiteralByte = [UInt16](repeating: 0, count: 256)
        var classes = 1
        for literal in literals {
            for b in literal where classOfLiteralByte[Int(b)] == 0 {
                classOfLiteralByte[Int(b)] = UInt16(classes)
                classes += 1
            }
        }
        classOf = .allocate(capacity: 256)
        for b in 0..<256 {
            let folded = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            classOf[b] = classOfLiteralByte[folded]
        }
        self.classes = classes
        lengths = literals.map { Int32($0.count) }
        longest = literals.map(\.count).max() ?? 0

        // The trie: each state's edges (class, target) in the order made. A lookup scans a
        // state's list: a few entries below the root, at most one per class at it.
        var children: [[(c: Int, t: Int32)]] = [[]]
        var ends: [Int32] = [-1]
        @inline(__always) func child(_ s: Int, _ c: Int) -> Int? {
            children[s].first { $0.c == c }.map { Int($0.t) }
        }
        for (id, literal) in literals.enumerated() {
            var s = 0
            for b in literal {
                let c = Int(classOfLiteralByte[Int(b)])
                if let t = child(s, c) {
                    s = t
                } else {
                    let t = ends.count
                    children[s].append((c, Int32(t)))
                    children.append([])
                    ends.append(-1)
                    s = t
                }
            }
            ends[s] = Int32(id)
        }
        let states = ends.count

        // Breadth first: depths, failure links (the textbook walk), output links.
        var fail = [Int](repeating: 0, count: states)
        var link = [Int32](repeating: -1, count: states)
        var depth = [Int](repeating: 0, count: states)
        var queue: [Int] = [0]
        queue.reserveCapacity(states)
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            for (c, t32) in children[s] {
                let t = Int(t32)
                depth[t] = depth[s] + 1
                if s != 0 {
                    var f = fail[s]
                    while f != 0, child(f, c) == nil { f = fail[f] }
                    fail[t] = child(f, c) ?? 0
                }
                let f = fail[t]
                link[t] = ends[f] >= 0 ? Int32(f) : link[f]
                queue.append(t)
            }
        }
        let first = (0..<states).map { ends[$0] >= 0 ? Int32($0) : link[$0] }

        // States are numbered anew in breadth-first order (the root stays 0): the shallow
        // states, where a scan of prose spends nearly all its steps, then sit together at
        // the start of the table and stay in cache, and the states with rows come first.
        var renumbered = [Int32](repeating: 0, count: states)
        for (k, s) in queue.enumerated() { renumbered[s] = Int32(k) }
        @inline(__always) func new(_ s: Int32) -> Int32 { s < 0 ? s : renumbered[Int(s)] }
        firstOutput = .allocate(capacity: states)
        outputLink = .allocate(capacity: states)
        literalAt = .allocate(capacity: states)
        for s in 0..<states {
            let r = Int(renumbered[s])
            firstOutput[r] = new(first[s])
            outputLink[r] = new(link[s])
            literalAt[r] = ends[s]
        }
        let dense = queue.firstIndex { depth[$0] >= denseDepth } ?? states
        denseStates = dense

        // Rows, in breadth-first order: an entry is the trie edge if there is one, else the
        // failure state's entry (a shallower state, whose row is already made).
        func rows<E: FixedWidthInteger & UnsignedInteger>(_: E.Type) -> UnsafeMutableBufferPointer<E> {
            let t = UnsafeMutableBufferPointer<E>.allocate(capacity: dense * classes)
            let flag = E(1) << (E.bitWidth - 1)
            for s in queue.prefix(dense) {
                let row = Int(renumbered[s]) * classes
                if s == 0 {
                    for c in 0..<classes { t[c] = 0 }
                } else {
                    let failRow = Int(renumbered[fail[s]]) * classes
                    for c in 0..<classes { t[row + c] = t[failRow + c] }
                }
                for (c, target) in children[s] {
                    t[row + c] = E(renumbered[Int(target)]) | (first[Int(target)] >= 0 ? flag : 0)
                }
            }
            return t
        }
        if states < 1 << 15 {
            next16 = rows(UInt16.self)
            next32 = nil
        } else {
            next16 = nil
            next32 = rows(UInt32.self)
        }

        // Deep states: their edges and failure links.
        let deep = states - dense
        let edgeCount = queue.suffix(deep).reduce(0) { $0 + children[$1].count }
        edgeStart = .allocate(capacity: deep + 1)
        failure = .allocate(capacity: max(deep, 1))
        edgeClass = .allocate(capacity: max(edgeCount, 1))
        edgeTarget = .allocate(capacity: max(edgeCount, 1))
        var e = 0
        for (d, s) in queue.suffix(deep).enumerated() {
            edgeStart[d] = Int32(e)
            failure[d] = renumbered[fail[s]]
            for (c, target) in children[s] {
                edgeClass[e] = UInt16(c)
                edgeTarget[e] = UInt32(renumbered[Int(target)]) | (first[Int(target)] >= 0 ? 1 << 31 : 0)
                e += 1
            }
        }
        edgeStart[deep] = Int32(e)
    }

    deinit {
        classOf.deallocate(); next16?.deallocate(); next32?.deallocate(); firstOutput.deallocate()
        outputLink.deallocate(); literalAt.deallocate()
        edgeStart.deallocate(); failure.deallocate(); edgeClass.deallocate(); edgeTarget.deallocate()
    }

    /// One pass over the text, appending where each literal starts, in the order the
    /// literals end.
    ///
    /// Each step waits for the table entry the previous one found, so a long text is read
    /// as two halves at once, the second from a little before the middle (the longest
    /// literal's length less one): two independent chains of loads overlap. From the
    /// middle on, the second chain is in the state a single pass would be in (no literal
    /// is longer than what it has read), so its hits there are the single pass's, in the
    /// same order; `scratch` holds them until the first half's are in.
    func scan(_ text: UnsafeBufferPointer<UInt8>, into found: inout [(id: Int32, at: Int32)],
              scratch: inout [(id: Int32, at: Int32)]) {
        if let t = next16 { scan(text, t, into: &found, scratch: &scratch) } else { scan(text, next32!, into: &found, scratch: &scratch) }
    }

    /// Texts shorter than this are read in one chain.
    static let splitLength = 1024

    /// The next state from a deep state reading a byte of class `c`, and whether some
    /// literal ends there: the state's edge, else its failure state's answer.
    @inline(never)
    private func deepStep<E: FixedWidthInteger & UnsignedInteger>(_ state: Int, _ c: Int, _ next: UnsafeMutableBufferPointer<E>) -> (Int, Bool) {
        var s = state
        while s >= denseStates {
            let d = s &- denseStates
            var k = Int(edgeStart[d])
            let end = Int(edgeStart[d &+ 1])
            while k < end {
                if Int(edgeClass[k]) == c { let t = edgeTarget[k]; return (Int(t & 0x7FFF_FFFF), t >> 31 != 0) }
                k &+= 1
            }
            s = Int(failure[d])
        }
        let entry = next[s &* classes &+ c]
        let flag = E(1) << (E.bitWidth - 1)
        return (Int(entry & ~flag), entry & flag != 0)
    }

    @inline(__always)
    private func scan<E: FixedWidthInteger & UnsignedInteger>(_ text: UnsafeBufferPointer<UInt8>, _ next: UnsafeMutableBufferPointer<E>,
                                                              into found: inout [(id: Int32, at: Int32)],
                                                              scratch: inout [(id: Int32, at: Int32)]) {
        let flag = E(1) << (E.bitWidth - 1)
        let n = text.count
        let dense = denseStates
        /// The next state from `state` reading byte `i`, and whether some literal ends there.
        @inline(__always) func transition(_ state: Int, _ i: Int) -> (Int, Bool) {
            let c = Int(classOf[Int(text[i])])
            guard state < dense else { return deepStep(state, c, next) }
            let entry = next[state &* classes &+ c]
            return (Int(entry & ~flag), entry & flag != 0)
        }
        @inline(__always) func step(_ state: inout Int, _ i: Int, _ out: inout [(id: Int32, at: Int32)]) {
            let (target, ends) = transition(state, i)
            state = target
            guard ends else { return }
            var s = Int(firstOutput[state])
            while s >= 0 {
                let id = literalAt[s]
                out.append((id, Int32(i + 1) - lengths[Int(id)]))
                s = Int(outputLink[s])
            }
        }
        let middle = n / 2
        guard n >= LiteralAutomaton.splitLength, longest <= middle else {
            var state = 0
            for i in 0..<n { step(&state, i, &found) }
            return
        }
        // The second chain starts at `lead` and reports nothing before the middle.
        let lead = middle - max(longest - 1, 0)
        var first = 0, second = 0
        for i in lead..<middle { second = transition(second, i).0 }
        scratch.removeAll(keepingCapacity: true)
        var j = middle
        for i in 0..<middle {
            step(&first, i, &found)
            step(&second, j, &scratch)
            j += 1
        }
        while j < n { step(&second, j, &scratch); j += 1 }
        found.append(contentsOf: scratch)
    }
}

/// Whether `text[range]` contains `needle` (given in lower case), ignoring ASCII case
/// (`containsIgnoringCase` folds the rest first).
func containsIgnoringASCIICase(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= range.count else { return false }
    let last = range.upperBound - needle.count
    var i = range.lowerBound
    while i <= last {
        let b = text[i]
        if b == first || (b >= 0x41 && b <= 0x5A && b | 0x20 == first) {
            var k = 1
            while k < needle.count {
                let c = text[i + k]
                let folded = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if folded != needle[k] { break }
                k += 1
            }
            if k == needle.count { return true }
        }
        i += 1
    }
    return false
}
