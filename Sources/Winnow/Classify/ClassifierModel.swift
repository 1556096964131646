import Foundation

/// The fitted block classifier as shipped in `Resources/classifier/model.json`
/// (written by `tools/classifier/fit.py`): a lexicon of word weights, gradient-boosted
/// trees over each block's features, the decision settings, and the languages whose
/// stopword lists it was fitted with.
struct ClassifierModel: Sendable, Decodable, Equatable {
    struct Lexicon: Sendable, Decodable, Equatable {
        var bias: Double
        var weights: [String: Double]
    }
    struct Tree: Sendable, Decodable, Equatable {
        var feature: [Int]
        var threshold: [Double]
        var left: [Int]
        var right: [Int]
        var value: [Double]
    }
    struct Trees: Sendable, Decodable, Equatable {
        var bias: Double
        var trees: [Tree]
    }
    /// When a block is dropped (features.py `decide`).
    struct Decision: Sendable, Decodable, Equatable {
        /// p(boilerplate) at which a block is dropped...
        var threshold: Double
        /// ... and at which a sentence-like block (prose) is.
        var proseThreshold: Double
        /// The document guard: unless at least `guardMinBlocks` blocks reach `guardP`,
        /// the document is taken for article text all through and nothing is dropped.
        var guardP: Double
        var guardMinBlocks: Int
        /// Blocks of this many words or more are never dropped.
        var neverDropWords: Int
        /// In a group of 3 or more adjacent lines with at least half of them dropped, the
        /// other blocks that are not prose go too when they reach this.
        var groupThreshold: Double
        enum CodingKeys: String, CodingKey {
            case threshold, proseThreshold = "prose_threshold", guardP = "guard_p"
            case guardMinBlocks = "guard_min_blocks", neverDropWords = "never_drop_words"
            case groupThreshold = "group_threshold"
        }
    }

    var version: Int
    var features: [String]
    var proseMinWords: Int
    var languages: [String]
    var lexicon: Lexicon
    var trees: Trees
    var decision: Decision

    enum CodingKeys: String, CodingKey {
        case version, features, languages, lexicon, trees, decision
        case proseMinWords = "prose_min_words"
    }
}

extension ClassifierModel {
    /// Reads model.json as its `Decodable` conformance does (the same fields and names),
    /// from `JSONValue`: `JSONDecoder` took a tenth of a second's work of a core at start-up.
    init(json: JSONValue) throws {
        let lexicon = try json.field("lexicon"), trees = try json.field("trees"), decision = try json.field("decision")
        guard case .object(let weights) = try lexicon.field("weights") else {
            throw JSONValue.Mismatch(description: "'weights' is not an object")
        }
        self.init(
            version: try json.field("version").int("version"),
            features: try json.field("features").strings("features"),
            proseMinWords: try json.field("prose_min_words").int("prose_min_words"),
            languages: try json.field("languages").strings("languages"),
            lexicon: Lexicon(bias: try lexicon.field("bias").double("bias"),
                             weights: try weights.mapValues { try $0.double("weights") }),
            trees: Trees(bias: try trees.field("bias").double("bias"),
                         trees: try trees.field("trees").array("trees").map { t in
                             Tree(feature: try t.field("feature").ints("feature"),
                                  threshold: try t.field("threshold").doubles("threshold"),
                                  left: try t.field("left").ints("left"),
                                  right: try t.field("right").ints("right"),
                                  value: try t.field("value").doubles("value"))
                         }),
            decision: Decision(threshold: try decision.field("threshold").double("threshold"),
                               proseThreshold: try decision.field("prose_threshold").double("prose_threshold"),
                               guardP: try decision.field("guard_p").double("guard_p"),
                               guardMinBlocks: try decision.field("guard_min_blocks").int("guard_min_blocks"),
                               neverDropWords: try decision.field("never_drop_words").int("never_drop_words"),
                               groupThreshold: try decision.field("group_threshold").double("group_threshold")))
    }
}

/// The trees laid out as complete binary trees of one depth for a branch-free hot loop:
/// in tree `t`, node `k` (root 0) tests `row[feature] <= threshold` and goes on to node
/// `2k + 1` (yes) or `2k + 2` (no); after `depth` steps the leaf index picks the value.
/// A leaf of the fitted tree that sits higher up becomes nodes that always go left
/// (threshold +infinity, feature 0) down to the leftmost leaf below it, which holds its
/// value; so every row reaches the leaf it reaches in the fitted tree, and the sum over
/// trees is the same, in the same order, as features.py `tree_score`.
struct Forest: Sendable {
    let depth: Int
    let feature: [Int32]
    let threshold: [Double]
    let value: [Double]
    let bias: Double
    private let internalCount: Int
    private let leafCount: Int

