import ArgumentParser
import Foundation
import Winnow

/// Counts for the end-of-run summary and the exit status.
struct Stats {
    var documents = 0
    var failed = 0
    var bytesIn = 0
    var bytesOut = 0
    /// Binary files passed over under `--binary skip`.
    var skipped = 0
    /// Documents an earlier run had already finished (`--resume`), not cleaned again.
    var resumed = 0
    /// What the rules did over the whole run (for the summary and the report).
    var tally = Tally()
}

/// What each document asks for besides its clean text: explanations and report data,
/// all views of its edit log, computed on the worker that cleaned it.
struct Views {
    var explain: Clean.ExplainFormat?
    var report: Bool

    struct Output: @unchecked Sendable {
        var explanation: String?
        var tally: Tally
        var entry: ReportEntry?
    }

    func of(_ doc: Document) -> Output {
        let entry = report ? doc.reportEntry() : nil
        var tally = entry?.tally ?? Tally()
        if entry == nil { tally.add(doc) }
        let explanation: String?
        switch explain {
        case .text?: explanation = doc.explanation()
        case .json?: explanation = doc.explanationJSONLines()
        case nil: explanation = nil
        }
        return Output(explanation: explanation, tally: tally, entry: entry)
    }
}

/// Moves documents between files, streams and the library: reading, writing, naming
/// and reporting. The cleaning itself is `ParallelCleaner`'s.
struct Batch {
    let cleaner: ParallelCleaner
    let views: Views
    /// Where explanations go (standard error unless --explain-to).
    let explainOut: Output?
    var stats = Stats()
    var report: HTMLReport?
    /// `--binary skip`: binary input is passed over silently (and counted), not refused.
    var skipBinary = false
    /// `--source`: the source of documents that name none (no `url`), for site templates;
    /// by default a file's folder, a JSON Lines file's path, or `<stdin>`.
    var sourceName: String?
    /// `--resume`: outputs that exist are complete (they are renamed into place only when
    /// finished), so their inputs are passed over; JSON Lines files go on from their checkpoint.
    var resume = false

    init(cleaner: ParallelCleaner, views: Views, explainOut: Output?) {
        self.cleaner = cleaner
        self.views = views
        self.explainOut = explainOut
        if views.report { report = HTMLReport() }
    }

    /// Records one document's views: explanation out, counts and report entry kept.
    mutating func record(_ v: Views.Output?) {
        guard let v else { return }
        if let text = v.explanation {
            if let explainOut { explainOut.write(text) } else { Diagnostics.raw(text) }
        }
        if let entry = v.entry { report?.add(entry) } else { stats.tally.merge(v.tally) }
    }

    /// Text files per parallel batch, and bytes read at a time from a JSON Lines stream.
    static let filesPerBatch = 64
    static let readChunk = 1 << 20

    // MARK: - Standard input

    mutating func cleanStandardInput(format: Clean.Format, separator: String?, output: String?, rejects: String?) throws {
        var file: OutputFile?
        if let output {
            switch OutputFile.open(output) {
            case .success(let f): file = f
            case .failure(let e):
                Diagnostics.error(output, "cannot write (\(e.message))")
                throw ExitCode(1)
            }
        }
        let out = file?.out ?? Output(fd: 1)
        defer {
            if let file { finishOutput(file, name: output ?? "<stdout>") } else { out.close() }
        }
        var head: [UInt8] = []
        var jsonl = format == .jsonl
        if format == .auto {
            head = readSome(fd: 0)
            jsonl = looksLikeJSONLines(head)
        }
        if jsonl {
            let sink = RejectSink(path: rejects ?? output.map { $0 + ".rejects.jsonl" })
            cleanJSONLines(fd: 0, prefix: head, source: "<stdin>", out: out, rejects: sink)
            sink.close()
        } else if let separator {
            cleanSeparatedText(fd: 0, prefix: head, separator: separator, out: out)
        } else {
            cleanInParts(fd: 0, prefix: head, id: "<stdin>", out: out)
        }
        if file == nil, let failure = out.failed {
            Diagnostics.error("<stdout>", "write failed (\(failure))")
            stats.failed += 1
        }
    }

