import ArgumentParser
import Foundation
import Winnow

/// `winnow diff`: what cleaning removed or changed in each document, and why. Reads,
/// cleans with the same pipeline as `clean`, and prints a view of the edit log.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what cleaning removes or changes, paragraph by paragraph, with the rule behind each change.",
        discussion: """
        A unified diff by paragraph: original lines (-) and clean paragraphs (+), each hunk
        headed by the rule ids and reasons that caused it; changed words are highlighted
        in colour. Layout that canonical form always changes (blank lines between
        paragraphs, white space at line ends) is not shown. Control and invisible
        characters are shown as \\u{XX}. With no PATH (or -), reads standard input; a
        .jsonl file is diffed record by record. NO_COLOR turns colour off for --color auto.
        """
    )

    @Argument(help: "Files to compare (.jsonl: each record); none or - for standard input.")
    var paths: [String] = []

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorMode = .auto

    @Flag(help: "Original and clean side by side, fitted to the terminal width (COLUMNS).")
    var sideBySide = false

    @Option(help: "Width for --side-by-side (default: COLUMNS, or the terminal's, or 80).")
    var width: Int?

    @Flag(help: "Counts by category and by rule instead of the diff.")
    var stat = false

    @Option(name: [.customShort("U"), .long], help: "Unchanged paragraphs shown around each change.")
    var context: Int = 1

    @OptionGroup(title: "Pipeline")
    var pipelineOptions: PipelineOptions

    func validate() throws {
        if context < 0 { throw ValidationError("--context must be 0 or more") }
        if let width, width < 21 { throw ValidationError("--width must be at least 21") }
    }

    func run() throws {
        let cleaner = try pipelineOptions.makePipeline().makeCleaner()
        let renderer = DiffRenderer(color: Terminal.useColor(color, fd: 1), context: context)
        let columns = width ?? Terminal.width()
        let out = Output(fd: 1)
        defer { out.close() }
        var failed = 0
        var total = Tally()

        func show(_ id: String, _ raw: [UInt8]) {
            let bytes: [UInt8]
            do { bytes = try InputCheck.prepare(raw) } catch {
                Diagnostics.error(id, "\(error)")
                failed += 1
                return
            }
            // As `clean` cleans it: a document too long to clean whole, part by part.
            for doc in cleaner.cleanInParts(id: id, bytes: bytes, source: nil).documents {
                let comparison = Comparison(doc)
                if stat {
                    out.write(renderer.stat(comparison, document: doc))
                    total.add(doc, comparison: comparison)
                } else if sideBySide {
                    out.write(renderer.sideBySide(comparison, width: columns))
                } else {
                    out.write(renderer.unified(comparison))
                }
            }
            out.flush()
        }

        let inputs = paths.isEmpty ? ["-"] : paths
        for path in inputs {
            let bytes: [UInt8]
            do {
                bytes = path == "-" ? try Input.readAll(fd: 0) : try Input.readFile(path)
            } catch let e as Input.Failure {
                Diagnostics.error(path == "-" ? "<stdin>" : path, e.message)
                failed += 1
                continue
            }
            if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
                var number = 0
                for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                    number += 1
                    guard line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { continue }
                    do {
                        let record = try JSONRecord(Array(line))
                        show("\(path):\(number)", record.text)
                    } catch {
                        Diagnostics.error("\(path):\(number)", "\(error)")
                        failed += 1
                    }
                }
            } else {
                show(path == "-" ? "<stdin>" : path, bytes)
            }
        }
        if stat, total.documents > 1 {
            out.write("total: \(total.documents) documents, \(total.bytesIn) bytes in, \(total.bytesOut) out\n")
            out.write(Tally.table("category", total.byCategory))
            out.write(Tally.table("rule", total.byRule))
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

extension ColorMode: ExpressibleByArgument {}