    init?(_ t: ClassifierModel.Trees, featureCount: Int, maxDepth: Int = 8) {
        // depth of every node, checking that the arrays form a tree
        var depth = 0
        var depths: [[Int]] = []
        for tree in t.trees {
            let n = tree.feature.count
            guard n > 0, tree.threshold.count == n, tree.left.count == n, tree.right.count == n, tree.value.count == n
            else { return nil }
            var d = [Int](repeating: -1, count: n)
            d[0] = 0
            for k in 0..<n {
                guard d[k] >= 0 else { return nil }  // unreachable node
                let f = tree.feature[k]
                if f < 0 { depth = max(depth, d[k]); continue }
                let l = tree.left[k], r = tree.right[k]
                guard f < featureCount, l > k, r > k, l < n, r < n, d[l] < 0, d[r] < 0 else { return nil }
                d[l] = d[k] + 1
                d[r] = d[k] + 1
            }
            depths.append(d)
        }
        guard depth <= maxDepth else { return nil }
        let inner = (1 << depth) - 1, leaves = 1 << depth
        var feature = [Int32](repeating: 0, count: inner * t.trees.count)
        var threshold = [Double](repeating: .infinity, count: inner * t.trees.count)
        var value = [Double](repeating: 0, count: leaves * t.trees.count)
        for (ti, tree) in t.trees.enumerated() {
            // walk the fitted tree, placing each node at its position in the complete tree
            var stack: [(node: Int, pos: Int)] = [(0, 0)]
            while let (k, pos) = stack.popLast() {
                if tree.feature[k] < 0 {
                    var leaf = pos
                    while leaf < inner { leaf = 2 * leaf + 1 }  // always left down to the leaves
                    value[ti * leaves + leaf - inner] = tree.value[k]
                } else {
                    feature[ti * inner + pos] = Int32(tree.feature[k])
                    threshold[ti * inner + pos] = tree.threshold[k]
                    stack.append((tree.left[k], 2 * pos + 1))
                    stack.append((tree.right[k], 2 * pos + 2))
                }
            }
        }
        self.depth = depth
        self.feature = feature
        self.threshold = threshold
        self.value = value
        self.bias = t.bias
        self.internalCount = inner
        self.leafCount = leaves
    }

    /// The bias plus the leaf values `row` reaches, tree by tree in order.
    ///
    /// Four trees are walked side by side: a step down one tree waits on two loads (the
    /// node's feature, then that feature's value), and four independent walks keep the
    /// processor busy meanwhile. Their leaves are added in tree order, so the sum is the
    /// same to the last bit as one tree at a time.
    @inline(__always) func score(_ row: UnsafePointer<Double>) -> Double {
        let inner = internalCount, leaves = leafCount, depth = depth
        let trees = value.count / max(1, leaves)
        var s = 0.0
        feature.withUnsafeBufferPointer { f in
            threshold.withUnsafeBufferPointer { th in
                value.withUnsafeBufferPointer { v in
                    @inline(__always) func step(_ fo: Int, _ k: Int) -> Int {
                        2 * k + 1 + (row[Int(f[fo + k])] <= th[fo + k] ? 0 : 1)
                    }
                    var t = 0
                    while t + 4 <= trees {
                        let o0 = t * inner, o1 = o0 + inner, o2 = o1 + inner, o3 = o2 + inner
                        var k0 = 0, k1 = 0, k2 = 0, k3 = 0
                        for _ in 0..<depth {
                            k0 = step(o0, k0)
                            k1 = step(o1, k1)
                            k2 = step(o2, k2)
                            k3 = step(o3, k3)
                        }
                        let l = t * leaves - inner
                        s += v[l + k0]
                        s += v[l + leaves + k1]
                        s += v[l + 2 * leaves + k2]
                        s += v[l + 3 * leaves + k3]
                        t += 4
                    }
                    while t < trees {
                        let fo = t * inner
                        var k = 0
                        for _ in 0..<depth { k = step(fo, k) }
                        s += v[t * leaves + k - inner]
                        t += 1
                    }
                }
            }
        }
        return bias + s
    }
}

/// The model and the stopword lists, loaded once per process (a `static let` is
/// initialised lazily and thread-safely) and shared read-only by every worker.
final class ClassifierResources: Sendable {
    let model: ClassifierModel
    let stopwords: StopwordTable
    let forest: Forest

    init(model: ClassifierModel, stopwords: StopwordTable, forest: Forest) {
        self.model = model
        self.stopwords = stopwords
        self.forest = forest
    }