    /// Cleans the one plain-text document read from `fd` (after `prefix`), part by part
    /// as it is read when it is too long to clean whole (`DocumentParts`), writing each
    /// batch of parts as it is done: memory stays bounded however long the document is.
    /// Parts are cleaned in parallel and named "ID part K" in explanations and messages.
    private mutating func cleanInParts(fd: Int32, prefix: [UInt8], id: String, out: Output) {
        var cutter = DocumentParts()
        var joiner = PartJoiner()
        var next = prefix
        var eof = false
        var batch: [DocumentParts.Part] = []
        var number = 0
        var failed = false  // some part could not be cleaned (reported): the document failed
        while !eof, !Interrupt.requested {
            if next.isEmpty {
                do { next = try Input.readSome(fd: fd) } catch let e as Input.Failure {
                    if Interrupt.requested { return }
                    Diagnostics.error(id, "cannot read (\(e.message))")
                    stats.failed += 1
                    return
                } catch { return }
                eof = next.isEmpty
            }
            batch += eof ? cutter.finish() : cutter.feed(next)
            next = []
            guard batch.count >= cleaner.jobs || (eof && !batch.isEmpty) else { continue }
            let cut = cutter.isCut
            // Binary data is refused once, by its head, not part after part.
            if cut, number == 0, let first = batch.first {
                do { try InputCheck.requireText(first.bytes) } catch {
                    stats.documents += 1
                    if skipBinary { stats.skipped += 1 } else {
                        Diagnostics.error(id, "\(error)")
                        stats.failed += 1
                    }
                    return
                }
            }
            let results = cleanTexts(batch.map { part in
                number += 1
                return (cut ? "\(id) part \(number)" : id, readChecked(part.bytes))
            }, asParts: cut)
            for (part, text) in zip(batch, results) {
                if cut, text == nil { failed = true }
                // A document cleaned whole comes out as it was cleaned.
                let bytes = cut ? joiner.add(text.map { Array($0.utf8) } ?? [], joint: part.joint) : Array((text ?? "").utf8)
                out.write(bytes)
                stats.bytesOut += bytes.count
            }
            batch = []
        }
        if cutter.isCut {
            stats.documents += 1
            if failed { stats.failed += 1; report?.failed += 1 }
            let end = joiner.finish()
            out.write(end)
            stats.bytesOut += end.count
        }
    }

