import Foundation

/// The word lists that ship with Winnow, found like the rule packs.
public enum BuiltinWords {
    /// The frequency list (word, count per line), SymSpell's English unigrams.
    static let frequencyFile = "frequency_dictionary_en_82_765.txt"
    /// The spelling list (one lowercase word per line), SCOWL via Debian's wamerican-large.
    static let knownFile = "scowl-american-large.txt"

    /// Directory holding the shipped word lists (see `ShippedResources`).
    public static func directory() -> String? {
        ShippedResources.directory("words").flatMap {
            FileManager.default.fileExists(atPath: $0 + "/" + frequencyFile) ? $0 : nil
        }
    }
}

/// The English word data, loaded once per process and shared read-only by every worker:
/// a frequency table for ranking, a known-word set for validity, and a symmetric-delete
/// index (Damerau-Levenshtein distance ≤ 2) over the frequency words for candidates.
///
/// Everything is flat arrays and open-addressing tables keyed by 64-bit hashes, so loading
/// is two linear passes over the files and no per-word allocation.
final class WordIndex: @unchecked Sendable {
    /// The index shared by the process, or nil when the word lists cannot be found.
    /// (A `static let` is initialised lazily and exactly once, thread-safely.)
    static let shared: WordIndex? = {
        guard let dir = BuiltinWords.directory() else { return nil }
        return try? WordIndex(directory: dir)
    }()

    // Frequency words, concatenated; word i is bytes[starts[i]..<starts[i + 1]].
    let bytes: [UInt8]
    let starts: [Int32]
    let counts: [Double]
    /// Open addressing: word id + 1, or 0 for an empty slot.
    private let freqSlots: [Int32]
    private let freqMask: Int
    /// Every known word (both lists) as a fingerprint (`HashSlots`), 0 for an empty slot.
    private let known: [UInt32]
    private let knownMask: Int
    /// Proper names (lowercased): words the spelling list has only capitalised.
    private let names: [UInt32]
    private let namesMask: Int

    // Symmetric delete (prefix variant, as in SymSpell): frequency words grouped by their
    // first `prefixLength` letters;
    // each group's deletes (≤ 2) point at the group.
    static let prefixLength = 6
    /// Group g's words are groupWords[groupStarts[g]..<groupStarts[g + 1]], with each word's
    /// length and letter mask (`letterBit`) beside it, so that a lookup scans
    /// them in order and rules most out without touching the word itself.
    private let groupStarts: [Int32]
    private let groupWords: [Int32]
    private let groupWordLengths: [UInt8]
    private let groupWordMasks: [UInt32]
    private let bucketStarts: [Int32]   // bucket b holds bucketGroups[starts[b]..<starts[b + 1]]
    /// Group ids in bucket order: 16 bits each while there are at most 65,536 groups (the
    /// built-in list makes some 46,000), else 32 in `wideBucketGroups` (the other array is
    /// empty).
    private let bucketGroups: [UInt16]
    private let wideBucketGroups: [Int32]
    private let bucketMask: Int

    var wordCount: Int { counts.count }