    /// The shipped model, or the reason it could not be used.
    static let shared: Result<ClassifierResources, ClassifierLoadError> = load()

    static func load() -> Result<ClassifierResources, ClassifierLoadError> {
        guard let modelDir = resourceDirectory("classifier"), let stopDir = resourceDirectory("stopwords") else {
            return .failure(ClassifierLoadError(message: "classifier resources not found (set WINNOW_RESOURCES)"))
        }
        let model: ClassifierModel
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: modelDir + "/model.json"))
            model = try ClassifierModel(json: JSONValue(parsing: [UInt8](data)))
        } catch {
            return .failure(ClassifierLoadError(message: "classifier model unreadable: \(error)"))
        }
        guard model.version == 2, model.features == BlockFeatures.featureNames else {
            return .failure(ClassifierLoadError(message: "classifier model does not match this build's features"))
        }
        guard let forest = Forest(model.trees, featureCount: BlockFeatures.rowCount) else {
            return .failure(ClassifierLoadError(message: "classifier model has a malformed tree"))
        }
        var lists: [[String]] = []
        for lang in model.languages {
            guard let text = try? String(contentsOfFile: stopDir + "/" + lang + ".txt", encoding: .utf8) else {
                return .failure(ClassifierLoadError(message: "stopword list \(lang).txt not found"))
            }
            lists.append(text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).compactMap {
                let w = trimmingHorizontalWhitespace($0).lowercased()
                return w.isEmpty || w.hasPrefix("#") ? nil : w
            })
        }
        let table = StopwordTable(lists: lists, lexicon: model.lexicon.weights)
        return .success(ClassifierResources(model: model, stopwords: table, forest: forest))
    }

    static func resourceDirectory(_ name: String) -> String? { ShippedResources.directory(name) }
}

/// `line` without the tabs, space separators (Unicode's Zs) and zero-width spaces at
/// either end: what `trimmingCharacters(in: .whitespaces)` takes off (that set, compared
/// code point by code point), without Foundation's character sets (a thousand lines of
/// stopwords cost milliseconds that way).
func trimmingHorizontalWhitespace(_ line: Substring) -> Substring {
    func space(_ c: Unicode.Scalar) -> Bool {
        c == "\t" || c == "\u{200B}" || c.properties.generalCategory == .spaceSeparator
    }
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { !space($0) }), let last = scalars.lastIndex(where: { !space($0) }) else { return "" }
    return Substring(scalars[first...last])
}

struct ClassifierLoadError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Stopwords of every language and the lexicon's word weights in one open-addressing
/// table keyed by a 64-bit FNV-1a hash of the lower-cased word's UTF-8; an entry holds a
/// bit mask of the languages (bit i = `model.languages[i]`) whose list holds the word, and
/// the word's lexicon weight (0 when it has none).
struct StopwordTable: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt32]
    private var weights: [Double]
    private let shiftMask: Int

    struct Entry {
        var mask: UInt32
        var weight: Double
    }

    init(lists: [[String]], lexicon: [String: Double] = [:]) {
        var size = 64
        let total = lists.reduce(0) { $0 + $1.count } + lexicon.count
        while size < total * 3 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        masks = [UInt32](repeating: 0, count: size)
        weights = [Double](repeating: 0, count: size)
        shiftMask = size - 1
        for (i, list) in lists.enumerated() {
            for w in list {
                let slot = slot(StopwordTable.key(w))
                masks[slot] |= UInt32(1) << UInt32(i)
            }
        }
        for (w, v) in lexicon {
            let slot = slot(StopwordTable.key(w))
            weights[slot] = v
        }
    }

    static func key(_ word: String) -> UInt64 {
        var h = seed
        for b in word.utf8 { h = step(h, b) }
        return finish(h)
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h | 1 }

    /// The slot of a key, claimed when new.
    private mutating func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & shiftMask
        while keys[i] != 0, keys[i] != key { i = (i + 1) & shiftMask }
        keys[i] = key
        return i
    }

    /// The language mask and lexicon weight of a finished hash (0 and 0 when unknown).
    @inline(__always) func entry(_ key: UInt64) -> Entry {
        keys.withUnsafeBufferPointer { k in
            var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & shiftMask
            while true {
                let v = k[i]
                if v == key { return Entry(mask: masks[i], weight: weights[i]) }
                if v == 0 { return Entry(mask: 0, weight: 0) }
                i = (i + 1) & shiftMask
            }
        }
    }

    /// The language mask of a finished hash, 0 when no list holds the word.
    @inline(__always) func mask(_ key: UInt64) -> UInt32 { entry(key).mask }
}
