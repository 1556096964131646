import Dispatch
import Foundation

/// What stages are built from: the configuration and the compiled rules, shared
/// read-only by every worker.
public struct PipelineResources: @unchecked Sendable {
    public let configuration: Configuration
    let rules: RuleSet
    /// Corpus statistics from a first pass, when the run has them.
    let corpus: CorpusStats?
}

/// The configured pipeline: compiled once, then `makeCleaner()` for each worker thread.
public final class Pipeline: @unchecked Sendable {
    public let configuration: Configuration
    public let stages: [StageDescriptor]
    let resources: PipelineResources

    /// Compiles the built-in rule packs plus the configuration's own.
    /// - Throws: `RulePack.Invalid` naming the pack and rule when a pack is malformed.
    public convenience init(configuration: Configuration = Configuration(), corpus: CorpusStats? = nil) throws {
        Pipeline.preload(configuration)
        var packs = try BuiltinRules.load()
        for path in configuration.rulePacks { packs.append(try RulePack.load(path: path)) }
        try self.init(configuration: configuration, packs: packs, corpus: corpus)
    }

    /// Compiles exactly the given packs (tests and embedders).
    public init(configuration: Configuration, packs: [RulePack], corpus: CorpusStats? = nil) throws {
        self.configuration = configuration
        self.stages = StageRegistry.all.filter { configuration.isEnabled($0) }
        self.resources = PipelineResources(configuration: configuration,
                                           rules: try RuleSet(packs: packs, configuration: configuration),
                                           corpus: corpus)
    }

    /// Starts loading, on another thread, the data the enabled stages share (see
    /// `StageDescriptor.preload`). Each is a lazily made `static let`, so a stage that
    /// asks for it before the load is done waits for it, and it is made once either way.
    static func preload(_ configuration: Configuration) {
        let loads = StageRegistry.all.filter { configuration.isEnabled($0) }.compactMap(\.preload)
        guard !loads.isEmpty else { return }
        // Each load on a thread of its own: the main thread compiles few rules now (see
        // `ICURegex`), and the word lists alone take longer than the model.
        let group = DispatchGroup()
        for load in loads { DispatchQueue.global().async(group: group) { load() } }
        group.notify(queue: .global()) {
            // The loads ran in malloc arenas of their threads' own, which keep the pages
            // of their freed scratch arrays (some 4 MB) unless told to give them back:
            // glibc's malloc_trim, which trims every arena (not in Swift's Glibc module,
            // hence looked up by name; absent elsewhere, and then there is nothing to do).
            if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
                _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
            }
        }
    }

    /// A cleaner with its own stage instances (and regex matchers) for one thread.
    public func makeCleaner() -> Cleaner {
        Cleaner(stages: stages.map { $0.make(resources) }, disabledRules: configuration.disabledRules)
    }
}

/// Runs the stages over documents, one at a time, on one thread.
public final class Cleaner {
    let stages: [Stage]
    let disabledRules: Set<String>
    /// When set, the time each stage takes is added up (`--timings`; a clock read per
    /// stage and document, so it is off unless asked for).
    public var measuresTime = false
    /// Seconds spent in each stage (in `stageNames` order) while `measuresTime` was set.
    public private(set) var secondsByStage: [Double]
    public var stageNames: [String] { stages.map(\.name) }

    init(stages: [Stage], disabledRules: Set<String>) {
        self.stages = stages
        self.disabledRules = disabledRules
        self.secondsByStage = Array(repeating: 0, count: stages.count)
    }

    /// Rounds of block stages after word repairs, at most (real text needs one).
    static let maxRevisits = 3