    convenience init(directory: String) throws {
        let freq = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + BuiltinWords.frequencyFile))
        let known = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + BuiltinWords.knownFile))
        self.init(frequencyList: freq, knownList: known)
    }

    /// Builds the index from the two files' contents: `word count` lines and `word` lines
    /// (read in place: a copy of each would add 2 MB to the start-up peak).
    init(frequencyList: Data, knownList: Data) {
        // 1. Frequency words.
        var bytes = [UInt8](repeating: 0, count: frequencyList.count)
        var starts: [Int32] = [0]
        var counts: [Double] = []
        starts.reserveCapacity(frequencyList.count / 12)
        counts.reserveCapacity(frequencyList.count / 12)
        var used = 0
        frequencyList.withUnsafeBytes { raw in
            let buf = raw.bindMemory(to: UInt8.self)
            bytes.withUnsafeMutableBufferPointer { out in
                var i = 0
                let n = buf.count
                while i < n {
                    let wordStart = i
                    while i < n, buf[i] > 0x20 { i += 1 }
                    let wordEnd = i
                    while i < n, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
                    var count = 0.0
                    while i < n, buf[i] >= 0x30, buf[i] <= 0x39 { count = count * 10 + Double(buf[i] - 0x30); i += 1 }
                    while i < n, buf[i] != 0x0A { i += 1 }
                    i += 1
                    if wordEnd > wordStart, count > 0 {
                        for k in wordStart..<wordEnd { out[used] = lowerASCII(buf[k]); used += 1 }
                        starts.append(Int32(used))
                        counts.append(count)
                    }
                }
            }
        }
        bytes.removeSubrange(used...)
        let wordCount = counts.count

        // 2. Hash tables: frequency ids by word, and known hashes.
        // Ids are checked against the words themselves, so the table can be filled to two
        // thirds (0.5 MB, not 1): a miss probes a few slots more.
        let freqSize = tableSize(for: wordCount, slotsPerEntry: 1.5)
        var freqSlots = [Int32](repeating: 0, count: freqSize)
        let freqMask = freqSize - 1
        // The known table is the largest (one word per entry for both lists): filled to
        // just over half, not a third, and holding 32-bit fingerprints, it takes 1 MB
        // instead of 8 (every worker shares it, and a streaming run is held to 64 MB).
        let knownLines = knownList.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let knownSize = tableSize(for: wordCount + knownLines, slotsPerEntry: 1.75)
        var knownTable = [UInt32](repeating: 0, count: knownSize)
        let knownMask = knownSize - 1
        let namesSize = tableSize(for: knownList.count / 32)
        var namesTable = [UInt32](repeating: 0, count: namesSize)
        let namesMask = namesSize - 1
        knownTable.withUnsafeMutableBufferPointer { known in
            freqSlots.withUnsafeMutableBufferPointer { slots in
                bytes.withUnsafeBufferPointer { b in
                    starts.withUnsafeBufferPointer { st in
                        for w in 0..<wordCount {
                            let s = Int(st[w]), e = Int(st[w + 1])
                            let h = hashBytes(b, s, e)
                            var slot = Int(truncatingIfNeeded: h) & freqMask
                            while slots[slot] != 0 {
                                let other = Int(slots[slot] - 1)
                                if equalBytes(b, s, e, b, Int(st[other]), Int(st[other + 1])) { break }
                                slot = (slot + 1) & freqMask
                            }
                            if slots[slot] == 0 { slots[slot] = Int32(w + 1) }
                            insertHash(known, knownMask, h)
                        }
                    }
                }
            }
            namesTable.withUnsafeMutableBufferPointer { names in
                knownList.withUnsafeBytes { raw in
                    let buf = raw.bindMemory(to: UInt8.self)
                    var i = 0
                    let n = buf.count
                    while i < n {
                        let s = i
                        var h: UInt64 = 0xcbf2_9ce4_8422_2325
                        while i < n, buf[i] > 0x0D {
                            h = (h ^ UInt64(lowerASCII(buf[i]))) &* 0x0000_0100_0000_01B3
                            i += 1
                        }
                        if i > s {
                            insertHash(known, knownMask, finish(h))
                            // A capitalised entry is a proper name (SCOWL has it only capitalised).
                            if isUpper(buf[s]) { insertHash(names, namesMask, finish(h)) }
                        }
                        while i < n, buf[i] == 0x0A || buf[i] == 0x0D { i += 1 }
                    }
                }
            }
        }

        // 3. Groups by prefix, for letters-only words of three letters or more.
        var groupFirst: [Int32] = []
        var wordNext = [Int32](repeating: -1, count: wordCount)
        var groupKeys: [UInt64] = []
        groupFirst.reserveCapacity(wordCount)
        groupKeys.reserveCapacity(wordCount)
        let groupTableSize = tableSize(for: wordCount)
        var groupSlots = [Int32](repeating: 0, count: groupTableSize)
        let groupMask = groupTableSize - 1
        groupSlots.withUnsafeMutableBufferPointer { slots in
            wordNext.withUnsafeMutableBufferPointer { next in
                bytes.withUnsafeBufferPointer { b in
                    for w in 0..<wordCount {
                        let s = Int(starts[w]), e = Int(starts[w + 1])
                        guard e - s >= 3 else { continue }
                        var letters = true
                        for k in s..<e where b[k] < 0x61 || b[k] > 0x7A { letters = false; break }
                        guard letters else { continue }
                        let key = packPrefix(b, s, min(e, s + WordIndex.prefixLength))
                        var slot = Int(truncatingIfNeeded: mix(key)) & groupMask
                        while slots[slot] != 0, groupKeys[Int(slots[slot] - 1)] != key {
                            slot = (slot + 1) & groupMask
                        }
                        if slots[slot] == 0 {
                            groupKeys.append(key)
                            groupFirst.append(Int32(w))
                            slots[slot] = Int32(groupKeys.count)
                        } else {
                            let g = Int(slots[slot] - 1)
                            next[w] = groupFirst[g]
                            groupFirst[g] = Int32(w)
                        }
                    }
                }
            }
        }

        // Groups laid out flat (each group's words in list order).
        var groupStarts = [Int32](repeating: 0, count: groupFirst.count + 1)
        var groupWords: [Int32] = []
        var groupWordLengths: [UInt8] = []
        var groupWordMasks: [UInt32] = []
        groupWords.reserveCapacity(wordCount)
        groupWordLengths.reserveCapacity(wordCount)
        groupWordMasks.reserveCapacity(wordCount)
        bytes.withUnsafeBufferPointer { b in
            for g in 0..<groupFirst.count {
                var w = groupFirst[g]
                while w >= 0 {
                    let s = Int(starts[Int(w)]), e = Int(starts[Int(w) + 1])
                    var mask: UInt32 = 0
                    for k in s..<e { mask |= letterBit(b[k]) }
                    groupWords.append(w)
                    groupWordLengths.append(UInt8(min(e - s, 255)))
                    groupWordMasks.append(mask)
                    w = wordNext[Int(w)]
                }
                groupStarts[g + 1] = Int32(groupWords.count)
            }
        }

        // 4. Deletes (distance ≤ 2) of every group's prefix, bucketed by hash in one flat
        // array (CSR layout). Buckets hold group ids only: a lookup may see a few groups of
        // other keys sharing its bucket, which the distance check then rejects.
        let bucketCount = tableSize(for: groupKeys.count * 2)
        let bucketMask = bucketCount - 1
        // Two passes over the deletes (cheap to make again): count each bucket's entries,
        // then place them, so that no list of every entry's bucket is held between the two.
        var bucketStarts = [Int32](repeating: 0, count: bucketCount + 1)
        func eachEntry(_ body: (_ group: Int, _ bucket: Int) -> Void) {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { scratch in
                for g in 0..<groupKeys.count {
                    for k in 0..<deletes(of: groupKeys[g], into: scratch) {
                        body(g, Int(truncatingIfNeeded: mix(scratch[k])) & bucketMask)
                    }
                }
            }
        }
        var entryCount = 0
        bucketStarts.withUnsafeMutableBufferPointer { starts in
            eachEntry { _, bucket in starts[bucket] += 1 }
            for b in 0..<bucketCount {
                let n = Int(starts[b])
                starts[b] = Int32(entryCount)
                entryCount += n
            }
        }
        // Group ids in 16 bits while they fit (the built-in list's do), else 32.
        let wideGroups = groupKeys.count > Int(UInt16.max) + 1
        var bucketGroups = [UInt16](repeating: 0, count: wideGroups ? 0 : entryCount)
        var wideBucketGroups = [Int32](repeating: 0, count: wideGroups ? entryCount : 0)
        bucketStarts.withUnsafeMutableBufferPointer { starts in
            bucketGroups.withUnsafeMutableBufferPointer { narrow in
                wideBucketGroups.withUnsafeMutableBufferPointer { wide in
                    // Each bucket's start serves as its cursor, so it ends as the next's start.
                    eachEntry { group, bucket in
                        let at = Int(starts[bucket])
                        if wideGroups { wide[at] = Int32(group) } else { narrow[at] = UInt16(truncatingIfNeeded: group) }
                        starts[bucket] += 1
                    }
                }
            }
            for b in stride(from: bucketCount, to: 0, by: -1) { starts[b] = starts[b - 1] }
            starts[0] = 0
        }

        // Exact-size copies: the building arrays were sized for the file, not the words.
        self.bytes = bytes.withUnsafeBufferPointer { Array($0) }
        self.starts = starts.withUnsafeBufferPointer { Array($0) }
        self.counts = counts.withUnsafeBufferPointer { Array($0) }
        self.freqSlots = freqSlots
        self.freqMask = freqMask
        self.known = knownTable
        self.knownMask = knownMask
        self.names = namesTable
        self.namesMask = namesMask
        self.groupStarts = groupStarts
        self.groupWords = groupWords
        self.groupWordLengths = groupWordLengths
        self.groupWordMasks = groupWordMasks
        self.bucketStarts = bucketStarts
        self.bucketGroups = bucketGroups
        self.wideBucketGroups = wideBucketGroups
        self.bucketMask = bucketMask
    }

    /// The frequency-list id of a lowercase word, if it is there.
    func frequencyID(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = hashBytes(word, 0, word.count)
        var slot = Int(truncatingIfNeeded: h) & freqMask
        return bytes.withUnsafeBufferPointer { b in
            while freqSlots[slot] != 0 {
                let w = Int(freqSlots[slot] - 1)
                if equalBytes(word, 0, word.count, b, Int(starts[w]), Int(starts[w + 1])) { return w }
                slot = (slot + 1) & freqMask
            }
            return nil
        }
    }

    /// True when the word (already lowercase) is in either list.
    func isKnown(hash h: UInt64) -> Bool { containsHash(known, knownMask, h) }

    /// True when the word (lowercase) is a proper name in the spelling list ("carolina").
    func isName(hash h: UInt64) -> Bool { containsHash(names, namesMask, h) }

    func isKnown(_ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { isKnown(hash: hashBytes($0, 0, $0.count)) }
    }

    func word(_ id: Int) -> [UInt8] { Array(bytes[Int(starts[id])..<Int(starts[id + 1])]) }

    /// Frequency words within Damerau-Levenshtein (optimal string alignment) distance 2
    /// of `typo` (lowercase ASCII letters), with their distances; the typo itself excluded.
    func candidates(_ typo: [UInt8]) -> [(id: Int, distance: Int)] {
        guard typo.count >= 2, typo.count <= 48 else { return [] }
        let key = typo.withUnsafeBufferPointer { packPrefix($0, 0, min($0.count, WordIndex.prefixLength)) }
        var keys = [UInt64](repeating: 0, count: 64)
        let keyCount = keys.withUnsafeMutableBufferPointer { deletes(of: key, into: $0) }
        var seenGroups = [UInt64](repeating: 0, count: (groupStarts.count + 63) / 64)
        var result: [(id: Int, distance: Int)] = []
        let n = typo.count
        let wideGroups = !wideBucketGroups.isEmpty
        bytes.withUnsafeBufferPointer { b in
          starts.withUnsafeBufferPointer { st in
            groupWords.withUnsafeBufferPointer { words in
              groupWordLengths.withUnsafeBufferPointer { lengths in
                groupWordMasks.withUnsafeBufferPointer { masks in
                  bucketStarts.withUnsafeBufferPointer { bucketStarts in
                    bucketGroups.withUnsafeBufferPointer { narrowGroups in
                    wideBucketGroups.withUnsafeBufferPointer { wideGroupIDs in
                      groupStarts.withUnsafeBufferPointer { groupStarts in
                        seenGroups.withUnsafeMutableBufferPointer { seen in
                          typo.withUnsafeBufferPointer { t in
                            // Letters of the typo (`letterBit`): a word at distance ≤ 2 lacks at most
                            // two of them and adds at most two (each edit removes or adds at most one
                            // letter; a transposition none), so most words are ruled out before the distance.
                            var typoMask: UInt32 = 0
                            for c in t { typoMask |= letterBit(c) }
                            for k in keys[0..<keyCount] {
                                let bucket = Int(truncatingIfNeeded: mix(k)) & bucketMask
                                for entry in Int(bucketStarts[bucket])..<Int(bucketStarts[bucket + 1]) {
                                    let group = wideGroups ? Int(wideGroupIDs[entry]) : Int(narrowGroups[entry])
                                    let bit: UInt64 = 1 << UInt64(group & 63)
                                    if seen[group >> 6] & bit != 0 { continue }
                                    seen[group >> 6] |= bit
                                    for x in Int(groupStarts[group])..<Int(groupStarts[group + 1]) {
                                        let length = Int(lengths[x])
                                        guard length >= n - 2, length <= n + 2 else { continue }
                                        let wordMask = masks[x]
                                        if (typoMask & ~wordMask).nonzeroBitCount > 2
                                            || (wordMask & ~typoMask).nonzeroBitCount > 2 { continue }
                                        let id = Int(words[x])
                                        let word = UnsafeBufferPointer(rebasing: b[Int(st[id])..<Int(st[id + 1])])
                                        let d = osaDistance(t, word, limit: 2)
                                        if d >= 1, d <= 2 { result.append((id, d)) }
                                    }
                                }
                            }
                          }
                        }
                      }
                    }
                    }
                  }
                }
              }
            }
          }
        }
        return result
    }
}

