import Dispatch

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

    public func clean(_ document: inout Document) {
        document.disabledRules = disabledRules
        guard measuresTime else {
            for stage in stages { stage.run(&document) }
            return
        }
        var last = DispatchTime.now().uptimeNanoseconds
        for (k, stage) in stages.enumerated() {
            stage.run(&document)
            let now = DispatchTime.now().uptimeNanoseconds
            secondsByStage[k] += Double(now - last) / 1e9
            last = now
        }
    }

    /// Convenience: cleans one text and returns the clean text.
    public func clean(_ text: String, id: String = "-") -> String {
        var doc = Document(id: id, text: text)
        clean(&doc)
        return doc.string
    }
}