    /// A regular file longer than a document cleaned whole (`DocumentParts.wholeUpTo`).
    private func isLongFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && Int(st.st_size) > DocumentParts.wholeUpTo
    }

    /// Cleans a plain-text file part by part into `out` (`cleanInParts`).
    private mutating func cleanLongFile(_ path: String, out: Output) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            Diagnostics.error(path, String(cString: strerror(errno)))
            stats.failed += 1
            return
        }
        defer { close(fd) }
        cleanInParts(fd: fd, prefix: [], id: path, out: out)
    }

    /// Streams plain-text documents separated by lines equal to `separator` from `fd`
    /// (after `prefix`, bytes already read): the documents a read completes are cleaned
    /// together, in parallel, and written (the separator line between them) before the
    /// next read, so an endless stream flows through in the memory of a few documents.
    private mutating func cleanSeparatedText(fd: Int32, prefix: [UInt8], separator: String, out: Output) {
        var splitter = DocumentSplitter(separator: separator)
        var number = 0
        var next = prefix  // documents complete in the prefix go out before any wait
        var eof = false
        while !eof, !Interrupt.requested {
            if next.isEmpty {
                next = readSome(fd: fd)
                if Interrupt.requested { break }
                eof = next.isEmpty
            }
            let done = eof ? splitter.finish() : splitter.feed(next)
            next = []
            guard !done.isEmpty else { continue }
            let first = number
            let results = cleanTexts(done.map { doc in
                number += 1
                return ("<stdin>#\(number)", readChecked(doc))
            })
            for (k, result) in results.enumerated() {
                if first + k > 0 { out.write(separator + "\n") }
                if let text = result { out.write(text); stats.bytesOut += text.utf8.count }
            }
            out.flush()
        }
    }

    /// Renames a finished output into place, or discards it when the run was
    /// interrupted or a write failed (reported).
    private mutating func finishOutput(_ file: OutputFile, name: String) {
        if Interrupt.requested { file.discard(); return }
        if let failure = file.commit() {
            Diagnostics.error(name, "write failed (\(failure))")
            stats.failed += 1
        }
    }

    // MARK: - Files and folders

    mutating func cleanPaths(_ paths: [String], format: Clean.Format, output: String?, rejects: String?) throws {
        var jobs: [FileJob] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                Diagnostics.error(path, "No such file or directory")
                stats.failed += 1
                continue
            }
            if isDir.boolValue {
                let base = paths.count == 1 ? "" : URL(fileURLWithPath: path).standardized.lastPathComponent + "/"
                walk(path, relative: base, into: &jobs)
            } else {
                jobs.append(FileJob(path: path, relative: URL(fileURLWithPath: path).lastPathComponent, singleFile: true))
            }
        }
        let isJSONL = { (job: FileJob) in format == .jsonl || (format == .auto && job.hasJSONLinesExtension) }
        guard let output else {
            let single = paths.count == 1 && jobs.count == 1 && jobs[0].singleFile
            guard single || (!jobs.isEmpty && jobs.allSatisfy(isJSONL)) else {
                if jobs.isEmpty { return }
                throw ValidationError("several inputs or a folder need -o OUT")
            }
            let out = Output(fd: 1)
            let sink = RejectSink(path: rejects)
            defer { sink.close() }
            for job in jobs {
                if Interrupt.requested || out.failed != nil { break }
                if isJSONL(job) {
                    cleanJSONLinesFile(job.path, out: out, rejects: sink)
                } else if isLongFile(job.path) {
                    cleanLongFile(job.path, out: out)
                } else if let text = cleanTexts([(job.path, readChecked(job.path))]).first, let text {
                    out.write(text)
                    stats.bytesOut += text.utf8.count
                }
            }
            out.close()
            if let failure = out.failed {
                Diagnostics.error("<stdout>", "write failed (\(failure))")
                stats.failed += 1
            }
            return
        }
        let intoFolder = !(paths.count == 1 && jobs.count == 1 && jobs[0].singleFile)
            || output.hasSuffix("/") || isDirectory(output)
        func destination(_ job: FileJob) -> String { intoFolder ? output + "/" + job.relative : output }

        var texts = jobs.filter { !isJSONL($0) }
        if resume {
            let before = texts.count
            texts.removeAll { isRegularFile(destination($0)) }
            stats.resumed += before - texts.count
        }
        // A file too long to clean whole goes part by part, alone, into its output.
        for job in texts where isLongFile(job.path) {
            if Interrupt.requested { break }
            guard let file = openForWriting(destination(job)) else { continue }
            let before = stats.failed
            cleanLongFile(job.path, out: file.out)
            // Unread or refused in part, or interrupted: no output rather than part of one.
            if Interrupt.requested || stats.failed > before {
                file.discard()
            } else if let failure = file.commit() {
                Diagnostics.error(destination(job), "write failed (\(failure))")
                stats.failed += 1
            }
        }
        texts.removeAll { isLongFile($0.path) }
        var start = 0
        while start < texts.count, !Interrupt.requested {
            let chunk = Array(texts[start..<min(texts.count, start + Self.filesPerBatch)])
            start += chunk.count
            let results = cleanTexts(chunk.map { ($0.path, readChecked($0.path)) })
            for (job, result) in zip(chunk, results) {
                guard let result else { continue }
                writeFile(destination(job), Array(result.utf8))
            }
        }
        let sharedRejects = rejects.map { RejectSink(path: $0, append: resume) }
        defer { sharedRejects?.close() }
        for job in jobs where isJSONL(job) {
            if Interrupt.requested { break }
            let dest = destination(job)
            if resume, isRegularFile(dest) {
                stats.resumed += Self.countLines(dest)
                continue
            }
            let saved = resume ? Checkpoint.load(forOutput: dest, input: job.path) : nil
            let reopened = saved.flatMap { OutputFile.resume(dest, at: $0.outputBytes) }
            guard let file = reopened ?? openForWriting(dest) else { continue }
            let sink = sharedRejects ?? RejectSink(path: dest + ".rejects.jsonl")
            var checkpoint = file.resumable ? Checkpoint.start(input: job.path) : nil
            if reopened != nil, let saved {
                sink.resume(at: saved.rejectBytes)
                stats.resumed += saved.records
                checkpoint = saved
            }
            let opened = cleanJSONLinesFile(job.path, out: file.out, rejects: sink,
                                            checkpoint: checkpoint, output: dest)
            if sharedRejects == nil { sink.close() }
            if !opened {
                file.discard()  // the input could not be opened: no empty output for it
                Checkpoint.remove(forOutput: dest)
            } else if Interrupt.requested, checkpoint != nil {
                file.keep()  // with its checkpoint, for --resume
            } else {
                finishOutput(file, name: dest)
                Checkpoint.remove(forOutput: dest)
            }
        }
    }

    /// Records in a finished JSON Lines output (its lines), for the count of resumed documents.
    static func countLines(_ path: String) -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var count = 0
        var chunk = [UInt8](repeating: 0, count: readChunk)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { return count }
            for byte in chunk[0..<n] where byte == 0x0A { count += 1 }
        }
    }

    /// The source of a plain-text file for corpus statistics: the folder it is in.
    static func source(ofFile path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// The first pass of a batch: line counts per source over every input document,
    /// read quietly (problems are reported by the cleaning pass that follows).
    static func gatherStatistics(_ paths: [String], format: Clean.Format, sourceName: String? = nil) -> CorpusStats {
        var stats = CorpusStats()
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            guard isDir.boolValue else { files.append(path); continue }
            let walker = fm.enumerator(atPath: path)
            while let name = walker?.nextObject() as? String {
                let full = path.hasSuffix("/") ? path + name : path + "/" + name
                if URL(fileURLWithPath: name).lastPathComponent.hasPrefix(".") { walker?.skipDescendants(); continue }
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { files.append(full) }
            }
        }
        for file in files.sorted() {
            if Interrupt.requested { break }
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let jsonl = format == .jsonl || (format == .auto && (file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson")))
            try? addStatistics(fd: fd, jsonl: jsonl, source: sourceName ?? (jsonl ? file : source(ofFile: file)), into: &stats)
        }
        return stats
    }

    /// Adds the documents read from `fd` (after `prefix`, bytes already read) to `stats`,
    /// a read at a time, so memory holds a read and a document, not the input. Documents
    /// are cut and their sources named as `clean` does: a record's `url` host, else
    /// `source`; plain text is one document, or several between `separator` lines. A
    /// document too long to clean whole (`DocumentParts`; a JSON Lines record past
    /// `LongRecordReader.threshold`) is left out: it is no page of a site's template, and
    /// its line is passed over as it is read.
    static func addStatistics(fd: Int32, prefix: [UInt8] = [], jsonl: Bool, source: String, separator: String? = nil,
                              into stats: inout CorpusStats) throws {
        func addText(_ doc: [UInt8]) {
            if let bytes = try? InputCheck.prepare(doc) { stats.add(bytes, source: source) }
        }
        var splitter = separator.map { DocumentSplitter(separator: $0) }
        var pending: [UInt8] = []  // JSON Lines: bytes of a record not complete yet
        var scanned = 0            // bytes at the start of `pending` known to hold no line break
        var skippingLine = false   // JSON Lines: the rest of a record too long to count
        var whole: [UInt8]? = []   // the one plain-text document; nil once too long
        var next = prefix
        var eof = false
        while !eof, !Interrupt.requested {
            if next.isEmpty {
                next = try Input.readSome(fd: fd)
                eof = next.isEmpty
            }
            if jsonl {
                if skippingLine {
                    guard let end = next.firstIndex(of: 0x0A) else { next = []; continue }
                    next.removeSubrange(...end)
                    skippingLine = false
                }
                pending += next
                let end = eof ? pending.count : pending[scanned...].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                for line in pending[..<end].split(separator: 0x0A) where line.count <= LongRecordReader.threshold {
                    if let record = try? JSONRecord(Array(line)) { stats.add(record.text, source: record.sourceHost ?? source) }
                }
                pending.removeSubrange(..<end)
                if pending.count > LongRecordReader.threshold {
                    pending = []
                    skippingLine = true
                }
                scanned = pending.count
            } else if splitter != nil {
                for doc in splitter!.feed(next) + (eof ? splitter!.finish() : []) { addText(doc) }
            } else if whole != nil {
                whole! += next
                if whole!.count > DocumentParts.wholeUpTo { whole = nil }
            }
            next = []
        }
        if !jsonl, separator == nil, let whole { addText(whole) }
    }

    private struct FileJob {
        var path: String
        var relative: String
        var singleFile = false
        var hasJSONLinesExtension: Bool { path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") }
    }

    /// Adds the files under `dir` (sorted, hidden ones skipped), reporting folders it cannot read.
    private mutating func walk(_ dir: String, relative: String, into jobs: inout [FileJob]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        } catch {
            Diagnostics.error(dir, "cannot read folder (\(errnoText(error) ?? "Permission denied"))")
            stats.failed += 1
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if isDirectory(path) {
                walk(path, relative: relative + name + "/", into: &jobs)
            } else {
                jobs.append(FileJob(path: path, relative: relative + name))
            }
        }
    }

    private func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    private func errnoText(_ error: Error) -> String? {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        return nil
    }

    /// A file's bytes, or an error message for the cleaning step to report.
    private func readChecked(_ path: String) -> Result<[UInt8], Input.Failure> {
        Result { try Input.readFile(path) }.mapError { $0 as? Input.Failure ?? Input.Failure(message: "\($0)") }
    }

    private func readChecked(_ bytes: [UInt8]) -> Result<[UInt8], Input.Failure> { .success(bytes) }

    /// Writes through a temporary name and a rename, so no half-written file is left.
    private mutating func writeFile(_ path: String, _ bytes: [UInt8]) {
        guard let file = openForWriting(path) else { return }
        file.out.write(bytes)
        if let failure = file.commit() {
            Diagnostics.error(path, "write failed (\(failure))")
            stats.failed += 1
        } else {
            stats.bytesOut += bytes.count
        }
    }

    private mutating func openForWriting(_ path: String) -> OutputFile? {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        switch OutputFile.open(path) {
        case .success(let file): return file
        case .failure(let e):
            Diagnostics.error(path, "cannot write (\(e.message))")
            stats.failed += 1
            return nil
        }
    }

    // MARK: - Cleaning

    /// Cleans whole-text documents in parallel; nil where a document failed (reported).
    /// With `asParts`, they are parts of one document: not counted as documents or
    /// failures (the caller counts the one), and an empty part is not an empty input.
    private mutating func cleanTexts(_ docs: [(String, Result<[UInt8], Input.Failure>)], asParts: Bool = false) -> [String?] {
        let views = self.views, sourceName = self.sourceName
        let results: [(String?, String?, [String], Views.Output?)] = cleaner.map(docs) { cleaner, item in
            let (id, input) = item
            switch input {
            case .failure(let e): return (nil, e.message, [], nil)
            case .success(let raw):
                let bytes: [UInt8]
                do { bytes = try InputCheck.prepare(raw) } catch { return (nil, "\(error)", ["binary"], nil) }
                var doc = Document(id: id, bytes: bytes)
                doc.source = sourceName ?? (id.hasPrefix("<stdin>") ? "<stdin>" : Batch.source(ofFile: id))
                cleaner.clean(&doc)
                return (doc.string, nil, doc.findings, views.of(doc))
            }
        }
        var texts: [String?] = []
        var size = 0
        for ((id, input), (text, problem, findings, view)) in zip(docs, results) {
            if skipBinary, problem != nil, findings == ["binary"] {
                stats.skipped += 1
                texts.append(nil)
                continue
            }
            if !asParts { stats.documents += 1 }
            if case .success(let bytes) = input { stats.bytesIn += bytes.count; size += bytes.count }
            if let problem {
                Diagnostics.error(id, problem)
                if !asParts {
                    stats.failed += 1
                    report?.failed += 1
                }
            } else if !asParts, case .success(let bytes) = input, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                Diagnostics.error(id, bytes.isEmpty ? "empty input" : "input holds only white space")
            }
            if problem == nil { for finding in findings { Diagnostics.error(id, finding) } }
            record(view)
            texts.append(text)
        }
        Progress.current?.advance(bytes: size, documents: asParts ? 0 : docs.count)
        return texts
    }

    // MARK: - JSON Lines

    /// False when the file could not be opened (reported).
    /// With a checkpoint (an output file that can be resumed), reading starts where it
    /// says and it is saved, beside `output`, after every batch.
    @discardableResult
    private mutating func cleanJSONLinesFile(_ path: String, out: Output, rejects: RejectSink,
                                             checkpoint: Checkpoint? = nil, output: String? = nil) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            Diagnostics.error(path, String(cString: strerror(errno)))
            stats.failed += 1
            return false
        }
        defer { close(fd) }
        if let offset = checkpoint?.inputOffset, offset > 0 { lseek(fd, off_t(offset), SEEK_SET) }
        cleanJSONLines(fd: fd, prefix: [], source: path, out: out, rejects: rejects,
                       checkpoint: checkpoint, output: output)
        return true
    }

    /// Streams records from `fd` (after `prefix`, bytes already read), cleaning each
    /// batch in parallel and writing it in order before reading on.
    private mutating func cleanJSONLines(fd: Int32, prefix: [UInt8], source: String, out: Output, rejects: RejectSink,
                                         checkpoint: Checkpoint? = nil, output: String? = nil) {
        var checkpoint = checkpoint
        var consumed = checkpoint?.inputOffset ?? 0  // bytes of input whose records are done
        var pending = prefix
        var lineNumber = checkpoint?.line ?? 0
        var eof = false
        var scanned = 0  // bytes at the start of `pending` known to hold no line break
        while !eof, !Interrupt.requested {
            let chunk = readSome(fd: fd)
            if Interrupt.requested { break }
            if chunk.isEmpty { eof = true } else { pending += chunk }
            var lines: [(Int, ArraySlice<UInt8>)] = []
            var start = 0
            // Only the new bytes are searched, so a very long line is read in linear time.
            let lastBreak = eof ? pending.count : pending[scanned...].lastIndex(of: 0x0A).map { $0 + 1 }
            scanned = pending.count
            if let last = lastBreak {
                var i = 0
                while i < last {
                    let end = pending[i..<last].firstIndex(of: 0x0A) ?? last
                    lineNumber += 1
                    var line = pending[i..<end]
                    if line.last == 0x0D { line = line.dropLast() }
                    if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.append((lineNumber, line)) }
                    i = end + 1
                }
                start = last
            }
            consumed += start
            if !lines.isEmpty { cleanRecords(lines, source: source, out: out, rejects: rejects) }
            var records = lines.count
            // The lines are slices of `pending`: let go of them first, so that dropping
            // them moves the rest within the one buffer instead of copying it to another
            // (two buffers of a megabyte or more, a stream's largest allocation).
            lines = []
            pending.removeSubrange(0..<min(start, pending.count))
            scanned = pending.count
            // A line too long to hold is cleaned as the rest of it is read.
            if pending.count > LongRecordReader.threshold, !Interrupt.requested {
                lineNumber += 1
                let (rest, length, ended) = cleanLongRecord(fd: fd, head: pending, number: lineNumber, source: source,
                                                            out: out, rejects: rejects)
                if Interrupt.requested { break }
                pending = rest
                consumed += length
                scanned = 0
                records += 1
                if ended { eof = true }
            }
            if var saved = checkpoint, let output, records > 0 {
                out.flush()
                rejects.flush()
                saved.inputOffset = consumed
                saved.line = lineNumber
                saved.records += records
                saved.outputBytes = out.position
                saved.rejectBytes = rejects.position
                saved.save(forOutput: output)
                checkpoint = saved
            }
        }
        out.flush()
    }

    private mutating func cleanRecords(_ lines: [(Int, ArraySlice<UInt8>)], source: String, out: Output, rejects: RejectSink) {
        let views = self.views, sourceName = self.sourceName
        let results: [Result<([UInt8], [String], [Views.Output]), JSONRecord.Invalid>] = cleaner.map(lines) { cleaner, item in
            let (number, line) = item
            do {
                let record = try JSONRecord(Array(line))
                // A record too long to clean whole is cleaned in parts (bounded working memory).
                let (docs, text) = cleaner.cleanInParts(id: "\(source):\(number)", bytes: record.text,
                                                        source: record.sourceHost ?? sourceName ?? source,
                                                        metadata: record.fields)
                return .success((record.rewritten(text: text, winnow: Document.winnowJSON(of: docs)),
                                 docs.flatMap(\.findings), docs.map { views.of($0) }))
            } catch let e as JSONRecord.Invalid {
                return .failure(e)
            } catch {
                return .failure(JSONRecord.Invalid(description: "\(error)"))
            }
        }
        var size = 0
        for ((number, line), result) in zip(lines, results) {
            stats.documents += 1
            stats.bytesIn += line.count + 1
            size += line.count + 1
            switch result {
            case .success(let (bytes, findings, partViews)):
                out.write(bytes)
                out.write([0x0A])
                stats.bytesOut += bytes.count + 1
                for finding in findings { Diagnostics.error("\(source):\(number)", finding) }
                for view in partViews { record(view) }
            case .failure(let e):
                Diagnostics.error("\(source):\(number)", e.description)
                rejects.write(source: source, line: number, error: e.description, record: line)
                stats.failed += 1
                report?.failed += 1
            }
        }
        Progress.current?.advance(bytes: size, documents: lines.count)
    }

    /// One read of `fd`; empty at its end, on an interrupt, or on a read error (a stream
    /// that fails ends there, with what was read cleaned and written).
    func readSome(fd: Int32) -> [UInt8] {
        (try? Input.readSome(fd: fd, upTo: Self.readChunk)) ?? []
    }

    /// Standard input is JSON Lines when its first line is a JSON object with a `text` field.
    /// A first line longer than the first read (a record with a long text or another long
    /// field) cannot be parsed yet: it counts when it opens like an object, `{` and a key,
    /// and is then read as a record like the others (one that is not is rejected with its
    /// line number). Read as plain text, the whole record would come out as text.
    private func looksLikeJSONLines(_ head: [UInt8]) -> Bool {
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        guard let first = head.firstIndex(where: { !isSpace($0) }), head[first] == UInt8(ascii: "{") else { return false }
        guard let end = head[first...].firstIndex(of: 0x0A) else {
            let next = head[(first + 1)...].firstIndex { !isSpace($0) }
            return next.map { head[$0] == UInt8(ascii: "\"") } ?? false
        }
        return (try? JSONRecord(Array(head[first..<end]))) != nil
    }

    /// Total bytes of the files to clean, for the progress bar.
    static func size(of paths: [String]) -> Int {
        var total = 0
        for path in paths {
            guard let e = FileManager.default.enumerator(atPath: path) else {
                total += ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
                continue
            }
            while let name = e.nextObject() as? String {
                if let size = e.fileAttributes?[.size] as? Int, e.fileAttributes?[.type] as? FileAttributeType == .typeRegular,
                   !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    total += size
                }
            }
        }
        return total
    }

    /// The report (when asked for) and the end-of-batch summary on standard error: always
    /// after a failure, and for several documents when standard error is a terminal or
    /// the output goes to a file (`-o`), unless quiet.
    mutating func finish(reportPath: String?, wroteToFile: Bool, quiet: Bool, seconds: Double) {
        Progress.end()
        explainOut?.close()
        if let report, let reportPath {
            let started = Date()
            let fd = open(reportPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 {
                Diagnostics.error(reportPath, "cannot write report (\(String(cString: strerror(errno))))")
                stats.failed += 1
            } else {
                let out = Output(fd: fd)
                report.write { out.write($0) }
                out.close()
                if let failure = out.failed {
                    Diagnostics.error(reportPath, "write failed (\(failure))")
                    stats.failed += 1
                }
            }
            stats.tally.merge(report.tally)
            if ProcessInfo.processInfo.environment["WINNOW_REPORT_TIMING"] != nil {
                Diagnostics.raw("winnow: report written in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\n")
            }
        }
        if stats.skipped > 0, !quiet {
            Diagnostics.raw("winnow: \(stats.skipped) binary file\(stats.skipped == 1 ? "" : "s") skipped\n")
        }
        if stats.resumed > 0, !quiet {
            Diagnostics.raw("winnow: \(stats.resumed) document\(stats.resumed == 1 ? "" : "s") done by an earlier run, passed over (--resume)\n")
        }
        let many = stats.documents > 1 && (isatty(2) != 0 || wroteToFile)
        if stats.failed > 0 || (many && !quiet) {
            Diagnostics.raw(stats.tally.summary(documents: stats.documents, failed: stats.failed, read: stats.bytesIn,
                                                written: stats.bytesOut, seconds: seconds, top: stats.failed > 0 && !many ? 0 : 8))
        }
    }
}