// MARK: - Helpers

@inline(__always) func lowerASCII(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

@inline(__always) private func finish(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

/// FNV-1a over bytes s..<e (never 0, so 0 can mark an empty slot).
@inline(__always)
func hashBytes(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for k in s..<e { h = (h ^ UInt64(b[k])) &* 0x0000_0100_0000_01B3 }
    return finish(h)
}

@inline(__always)
private func mix(_ x: UInt64) -> UInt64 {
    var z = x &* 0x9E37_79B9_7F4A_7C15
    z ^= z >> 29
    return z
}

@inline(__always)
private func equalBytes(_ a: UnsafeBufferPointer<UInt8>, _ as: Int, _ ae: Int,
                        _ b: UnsafeBufferPointer<UInt8>, _ bs: Int, _ be: Int) -> Bool {
    guard ae - `as` == be - bs else { return false }
    var i = `as`, j = bs
    while i < ae { if a[i] != b[j] { return false }; i += 1; j += 1 }
    return true
}

/// A power of two with at least `slotsPerEntry` slots for each of `count` entries.
private func tableSize(for count: Int, slotsPerEntry: Double = 2) -> Int {
    var size = 1024
    while Double(size) < Double(count) * slotsPerEntry { size <<= 1 }
    return size
}

/// A hash set of 64-bit word hashes kept as 32-bit fingerprints: the slot comes from the
/// hash's low bits and the fingerprint is its high half, so a word not in the set is taken
/// for one only when a fingerprint it probes agrees by chance (some 3 × 2^-32: about one
/// word in a billion).
@inline(__always)
private func fingerprint(_ h: UInt64) -> UInt32 {
    let f = UInt32(truncatingIfNeeded: h >> 32)
    return f == 0 ? 1 : f
}

@inline(__always)
private func insertHash(_ table: UnsafeMutableBufferPointer<UInt32>, _ mask: Int, _ h: UInt64) {
    let f = fingerprint(h)
    var slot = Int(truncatingIfNeeded: h) & mask
    while table[slot] != 0 {
        if table[slot] == f { return }
        slot = (slot + 1) & mask
    }
    table[slot] = f
}

@inline(__always)
private func containsHash(_ table: [UInt32], _ mask: Int, _ h: UInt64) -> Bool {
    let f = fingerprint(h)
    var slot = Int(truncatingIfNeeded: h) & mask
    while table[slot] != 0 {
        if table[slot] == f { return true }
        slot = (slot + 1) & mask
    }
    return false
}

/// A byte's bit in a word's letter mask: the letters a–z get bits 1–26 (`byte & 31`); any
/// other byte shares a bit with a letter, which only makes the mask test looser, never
/// stricter, since a bit stands for one letter or more.
@inline(__always) private func letterBit(_ b: UInt8) -> UInt32 { 1 << UInt32(b & 31) }

/// Up to seven bytes packed into a word, the length in the top byte.
@inline(__always)
private func packPrefix(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
    var key = UInt64(e - s) << 56
    for k in s..<e { key |= UInt64(b[k]) << (8 * UInt64(k - s)) }
    return key
}

/// Writes the packed strings made by deleting zero, one or two bytes of a packed string
/// (at most 1 + 7 + 21 for seven bytes) and returns how many. Of a run of equal letters only the first is
/// deleted, which avoids most repeats; the few left are harmless.
private func deletes(of key: UInt64, into out: UnsafeMutableBufferPointer<UInt64>) -> Int {
    let length = Int(key >> 56)
    let body = key & 0x00FF_FFFF_FFFF_FFFF
    @inline(__always) func remove(_ body: UInt64, at i: Int) -> UInt64 {
        let shift = UInt64(8 * i)
        let low = body & ((1 << shift) &- 1)
        let high = (body >> (shift + 8)) << shift
        return high | low
    }
    @inline(__always) func byte(_ body: UInt64, _ i: Int) -> UInt64 { (body >> UInt64(8 * i)) & 0xFF }
    var count = 0
    out[count] = key; count += 1
    for i in 0..<length {
        if i > 0, byte(body, i) == byte(body, i - 1) { continue }
        let one = remove(body, at: i)
        out[count] = UInt64(length - 1) << 56 | one; count += 1
        guard length >= 2 else { continue }
        // Second deletions at or after i (in the shortened string): each pair once.
        for j in i..<(length - 1) {
            if j > i, byte(one, j) == byte(one, j - 1) { continue }
            out[count] = UInt64(length - 2) << 56 | remove(one, at: j); count += 1
        }
    }
    return count
}

/// Optimal-string-alignment distance, or `limit + 1` as soon as it must exceed `limit`.
/// Only the diagonal band |i - j| ≤ limit is computed.
/// A common prefix and suffix are left out first (an optimal alignment matches them), so
/// near words cost a small table or none.
func osaDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    var lo = 0
    while lo < a.count, lo < b.count, a[lo] == b[lo] { lo += 1 }
    var ea = a.count, eb = b.count
    while ea > lo, eb > lo, a[ea - 1] == b[eb - 1] { ea -= 1; eb -= 1 }
    if lo == 0 && ea == a.count && eb == b.count { return bandedOSA(a, b, limit: limit) }
    return bandedOSA(UnsafeBufferPointer(rebasing: a[lo..<ea]), UnsafeBufferPointer(rebasing: b[lo..<eb]), limit: limit)
}

private func bandedOSA(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    let n = a.count, m = b.count
    if abs(n - m) > limit { return limit + 1 }
    if n == 0 || m == 0 { return max(n, m) }
    let big = limit + 1
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
        var prev2 = rows.baseAddress!
        var prev = prev2 + (m + 1)
        var cur = prev + (m + 1)
        for j in 0...m { prev[j] = j <= limit ? j : big; prev2[j] = big; cur[j] = big }
        for i in 1...n {
            let lo = max(1, i - limit), hi = min(m, i + limit)
            cur[lo - 1] = lo == 1 ? (i <= limit ? i : big) : big
            if hi < m { cur[hi + 1] = big }
            var rowMin = cur[lo - 1]
            let ai = a[i - 1]
            for j in lo...hi {
                let cost = ai == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                v = min(v, big)
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return big }
            let t = prev2
            prev2 = prev
            prev = cur
            cur = t
        }
        return min(prev[m], big)
    }
}
