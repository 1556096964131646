import ArgumentParser
import Foundation
import Winnow

/// `winnow clean`: standard input to standard output, or files and folders to `-o`.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Clean articles: stdin to stdout, or files and folders (recursively) to -o.",
        discussion: """
        With no PATH (or -), reads standard input and writes standard output. JSON Lines
        (--format jsonl, a .jsonl file, or stdin starting with a JSON object) keep every
        field; `text` is replaced and a `winnow` field says what was learned and done.
        Exit status: 0 all good, 1 some documents failed (the rest were written), 2 usage,
        130 interrupted (SIGINT/SIGTERM: the document in hand is finished or discarded;
        output files are written under a temporary name and renamed, never half-written).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, text, jsonl
    }

    @Argument(help: "Files or folders to clean; none or - for standard input.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output file or folder (a mirror of the input tree).")
    var output: String?

    @Option(help: "Input format: auto (by extension; stdin by its first line), text, jsonl.")
    var format: Format = .auto

    @Option(help: "Documents cleaned in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print every edit (stage, rule, reason, before → after) on standard error (`--explain json` for JSON Lines).")
    var explain = false

    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Format of --explain: text (one line an edit) or json (one JSON object an edit).")
    var explainFormat: ExplainFormat = .text

    @Option(help: ArgumentHelp("Write --explain output to this file instead of standard error.", valueName: "path"))
    var explainTo: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report of the batch (before/after, counts by rule).", valueName: "report.html"))
    var report: String?

    @Flag(name: .shortAndLong, help: "No progress bar and no end-of-batch summary (failures are still reported).")
    var quiet = false

    @Option(help: "Where JSON Lines records that cannot be read go (default: beside the output, OUT.rejects.jsonl).")
    var rejects: String?

    enum BinaryPolicy: String, ExpressibleByArgument, CaseIterable {
        case refuse, skip
    }

    @Option(help: "Binary input (an image, a gzip file…): refuse (one line on standard error, exit status 1) or skip (silently, counted in the summary).")
    var binary: BinaryPolicy = .refuse

    @OptionGroup(title: "Pipeline")
    var pipelineOptions: PipelineOptions

    @Option(help: "For plain text on stdin: a line that separates documents.")
    var separator: String?

    @Option(help: "The source of documents that name none (no `url`), for site templates: by default a file's folder, a JSON Lines file's path, or <stdin>. Give the same to `winnow stats`.")
    var source: String?

    @Flag(help: "After the run, print on standard error the time each stage took and its throughput over the text cleaned.")
    var timings = false

    @Flag(help: "Go on with an interrupted run into the same -o: inputs whose output exists are passed over, and JSON Lines files continue from their last checkpoint.")
    var resume = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resume, output == nil || paths.isEmpty || paths == ["-"] {
            throw ValidationError("--resume needs input files or folders and -o (standard input cannot be resumed)")
        }
    }

    func run() throws {
        Interrupt.install()
        // A batch of files gets its corpus statistics from a first pass, so that lines a
        // site repeats on many pages can go; a stream needs them given (--corpus-stats).
        var corpus = try pipelineOptions.loadCorpusStatistics()
        if corpus == nil, !(paths.isEmpty || paths == ["-"]), pipelineOptions.templatesEnabled {
            corpus = Batch.gatherStatistics(paths, format: format, sourceName: source)
        }
        let pipeline = try pipelineOptions.makePipeline(corpus: corpus)
        var explainOut: Output?
        if explain, let explainTo {
            let fd = open(explainTo, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                Diagnostics.error(explainTo, "cannot write (\(String(cString: strerror(errno))))")
                throw ExitCode(2)
            }
            explainOut = Output(fd: fd)
        }
        let started = Date()
        let views = Views(explain: explain ? explainFormat : nil, report: report != nil)
        var batch = Batch(cleaner: ParallelCleaner(pipeline: pipeline, jobs: jobs), views: views, explainOut: explainOut)
        batch.skipBinary = binary == .skip
        if timings { batch.cleaner.measureTime() }
        batch.resume = resume
        batch.sourceName = source
        if Interrupt.requested { Diagnostics.raw("winnow: interrupted\n"); throw ExitCode(130) }
        if paths.isEmpty || paths == ["-"] {
            Progress.begin(total: nil, enabled: !quiet)
            try batch.cleanStandardInput(format: format, separator: separator, output: output, rejects: rejects)
        } else {
            Progress.begin(total: quiet || isatty(2) == 0 ? nil : Batch.size(of: paths), enabled: !quiet)
            try batch.cleanPaths(paths, format: format, output: output, rejects: rejects)
        }
        if Interrupt.requested {
            let hint = output != nil && !(paths.isEmpty || paths == ["-"]) ? " (run again with --resume to go on)" : ""
            Diagnostics.raw("winnow: interrupted; \(batch.stats.documents) documents done\(hint)\n")
            Progress.end()
            explainOut?.close()
            throw ExitCode(130)
        }
        batch.finish(reportPath: report, wroteToFile: output != nil, quiet: quiet, seconds: Date().timeIntervalSince(started))
        if timings { Diagnostics.raw(Batch.timingTable(batch.cleaner.secondsByStage, textBytes: batch.stats.tally.bytesIn)) }
        if batch.stats.failed > 0 { throw ExitCode(1) }
    }
}

/// The options that build the pipeline, shared by `clean` and `diff` (so `diff` shows
/// exactly what `clean` with the same options does).
struct PipelineOptions: ParsableArguments {
    @Option(help: "Configuration file (YAML or JSON).")
    var config: String?

    @Option(name: .customLong("rules"), help: "An extra rule pack (repeatable).")
    var rulePacks: [String] = []

    @Option(help: "Turn off a stage, a rule id, a rule id prefix ending in '.', or a pack (repeatable).")
    var disable: [String] = []

    @Option(help: "Turn on a stage that is off by default or in the configuration (repeatable).")
    var enable: [String] = []

    @Flag(help: "Keep typographic quotes and the ellipsis as they came.")
    var keepTypography = false

    @Option(help: "Read input in this charset (an ICU converter name such as windows-1251), skipping detection.")
    var encoding: String?

    @Option(help: "Corpus statistics from `winnow stats` (repeatable; they add up).")
    var corpusStats: [String] = []

    /// Whether the site-template stage runs (it is on unless turned off).
    var templatesEnabled: Bool {
        !disable.contains("templates") && ((try? makeConfiguration())?.stages["templates"] ?? true)
    }

    /// The statistics files given, merged; nil when none were given.
    func loadCorpusStatistics() throws -> CorpusStats? {
        guard !corpusStats.isEmpty else { return nil }
        var merged = CorpusStats()
        for path in corpusStats {
            do {
                let bytes = try Input.readFile(path)
                merged.merge(try CorpusStats.parse(String(decoding: bytes, as: UTF8.self), source: path))
            } catch let e as Input.Failure {
                Diagnostics.error(path, e.message)
                throw ExitCode(2)
            } catch {
                Diagnostics.raw("winnow: \(error)\n")
                throw ExitCode(2)
            }
        }
        return merged
    }

    /// The compiled pipeline; a pack or configuration that does not load is a usage error.
    func makePipeline(corpus: CorpusStats? = nil) throws -> Pipeline {
        do {
            return try Pipeline(configuration: try makeConfiguration(), corpus: corpus)
        } catch let e as ValidationError {
            throw e
        } catch {
            Diagnostics.raw("winnow: \(error)\n")
            throw ExitCode(2)
        }
    }

    private func makeConfiguration() throws -> Configuration {
        var c = Configuration()
        if let config { c = try Configuration.load(path: config) }
        for name in disable {
            if StageRegistry.descriptor(named: name) != nil { c.stages[name] = false } else { c.disabledRules.insert(name) }
        }
        for name in enable {
            guard StageRegistry.descriptor(named: name) != nil else {
                throw ValidationError("unknown stage '\(name)' (stages: \(StageRegistry.names.joined(separator: ", ")))")
            }
            c.stages[name] = true
        }
        c.rulePacks += rulePacks
        if keepTypography { c.keepTypography = true }
        if let encoding { c.encoding = encoding }
        return c
    }
}