    /// Runs every stage in order. When a stage that rewrites words changes the text, the
    /// block stages before it look again (a repaired "By guets author ..." is a byline),
    /// and the word stage again after they drop something, until neither changes
    /// anything: the output is then one that cleaning again leaves as it is. A block
    /// stage that can tell the changed lines make no difference is spared the look.
    public func clean(_ document: inout Document) {
        document.disabledRules = disabledRules
        for (i, stage) in stages.enumerated() {
            let before = document.edits.count
            let textBefore = stage.role == .changesWords ? document.text : []
            if stage.role == .judgesBlocks { runSettling(i, &document) } else { run(i, &document) }
            if stage.role == .joinsLines, document.edits.count > before { repairJoined(i, &document) }
            guard stage.role == .changesWords, document.edits.count > before else { continue }
            var changed = changedLines(textBefore, document.text)
            for _ in 0..<Cleaner.maxRevisits {
                let judged = document.edits.count
                for k in 0..<i where stages[k].role == .judgesBlocks && stages[k].mayJudgeDifferently(changed) {
                    runSettling(k, &document)
                }
                if document.edits.count == judged { break }
                let textBefore = document.text
                let repaired = document.edits.count
                run(i, &document)
                if document.edits.count == repaired { break }
                changed = changedLines(textBefore, document.text)
            }
        }
    }

    /// After stage `k` joined lines: the character repairs before it read the text again
    /// (and `k` again after them, until neither changes anything). A form feed read as a
    /// line break kept "è¡" and "å" apart; unwrapped, "è¡ å" is the mojibake of one
    /// character with its no-break space lost, which cleaning the output again would
    /// repair (a fuzz finding).
    private func repairJoined(_ k: Int, _ document: inout Document) {
        for _ in 0..<Cleaner.maxRevisits {
            let repaired = document.edits.count
            for j in 0..<k where stages[j].role == .repairsCharacters { run(j, &document) }
            if document.edits.count == repaired { return }
            let joined = document.edits.count
            run(k, &document)
            if document.edits.count == joined { return }
        }
    }

    /// Runs block stage `k`. When it drops something, the block stages before it that may
    /// judge the shorter text otherwise look again (the classifier's drops can bring a
    /// letter's close within a rule's reach of its greeting), and `k` again after them,
    /// until neither drops more: else cleaning the output again would find what they missed.
    private func runSettling(_ k: Int, _ document: inout Document) {
        var before = document.edits.count
        run(k, &document)
        for _ in 0..<Cleaner.maxRevisits where document.edits.count > before {
            let judged = document.edits.count
            for j in 0..<k where stages[j].role == .judgesBlocks && stages[j].mayJudgeDifferentlyAfterDrops() {
                run(j, &document)
            }
            if document.edits.count == judged { return }
            before = document.edits.count
            run(k, &document)
        }
    }

    /// Runs stage `k`, adding up its time when asked to.
    @inline(__always)
    private func run(_ k: Int, _ document: inout Document) {
        guard measuresTime else { stages[k].run(&document); return }
        let start = DispatchTime.now().uptimeNanoseconds
        stages[k].run(&document)
        secondsByStage[k] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Convenience: cleans one text and returns the clean text.
    public func clean(_ text: String, id: String = "-") -> String {
        var doc = Document(id: id, text: text)
        clean(&doc)
        return doc.string
    }
}

/// The lines of `new` that differ from `old`'s, when both have the same number of lines
/// (word repairs keep lines apart); otherwise every line of `new`.
///
/// Both texts are walked line by line in step, without splitting them (this runs after
/// every stage that changed words, on the whole document).
func changedLines(_ old: [UInt8], _ new: [UInt8]) -> [ArraySlice<UInt8>] {
    var changed: [ArraySlice<UInt8>] = []
    let sameCount = old.withUnsafeBufferPointer { a in
        new.withUnsafeBufferPointer { b in
            var i = 0, j = 0
            while true {
                let ie = firstByte(a, 0x0A, from: i), je = firstByte(b, 0x0A, from: j)
                if ie - i != je - j || (ie > i && memcmp(a.baseAddress! + i, b.baseAddress! + j, ie - i) != 0) {
                    changed.append(new[j..<je])
                }
                let aDone = ie == a.count, bDone = je == b.count
                if aDone || bDone { return aDone == bDone }
                i = ie + 1
                j = je + 1
            }
        }
    }
    return sameCount ? changed : new.split(separator: 0x0A, omittingEmptySubsequences: false)
}