extension Batch {
    /// `--timings`: seconds and MB/s (10^6 bytes of input text a second) for each stage,
    /// summed over the workers, so one stage's MB/s is what one core does in it.
    static func timingTable(_ times: [(stage: String, seconds: Double)], textBytes: Int) -> String {
        func cell(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var out = "winnow: time by stage over \(textBytes) bytes of text\n"
        out += "  stage       " + cell("seconds", 9) + cell("MB/s", 11) + "\n"
        for (stage, seconds) in times + [("all", times.reduce(0) { $0 + $1.seconds })] {
            let rate = seconds > 0 ? String(format: "%.1f", Double(textBytes) / 1e6 / seconds) : "-"
            out += "  " + stage.padding(toLength: 12, withPad: " ", startingAt: 0)
                + cell(String(format: "%.3f", seconds), 9) + cell(rate, 11) + "\n"
        }
        return out
    }
}

/// The rejects file: every JSON Lines record that could not be cleaned, with its source
/// and line number, opened only when the first reject comes. One sink serves a whole run
/// when `--rejects` names the file, so the records of every input add up in it.
final class RejectSink {
    private let path: String?
    /// Keep what the file already holds (a resumed run) instead of starting it afresh.
    private let append: Bool
    private var out: Output?

    init(path: String?, append: Bool = false) {
        self.path = path
        self.append = append
    }

