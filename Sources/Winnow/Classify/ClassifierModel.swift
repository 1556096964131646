import Foundation

/// The fitted block classifier as shipped in `Resources/classifier/model.json`
/// (written by `tools/classifier/fit.py`): two logistic regressions, the smoothing
/// settings, and the languages whose stopword lists it was fitted with.
struct ClassifierModel: Sendable, Decodable {
    struct Logistic: Sendable, Decodable {
        var weights: [Double]
        var bias: Double
    }
    struct Core: Sendable, Decodable {
        var p: Double
        var minWords: Int
        var regionBias: Double
        enum CodingKeys: String, CodingKey { case p, minWords = "min_words", regionBias = "region_bias" }
    }

    var version: Int
    var baseFeatures: [String]
    var contextFeatures: [String]
    var languages: [String]
    var core: Core
    var stage1: Logistic
    var stage2: Logistic
    var threshold: Double
    var smoothLow: Double
    var smoothHigh: Double
    var smoothShortWords: Int
    var smoothBadBad: Double
    var smoothGoodGood: Double
    var neverDropWords: Int

    enum CodingKeys: String, CodingKey {
        case version, languages, core, stage1, stage2, threshold
        case baseFeatures = "base_features", contextFeatures = "context_features"
        case smoothLow = "smooth_low", smoothHigh = "smooth_high", smoothShortWords = "smooth_short_words"
        case smoothBadBad = "smooth_bad_bad", smoothGoodGood = "smooth_good_good", neverDropWords = "never_drop_words"
    }
}

/// The model and the stopword lists, loaded once per process (a `static let` is
/// initialised lazily and thread-safely) and shared read-only by every worker.
final class ClassifierResources: Sendable {
    let model: ClassifierModel
    let stopwords: StopwordTable

    init(model: ClassifierModel, stopwords: StopwordTable) {
        self.model = model
        self.stopwords = stopwords
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
        guard model.baseFeatures == BlockFeatures.baseNames, model.contextFeatures == BlockFeatures.contextNames,
              model.stage1.weights.count == BlockFeatures.baseNames.count,
              model.stage2.weights.count == BlockFeatures.baseNames.count + BlockFeatures.contextNames.count
        else {
            return .failure(ClassifierLoadError(message: "classifier model does not match this build's features"))
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
        return .success(ClassifierResources(model: model, stopwords: StopwordTable(lists: lists)))
    }

    static func resourceDirectory(_ name: String) -> String? { ShippedResources.directory(name) }
}

struct ClassifierLoadError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Stopwords of every language in one open-addressing table keyed by a 64-bit FNV-1a
/// hash of the lower-cased word's UTF-8; the value is a bit mask of the languages
/// (bit i = `model.languages[i]`) whose list holds the word.
struct StopwordTable: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt32]
    private let shiftMask: Int

    init(lists: [[String]]) {
        var size = 64
        let total = lists.reduce(0) { $0 + $1.count }
        while size < total * 3 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        masks = [UInt32](repeating: 0, count: size)
        shiftMask = size - 1
        for (i, list) in lists.enumerated() {
            for w in list {
                var h = StopwordTable.seed
                for b in w.utf8 { h = StopwordTable.step(h, b) }
                insert(StopwordTable.finish(h), UInt32(1) << UInt32(i))
            }
        }
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h | 1 }

    private mutating func insert(_ key: UInt64, _ mask: UInt32) {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & shiftMask
        while keys[i] != 0, keys[i] != key { i = (i + 1) & shiftMask }
        keys[i] = key
        masks[i] |= mask
    }

    /// The language mask of a finished hash, 0 when no list holds the word.
    @inline(__always) func mask(_ key: UInt64) -> UInt32 {
        keys.withUnsafeBufferPointer { k in
            var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & shiftMask
            while true {
                let v = k[i]
                if v == key { return masks[i] }
                if v == 0 { return 0 }
                i = (i + 1) & shiftMask
            }
        }
    }
}
