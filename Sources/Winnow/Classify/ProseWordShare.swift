/// Each block's share of its distinct content words that some other block of the page's
/// prose holds too (features.py `prose_word_share`; -1 for a block without content words).
///
/// An article's paragraphs keep coming back to its names and its topic, so most of their
/// words recur in its other paragraphs; a teaser of another story, an author's blurb or a
/// shop's notice speaks of something else. Prose is what `BlockClassifier` calls prose
/// (ends a sentence, `proseMinWords` words or more); a prose block's own words do not count
/// for it. Words are the content-word keys `BlockFeatures.scan` makes (hashes of the
/// lower-cased words that are no stopword).
///
/// The words are counted in an open-addressing table that one worker reuses page after
/// page: a slot belongs to the current page only when it carries the page's generation,
/// so nothing is cleared between pages and nothing is allocated once the table is big
/// enough; a page probes only as many slots as its words need.
final class ProseWordShare {
    private struct Slot {
        var key: UInt64 = 0
        var generation: UInt32 = 0
        /// How many prose blocks hold the word.
        var proseBlocks: Int32 = 0
        /// 1 + the last prose block that counted it, 1 + the last block that met it.
        var counted: Int32 = 0
        var met: Int32 = 0
    }

    private var slots: [Slot] = []
    private var generation: UInt32 = 0
    /// A table grown beyond this many slots for one huge page is let go after it.
    private static let keptSlots = 1 << 12

    func compute(_ content: [UInt64], _ start: [Int], prose: [Bool]) -> [Double] {
        let n = start.count - 1
        var share = [Double](repeating: -1, count: n)
        guard n > 0, !content.isEmpty else { return share }
        // The page uses the first `capacity` slots only, so its words stay close together
        // in memory whatever size an earlier, bigger page grew the table to.
        var capacity = 16
        while capacity < 2 * content.count { capacity <<= 1 }
        if capacity > slots.count || generation == .max {
            slots = [Slot](repeating: Slot(), count: max(capacity, slots.count))
            generation = 0
        }
        generation += 1
        let gen = generation, mask = capacity - 1
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        let sep = BlockFeatures.separatorKey
        slots.withUnsafeMutableBufferPointer { t in
            content.withUnsafeBufferPointer { c in
                // The slot of a word, taken for this page if the word is new to it.
                @inline(__always) func slot(_ w: UInt64) -> Int {
                    var s = Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while t[s].generation == gen, t[s].key != w { s = (s + 1) & mask }
                    if t[s].generation != gen { t[s] = Slot(key: w, generation: gen) }
                    return s
                }
                for i in 0..<n where prose[i] {
                    let stamp = Int32(i + 1)
                    for k in start[i]..<start[i + 1] where c[k] != sep {
                        let s = slot(c[k])
                        if t[s].counted != stamp {
                            t[s].counted = stamp
                            t[s].proseBlocks += 1
                        }
                    }
                }
                for i in 0..<n {
                    let stamp = Int32(i + 1), own: Int32 = prose[i] ? 1 : 0
                    var distinct = 0, shared = 0
                    for k in start[i]..<start[i + 1] where c[k] != sep {
                        let s = slot(c[k])
                        if t[s].met != stamp {
                            t[s].met = stamp
                            distinct += 1
                            if t[s].proseBlocks - own > 0 { shared += 1 }
                        }
                    }
                    if distinct > 0 { share[i] = Double(shared) / Double(distinct) }
                }
            }
        }
        if slots.count > Self.keptSlots { slots = [] }
        return share
    }
}