    /// Bytes in the file up to what has been flushed.
    var position: Int { out?.position ?? existingSize }

    private var existingSize: Int {
        var st = stat()
        guard append, let path, stat(path, &st) == 0 else { return 0 }
        return Int(st.st_size)
    }

    /// Cuts the file back to `bytes` (what a checkpoint accounted for) and writes on from there.
    func resume(at bytes: Int) {
        guard let path else { return }
        out?.close()
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else {
            Diagnostics.error(path, "cannot write rejects (\(String(cString: strerror(errno))))")
            return
        }
        ftruncate(fd, off_t(bytes))
        lseek(fd, off_t(bytes), SEEK_SET)
        out = Output(fd: fd, position: bytes)
    }

    func write(source: String, line: Int, error: String, record: ArraySlice<UInt8>) {
        writeStreamed(source: source, line: line, error: error) { sink in
            sink.write(encodeJSONStringContents(Array(String(decoding: record, as: UTF8.self).utf8)))
        }
    }

    /// Writes a reject whose record's JSON escape (no quotes) `writeRecord` writes to the
    /// sink it is given: a line too long to hold comes from a scratch file a read at a time.
    func writeStreamed(source: String, line: Int, error: String, writeRecord: (Output) -> Void) {
        guard let path else { return }
        if out == nil {
            let fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
            guard fd >= 0 else {
                Diagnostics.error(path, "cannot write rejects (\(String(cString: strerror(errno))))")
                return
            }
            out = Output(fd: fd, position: existingSize)
        }
        guard let out else { return }
        out.write("{\"source\":\(encodeJSONString(source)),\"line\":\(line),\"error\":\(encodeJSONString(error)),\"record\":\"")
        writeRecord(out)
        out.write("\"}\n")
    }

