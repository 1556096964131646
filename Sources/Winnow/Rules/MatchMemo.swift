#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Outcomes computed from a slice of text, by the exact bytes of the slice, for one
/// worker's stage.
///
/// A boilerplate rule's answer depends only on the bytes it is shown (ICU sees just that
/// slice; block rules and prefixes judge one line), so it can be remembered: when the
/// rules look at a document again (after dropping blocks, or after typo repair changed a
/// word) only the changed lines cost regex runs, and a line that many documents share (a
/// site's footer) is judged once. Bounded: emptied when the bytes it holds pass `capacity`.
final class BytesMemo<Value> {
    struct Key: Hashable {
        /// What was computed (a regex, or one kind of verdict).
        let tag: ObjectIdentifier
        let hash: UInt64
        let mode: Int32
        let count: Int32  // slices kept are at most `longest` bytes
    }

    /// Where the slice's bytes sit in the arena (its length is the key's `count`).
    private struct Entry {
        let offset: Int32
        let value: Value
    }

    /// Most bytes held before the memo starts afresh. Small: every worker keeps its own
    /// memos, and a stream is held to 64 MB at `--jobs 2`. At 8 MB a stream held 97 MB
    /// resident, and the bench corpus cleaned no faster than at 1 MB (the lines worth
    /// remembering, a site's footer or a document's second look, recur soon); at 16 KB
    /// it cleaned a fifth slower. At 512 KB a stream's peak at `--jobs 2` is 4 MB below
    /// the 1 MB one (63.3 against 67.8 MB on the bench corpus), for 1.7% more instructions;
    /// at 384 KB, with the thirteenth session's rules, 63.0 against 64.6–65.2 MB, at the
    /// same speed (`tools/bench`, `--jobs 1` 12.5 MB/s either way); at 256 KB, with the
    /// fourteenth session's rules, 63.9 against 64.8 MB, for about 3% less speed (12.0
    /// against 12.4 MB/s at `--jobs 1`); with the literal automaton built without spare
    /// rows, 63.1 against 63.9 MB.
    static var defaultCapacity: Int { 1 << 18 }
    /// Most bytes this memo holds (`defaultCapacity` unless a smaller one serves).
    let capacity: Int

    init(capacity: Int = BytesMemo.defaultCapacity) {
        self.capacity = capacity
    }

    deinit { arena?.deallocate() }

    /// Longer slices are not remembered (hashing and copying them buys little).
    static var longest: Int { 16 << 10 }

    private var entries: [Key: Entry] = [:]
    /// The remembered slices, one after another: one allocation for the memo's life, so
    /// starting afresh frees nothing and a worker's heap is not left in small pieces.
    private var arena: UnsafeMutablePointer<UInt8>?
    private var held = 0

    /// The key for `bytes` (hashed by `hash(_:)`), or nil when they are too long to keep.
    func key(_ tag: ObjectIdentifier, mode: Int32 = 0, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Key? {
        bytes.count <= BytesMemo.longest && bytes.count <= capacity
            ? Key(tag: tag, hash: hash, mode: mode, count: Int32(bytes.count)) : nil
    }

    /// The remembered value, or nil.
    func lookup(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        entry(key, bytes)?.value
    }

    /// The entry for exactly these bytes, or nil.
    private func entry(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard let entry = entries[key], let arena else { return nil }
        let same = bytes.isEmpty || memcmp(arena + Int(entry.offset), bytes.baseAddress!, bytes.count) == 0
        return same ? entry : nil
    }

    /// Changes what is remembered for `bytes` (`initial` when nothing is yet), keeping one
    /// copy of the bytes however many answers about them are added.
    func modify(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>, from initial: Value, _ change: (inout Value) -> Void) {
        if let held = entry(key, bytes) {
            var value = held.value
            change(&value)
            entries[key] = Entry(offset: held.offset, value: value)
        } else {
            var value = initial
            change(&value)
            store(key, bytes, value)
        }
    }

    func store(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if held + bytes.count > capacity {
            entries.removeAll(keepingCapacity: true)
            held = 0
        }
        let arena = self.arena ?? {
            let made = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            self.arena = made
            return made
        }()
        if let base = bytes.baseAddress { (arena + held).update(from: base, count: bytes.count) }
        entries[key] = Entry(offset: Int32(held), value: value)
        held += bytes.count
    }
}

/// The memos' hash: the classifier's block hash, eight bytes a step (equal bytes are
/// compared on every hit, so it need only spread them).
@inline(__always)
func memoHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    bytes.isEmpty ? 0 : BlockFeatures.hashBytes(bytes, 0..<bytes.count)
}
