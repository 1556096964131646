import ArgumentParser
import Foundation
import Winnow

/// `winnow stats`: the corpus pass on its own. Counts, per source, the documents each
/// line appears in, and prints them in a text form that adds up across files — so a
/// distributed run computes it per partition, concatenates, and ships the result to
/// every worker's `winnow clean --corpus-stats`.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print corpus statistics (line counts per source) for `clean --corpus-stats`."
    )

    @Argument(help: "Files or folders; none or - for standard input.")
    var paths: [String] = []

    @Option(help: "Input format: auto, text, jsonl.")
    var format: Clean.Format = .auto

    @Option(help: "Leave out lines seen in fewer documents than this (smaller output; keep 1 when the statistics of several parts are to be added up).")
    var minDocuments: Int = 1

    @Option(help: "The source of documents that name none (no `url`), as for `clean --source`; by default a file's folder, a JSON Lines file's path, or <stdin>.")
    var source: String?

    @Option(help: "For plain text on stdin: a line that separates documents (as for `clean`).")
    var separator: String?

    func run() throws {
        var stats = CorpusStats()
        if paths.isEmpty || paths == ["-"] {
            let head = try Input.readSome(fd: 0)
            let jsonl = format == .jsonl || (format == .auto && head.first(where: { $0 != 0x20 && $0 != 0x0A }) == UInt8(ascii: "{"))
            try Batch.addStatistics(fd: 0, prefix: head, jsonl: jsonl, source: source ?? "<stdin>", separator: separator, into: &stats)
        } else {
            stats = Batch.gatherStatistics(paths, format: format, sourceName: source)
        }
        let out = Output(fd: 1)
        out.write(stats.pruned(minDocuments: max(1, minDocuments)).serialized())
        out.close()
    }
}
