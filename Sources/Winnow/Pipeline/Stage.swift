/// A named step of the pipeline. It reads the document's current text and proposes
/// edits through `Document.apply(_:stage:)`; it never rewrites text any other way.
///
/// A stage instance belongs to one worker (one thread) at a time: stages may hold
/// matchers with per-match state. `Pipeline.makeCleaner()` builds a fresh set per worker.
public protocol Stage: AnyObject {
    /// The registry name (`decode`, `unicode`, `boilerplate`, `canonical`).
    var name: String { get }
    /// How the stage's work bears on other stages' decisions (see `Cleaner.clean`).
    var role: StageRole { get }
    func run(_ document: inout Document)
    /// For a block stage: whether it could decide otherwise now that these lines (of a
    /// text it has judged) read as they do. True unless the stage can tell cheaply.
    func mayJudgeDifferently(_ lines: [ArraySlice<UInt8>]) -> Bool
    /// For a block stage: whether the text it last judged could be judged otherwise once a
    /// later stage drops some of its blocks (a letter's close brought within reach of its
    /// greeting, a list's heading of more items). True unless the stage can tell cheaply.
    func mayJudgeDifferentlyAfterDrops() -> Bool
}

/// What a stage does that a later stage can undo the grounds of.
public enum StageRole: Sendable {
    /// Keeps or drops whole lines by what they say (rule packs, templates).
    case judgesBlocks
    /// Rewrites words inside lines (typo repair): a repaired word can make a line one
    /// that a block stage would have dropped.
    case changesWords
    /// Repairs characters by what stands beside them on a line (Unicode repair: mojibake
    /// reads a space after some letters as a lost no-break space byte).
    case repairsCharacters
    /// Joins lines (layout): characters that stood on two lines now stand side by side,
    /// where a character repair may read them otherwise.
    case joinsLines
    case other
}

extension Stage {
    public var role: StageRole { .other }
    public func mayJudgeDifferently(_ lines: [ArraySlice<UInt8>]) -> Bool { true }
    public func mayJudgeDifferentlyAfterDrops() -> Bool { true }
}

/// Describes a stage for the registry: its name, whether it runs unless turned off,
/// and how to build it from the settings.
public struct StageDescriptor: Sendable {
    public var name: String
    public var summary: String
    public var enabledByDefault: Bool
    /// Required stages cannot be turned off: later stages rely on what they guarantee
    /// (valid UTF-8 after `decode`).
    public var required: Bool
    let make: @Sendable (PipelineResources) -> Stage
    /// Loads the process-wide data the stage reads (word lists, the classifier's model),
    /// which depends on no rule pack: `Pipeline` runs it on another thread while it reads
    /// and compiles the packs, so a process that cleans one page waits for the longer of
    /// the two instead of both. Nil for stages with no such data.
    var preload: (@Sendable () -> Void)? = nil
}

/// The stages Winnow knows, in the fixed order they run.
public enum StageRegistry {
    public static let all: [StageDescriptor] = [
        StageDescriptor(name: "decode", summary: "bytes to text: UTF-8, UTF-16/32 with BOM, legacy charsets (ICU detection), invalid bytes repaired",
                        enabledByDefault: true, required: true, make: { DecodeStage(encoding: $0.configuration.encoding) }),
        StageDescriptor(name: "unicode", summary: "markup debris, mojibake, controls and invisible characters, odd spaces, compatibility forms, look-alike letters, NFC",
                        enabledByDefault: true, required: false, make: { _ in UnicodeStage() }),
        StageDescriptor(name: "layout", summary: "words hyphenated across line breaks rejoined, hard-wrapped paragraphs unwrapped",
                        enabledByDefault: true, required: false, make: { _ in LayoutStage() }),
        StageDescriptor(name: "boilerplate", summary: "rule packs: appeals, captions, links, bylines, widgets",
                        enabledByDefault: true, required: false, make: { BoilerplateStage(rules: $0.rules.clone()) }),
        // Its document guard leaves article-only text alone; on full web pages it buys
        // precision. It judges every block as a group of its own (as canonical text has
        // it) and classifies again until nothing more goes, so its output is settled.
        StageDescriptor(name: "classifier", summary: "statistical block classifier: navigation, menus, teasers, footers",
                        enabledByDefault: true, required: false, make: { _ in BlockClassifierStage() }, preload: { _ = ClassifierResources.shared }),
        StageDescriptor(name: "templates", summary: "lines a source repeats on many pages (needs corpus statistics)",
                        enabledByDefault: true, required: false,
                        make: { TemplateStage(stats: $0.corpus, settings: $0.configuration.templates) }),
        StageDescriptor(name: "typo", summary: "conservative typo repair: unknown words, near-misses of names",
                        enabledByDefault: true, required: false, make: { _ in TypoStage() }, preload: { _ = WordIndex.shared }),
        StageDescriptor(name: "canonical", summary: "one paragraph a line, single spaces, folded quotes",
                        enabledByDefault: true, required: false,
                        make: { CanonicalStage(keepTypography: $0.configuration.keepTypography) }),
    ]

    public static var names: [String] { all.map(\.name) }

    public static func descriptor(named name: String) -> StageDescriptor? {
        all.first { $0.name == name }
    }
}
