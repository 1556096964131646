import Foundation

/// The fitted block classifier as shipped in `Resources/classifier/model.json`
/// (written by `tools/classifier/fit.py`): a lexicon of word weights, gradient-boosted
/// trees over each block's features, the decision settings, and the languages whose
/// stopword lists it was fitted with.
struct ClassifierModel: Sendable, Decodable {
    struct Lexicon: Sendable, Decodable {
        var bias: Double
        var weights: [String: Double]
    }
    struct Tree: Sendable, Decodable {
        var feature: [Int]
        var threshold: [Double]
        var left: [Int]
        var right: [Int]
        var value: [Double]
    }
    struct Trees: Sendable, Decodable {
        var bias: Double
        var trees: [Tree]
    }
    /// When a block is dropped (features.py `decide`).
    struct Decision: Sendable, Decodable {
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

/// The trees in flat arrays for the hot loop: node `k` of the forest tests
/// `row[feature[k]] <= threshold[k]` and goes to `left[k]` or `right[k]` (absolute
/// indices); a leaf has feature -1 and its value in `threshold[k]`.
struct Forest: Sendable {
    let feature: [Int32]
    let threshold: [Double]
    let left: [Int32]
    let right: [Int32]
    let roots: [Int32]
    let bias: Double

    init?(_ t: ClassifierModel.Trees, featureCount: Int) {
        var feature: [Int32] = [], threshold: [Double] = [], left: [Int32] = [], right: [Int32] = [], roots: [Int32] = []
        for tree in t.trees {
            let n = tree.feature.count
            guard n > 0, tree.threshold.count == n, tree.left.count == n, tree.right.count == n, tree.value.count == n
            else { return nil }
            let base = feature.count
            roots.append(Int32(base))
            for k in 0..<n {
                let f = tree.feature[k]
                if f < 0 {
                    feature.append(-1); threshold.append(tree.value[k]); left.append(0); right.append(0)
                } else {
                    guard f < featureCount, (0..<n).contains(tree.left[k]), (0..<n).contains(tree.right[k]),
                          tree.left[k] > k, tree.right[k] > k  // children after their parent: no loops
                    else { return nil }
                    feature.append(Int32(f)); threshold.append(tree.threshold[k])
                    left.append(Int32(base + tree.left[k])); right.append(Int32(base + tree.right[k]))
                }
            }
        }
        self.feature = feature; self.threshold = threshold; self.left = left; self.right = right
        self.roots = roots; self.bias = t.bias
    }

    /// The bias plus the leaf values `row` reaches, tree by tree in order (the same sum as
    /// features.py `tree_score`).
    @inline(__always) func score(_ row: UnsafePointer<Double>) -> Double {
        var s = 0.0
        feature.withUnsafeBufferPointer { f in
            threshold.withUnsafeBufferPointer { th in
                left.withUnsafeBufferPointer { l in
                    right.withUnsafeBufferPointer { r in
                        for root in roots {
                            var k = Int(root)
                            while true {
                                let fk = f[k]
                                if fk < 0 { break }
                                k = Int(row[Int(fk)] <= th[k] ? l[k] : r[k])
                            }
                            s += th[k]
                        }
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
            model = try JSONDecoder().decode(ClassifierModel.self, from: data)
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
                let w = $0.trimmingCharacters(in: .whitespaces).lowercased()
                return w.isEmpty || w.hasPrefix("#") ? nil : w
            })
        }
        let table = StopwordTable(lists: lists, lexicon: model.lexicon.weights)
        return .success(ClassifierResources(model: model, stopwords: table, forest: forest))
    }

    static func resourceDirectory(_ name: String) -> String? { ShippedResources.directory(name) }
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