    func flush() { out?.flush() }

    func close() { out?.close() }
}

/// An output file written under a temporary name beside it (hidden, so a later run
/// over the same folder skips it) and renamed into place by `commit`, so that an
/// interrupted or failed run never leaves a half-written file. A path that is not a
/// regular file (/dev/full, /dev/stdout, a FIFO) is written directly.
final class OutputFile {
    let path: String
    let out: Output
    private let temporary: String?

    private init(path: String, out: Output, temporary: String?) {
        self.path = path
        self.out = out
        self.temporary = temporary
    }

    static func open(_ path: String) -> Result<OutputFile, Input.Failure> {
        var st = stat()
        let special = stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG
        let temporary = special ? nil : temporaryPath(path)
        let fd = Foundation.open(temporary ?? path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return .failure(Input.Failure(message: String(cString: strerror(errno)))) }
        return .success(OutputFile(path: path, out: Output(fd: fd), temporary: temporary))
    }

    /// Closes the file and renames it into place; the problem when it could not be written.
    func commit() -> String? {
        out.close()
        if let failure = out.failed {
            if let temporary { unlink(temporary) }
            return failure
        }
        if let temporary, rename(temporary, path) != 0 {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            return problem
        }
        return nil
    }

    static func temporaryPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).winnow-tmp").path
    }

    /// Reopens the temporary file an interrupted run kept, cut back to `bytes` (what its
    /// checkpoint accounted for); nil when it is gone or shorter than that.
    static func resume(_ path: String, at bytes: Int) -> OutputFile? {
        let temporary = temporaryPath(path)
        var st = stat()
        guard stat(temporary, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= bytes else { return nil }
        let fd = Foundation.open(temporary, O_WRONLY)
        guard fd >= 0 else { return nil }
        ftruncate(fd, off_t(bytes))
        lseek(fd, off_t(bytes), SEEK_SET)
        return OutputFile(path: path, out: Output(fd: fd, position: bytes), temporary: temporary)
    }

    /// Whether the output is a regular file written through a temporary name (and so can
    /// be kept for `--resume` when a run stops midway).
    var resumable: Bool { temporary != nil }

    /// Closes the file and keeps what was written under its temporary name, for `--resume`.
    func keep() { out.close() }

    /// Closes the file and removes what was written of it.
    func discard() {
        out.close()
        if let temporary { unlink(temporary) }
    }
}
