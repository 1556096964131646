import Foundation
import XCTest
@testable import Winnow

/// Issue 8, items 2 and 5: the bad-input matrix and pipes and signals, each case a run
/// of the built `winnow` binary. Every problem is one line on standard error naming the
/// file (and line); the other documents still come out; exit status 0 all good, 1 some
/// failed, 2 usage, 130 interrupted.
final class RobustnessTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    private var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? run(["/bin/chmod", "-R", "u+rwx", tmp.path], executable: true)
        try? FileManager.default.removeItem(at: tmp)
    }

    static var binary: String { EndToEndTests.binary }

    /// Runs the binary (or, with `executable`, the program named first) via `runProcess`.
    @discardableResult
    private func run(_ args: [String], stdin: Data = Data(), executable: Bool = false) throws -> Run {
        let r = try runProcess(executable ? args[0] : Self.binary, executable ? Array(args.dropFirst()) : args, stdin: stdin)
        return Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    @discardableResult
    private func write(_ name: String, _ data: Data) throws -> URL {
        let url = tmp.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> URL { try write(name, Data(text.utf8)) }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    private func isValidUTF8(_ data: Data) -> Bool { String(validatingUTF8: Array(data).map { CChar(bitPattern: $0) } + [0]) != nil }

    /// Lines of standard error that are diagnostics (not the summary).
    private func problems(_ r: Run) -> [Substring] {
        r.stderr.split(separator: "\n").filter { $0.hasPrefix("winnow: ") && !$0.contains(" documents, ") }
    }

    private let sentence = "The court said on Tuesday that the appeal would be heard next month. "

    // MARK: - Empty, white space, NUL bytes

    func testEmptyStdinCleansToNothingWithOneNote() throws {
        let r = try run(["clean"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.text, "")
        XCTAssertEqual(problems(r), ["winnow: <stdin>: empty input"])
    }

    func testOnlyWhiteSpaceCleansToNothingWithOneNote() throws {
        let file = try write("blank.txt", " \n\t\r\n   \n\n")
        let r = try run(["clean", file.path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.text.trimmingCharacters(in: .whitespacesAndNewlines), "")
        XCTAssertEqual(problems(r).count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("blank.txt: input holds only white space"), r.stderr)
    }

    func testNULBytesInsideTextAreRemovedAndTheTextKept() throws {
        let text = String(repeating: sentence, count: 4)
        var bytes = Array(text.utf8)
        bytes.insert(0, at: 120)
        bytes.insert(0, at: 60)
        bytes.insert(0, at: 3)
        let r = try run(["clean"], stdin: Data(bytes))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains(0), "NUL bytes in the output")
        XCTAssertTrue(r.text.hasPrefix("The court said on Tuesday"), r.text)
        XCTAssertEqual(r.text.filter { $0 == "." }.count, 4)
    }

    // MARK: - Binary

    func testImageAndGzipAreRefusedWithOneLineNamingTheFile() throws {
        try write("in/photo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]))
        try write("in/photo.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46]))
        try write("in/data.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x4B, 0x4C]))
        try write("in/random.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }))
        try write("in/good.txt", "Fine text.")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", tmp.appendingPathComponent("in").path, "-o", out.path])
        XCTAssertEqual(r.status, 1)
        let lines = problems(r)
        XCTAssertEqual(lines.count, 4, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("photo.png: binary data (PNG image), not text") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("photo.jpg: binary data (JPEG image), not text") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("data.gz: binary data (gzip), not text") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.contains("random.bin: binary data (") }, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("good.txt")), "Fine text.\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["good.txt"])
    }

    /// Binary data too long to clean whole (which would be cleaned in parts) is refused
    /// once, by its head, from a file and from standard input alike.
    func testLongBinaryInputIsRefusedOnce() throws {
        var bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00]
        var x: UInt32 = 12345
        for _ in 0..<(5 << 20) { x = x &* 1_103_515_245 &+ 12345; bytes.append(UInt8(truncatingIfNeeded: x >> 16)) }
        let file = try write("in/big.gz", Data(bytes))
        let out = tmp.appendingPathComponent("out")
        let fromFile = try run(["clean", "-q", file.path, "-o", out.appendingPathComponent("big.txt").path])
        XCTAssertEqual(fromFile.status, 1)
        XCTAssertEqual(problems(fromFile), ["winnow: \(file.path): binary data (gzip), not text"], fromFile.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("big.txt").path))
        let fromStdin = try run(["clean", "-q"], stdin: Data(bytes))
        XCTAssertEqual(fromStdin.status, 1)
        XCTAssertEqual(problems(fromStdin), ["winnow: <stdin>: binary data (gzip), not text"], fromStdin.stderr)
        XCTAssertEqual(fromStdin.stdout, Data())
    }

    func testBinarySkipPassesOverBinaryFilesSilentlyAndCountsThem() throws {
        try write("in/photo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]))
        try write("in/data.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]))
        try write("in/good.txt", "Fine text.")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", "--binary", "skip", tmp.appendingPathComponent("in").path, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("photo.png"), r.stderr)
        XCTAssertTrue(r.stderr.contains("winnow: 2 binary files skipped"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["good.txt"])
        XCTAssertEqual(try run(["clean", "--binary", "nonsense"]).status, 2)
    }

    // MARK: - Invalid UTF-8 and UTF-16

    func testInvalidUTF8InEveryPositionStillComesOutAsValidUTF8() throws {
        let cases: [(String, [UInt8])] = [
            ("start", [0xFF] + Array("Start of the text.".utf8)),
            ("middle", Array("Middle ".utf8) + [0xC3, 0x28] + Array(" of the text.".utf8)),
            ("end", Array("End of the text.".utf8) + [0x80]),
            ("truncated at EOF", Array("Truncated at the end ".utf8) + [0xE2, 0x82]),
            ("lone lead at EOF", Array("Lone lead byte ".utf8) + [0xF0]),
            ("overlong", Array("Overlong ".utf8) + [0xC0, 0xAF] + Array(" slash.".utf8)),
            ("surrogate", Array("Encoded surrogate ".utf8) + [0xED, 0xA0, 0x80] + Array(" here.".utf8)),
        ]
        for (name, bytes) in cases {
            let r = try run(["clean"], stdin: Data(bytes))
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertTrue(isValidUTF8(r.stdout), "\(name): output is not UTF-8")
            let words = String(decoding: bytes.filter { $0 < 0x80 }, as: UTF8.self).split(separator: " ").filter { $0.count > 3 }
            for word in words { XCTAssertTrue(r.text.contains(word), "\(name): lost \(word) in \(r.text)") }
        }
    }

    /// UTF-16 without a byte-order mark is recognised by its NUL pattern and decoded.
    func testUTF16WithoutBOMIsDetectedAndDecoded() throws {
        let text = "Zürich said on Tuesday – the appeal.\n"
        let units = Array(text.utf16)
        let le = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (name, bytes) in [("LE", le), ("BE", be)] {
            let r = try run(["clean", "--keep-typography"], stdin: Data(bytes))
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertEqual(r.text, text, name)
        }
        let file = try write("utf16.txt", Data(le))
        let r = try run(["clean", "--keep-typography", file.path])
        XCTAssertEqual(r.text, text)
    }

    // MARK: - Size

    /// 20 MB on one line (the 200 MB case is measured by tools/bench-linear).
    func testVeryLongSingleLineComesOutWhole() throws {
        let words = ["alpha", "beta", "gamma", "delta", "court", "said", "the", "of"]
        var line = ""
        line.reserveCapacity(20_000_100)
        var i = 0
        while line.utf8.count < 20_000_000 { line += words[i % 7 + (i / 7) % 2]; line += " "; i += 1 }
        let file = try write("long.txt", line)
        let r = try run(["clean", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.count, line.utf8.count, "one trailing space becomes the line break")
        XCTAssertTrue(r.text.hasPrefix("alpha beta gamma"))
    }

    func testHundredThousandCombiningMarksOnOneLetterFinishFast() throws {
        let text = "Before e" + String(repeating: "\u{301}", count: 100_000) + " after.\n"
        let started = Date()
        let r = try run(["clean"], stdin: Data(text.utf8))
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(isValidUTF8(r.stdout))
        XCTAssertTrue(r.text.hasPrefix("Before "), String(r.text.prefix(20)))
        XCTAssertTrue(r.text.hasSuffix(" after.\n"))
    }

    // MARK: - JSON Lines

    func testEveryKindOfBadRecordIsRejectedWithItsLineAndTheRestComeOut() throws {
        let input = try write("in.jsonl", """
            {"id":1,"text":"First good record."}
            this is not JSON
            ["not", "an", "object"]
            "a string"
            {"id":5,"title":"no text field"}
            {"id":6,"text":42}
            {"id":7,"text":null}
            {"id":8,"text":["a"]}
            {"id":9,"text":"unterminated
            {"id":10,"text":"Last good record."}

            """)
        let output = tmp.appendingPathComponent("out.jsonl")
        let r = try run(["clean", input.path, "-o", output.path])
        XCTAssertEqual(r.status, 1)
        let expected = [
            "in.jsonl:2: not valid JSON", "in.jsonl:3: not a JSON object", "in.jsonl:4: not a JSON object",
            "in.jsonl:5: no \"text\" field", "in.jsonl:6: field \"text\" is not a string",
            "in.jsonl:7: field \"text\" is not a string", "in.jsonl:8: field \"text\" is not a string",
            "in.jsonl:9: not valid JSON",
        ]
        let lines = problems(r)
        XCTAssertEqual(lines.count, expected.count, r.stderr)
        for (line, want) in zip(lines, expected) { XCTAssertTrue(line.contains(want), "\(line) ≠ \(want)") }
        let ids = try read(output).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! Int
        }
        XCTAssertEqual(ids, [1, 10])
        let rejects = try read(URL(fileURLWithPath: output.path + ".rejects.jsonl")).split(separator: "\n")
        XCTAssertEqual(rejects.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["line"] as! Int },
                       [2, 3, 4, 5, 6, 7, 8, 9])
    }

    /// A 20 MB record between two short ones, cleaned as it streams by (200 MB is measured
    /// by tools/bench-linear).
    func testVeryLongRecordComesOutWholeAndInOrder() throws {
        let body = String(repeating: "word ", count: 4_000_000)
        let input = try write("big.jsonl", "{\"id\":1,\"text\":\"one\"}\n{\"id\":2,\"text\":\"\(body)\"}\n{\"id\":3,\"text\":\"three\"}\n")
        let output = tmp.appendingPathComponent("out.jsonl")
        let r = try run(["clean", input.path, "-o", output.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let records = try Data(contentsOf: output).split(separator: 0x0A).map {
            try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
        }
        XCTAssertEqual(records.map { $0["id"] as! Int }, [1, 2, 3])
        XCTAssertEqual((records[1]["text"] as! String).utf8.count, body.utf8.count)
    }

    /// A record too long to hold (past `LongRecordReader.threshold`) is cleaned as it
    /// streams by: it comes out as cleaning the whole line gives it, in order, and one that
    /// turns out malformed deep inside goes whole to the rejects file.
    func testLongRecordsStreamThroughAndABrokenOneIsRejectedWhole() throws {
        let paragraph = "The court said on Tuesday that the appeal would be heard next month, in \\u00e9t\\u00e9. Share on Facebook\\n\\n"
        let body = String(repeating: paragraph, count: 60_000)
        let good = "{\"id\":2,\"url\":\"https://example.org/x\",\"text\":\"\(body)\",\"winnow\":0}"
        let broken = "{\"id\":3,\"text\":\"\(body)\\x\(body)\"}"
        let input = try write("long.jsonl", "{\"id\":1,\"text\":\"one\"}\n\(good)\n\(broken)\n{\"id\":4,\"text\":\"four\"}\n")
        let output = tmp.appendingPathComponent("out.jsonl")
        let r = try run(["clean", "--jobs", "2", input.path, "-o", output.path])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(problems(r).count, 1, r.stderr)
        XCTAssertTrue(problems(r).first?.contains("long.jsonl:3: not valid JSON: bad escape") ?? false, r.stderr)
        let lines = try Data(contentsOf: output).split(separator: 0x0A)
        XCTAssertEqual(lines.map { (try! JSONSerialization.jsonObject(with: Data($0)) as! [String: Any])["id"] as! Int }, [1, 2, 4])
        // The long record as the library cleans the whole line.
        let record = try JSONRecord(Array(good.utf8))
        let (docs, clean) = sharedPipeline.makeCleaner().cleanInParts(id: "x", bytes: record.text, source: record.sourceHost,
                                                                        metadata: record.fields)
        XCTAssertGreaterThan(docs.count, 1)
        XCTAssertEqual(Array(lines[1]), record.rewritten(text: clean, winnow: Document.winnowJSON(of: docs)))
        let rejects = try Data(contentsOf: URL(fileURLWithPath: output.path + ".rejects.jsonl")).split(separator: 0x0A)
        XCTAssertEqual(rejects.count, 1)
        let reject = try JSONSerialization.jsonObject(with: Data(rejects[0])) as! [String: Any]
        XCTAssertEqual(reject["line"] as? Int, 3)
        XCTAssertEqual(reject["record"] as? String, broken)
    }

    /// The corpus pass leaves a record too long to clean whole out, as it does a long
    /// plain-text document, and passes over its line without holding it.
    func testStatisticsPassOverARecordTooLongToCleanWhole() throws {
        let body = String(repeating: "A line that a template repeats.\\n", count: 200_000)
        let short = (1...3).map { "{\"id\":\($0),\"text\":\"Short page \($0).\"}" }
        let input = try write("stats.jsonl", "\(short[0])\n{\"id\":9,\"text\":\"\(body)\"}\n\(short[1])\n\(short[2])\n")
        let r = try run(["stats", input.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.text.split(separator: "\n").contains("D\t\(input.path)\t3"), r.text)
    }

    // MARK: - Files that go away, full disk

    /// A file that cannot be read (chmod 000, run unprivileged when we are root) and one
    /// that is gone by the time it is read (a dangling link, listed but not there).
    func testUnreadableAndVanishedFilesAreReportedAndOthersWritten() throws {
        var prefix: [String] = []
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("needs setpriv when run as root") }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Self.binary]
        }
        try write("in/a.txt", "First text.")
        try write("in/locked.txt", "Hidden.")
        try write("in/z.txt", "Last text.")
        try FileManager.default.createSymbolicLink(atPath: tmp.appendingPathComponent("in/gone.txt").path,
                                                   withDestinationPath: tmp.appendingPathComponent("deleted.txt").path)
        try FileManager.default.createSymbolicLink(atPath: tmp.appendingPathComponent("in/gone.jsonl").path,
                                                   withDestinationPath: tmp.appendingPathComponent("deleted.jsonl").path)
        let out = tmp.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for path in [tmp.path, tmp.appendingPathComponent("in").path, out.path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
        }
        for name in ["a.txt", "z.txt"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tmp.appendingPathComponent("in/" + name).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: tmp.appendingPathComponent("in/locked.txt").path)
        let args = ["clean", tmp.appendingPathComponent("in").path, "-o", out.path]
        let r = prefix.isEmpty ? try run(args) : try run(prefix + args, executable: true)
        XCTAssertEqual(r.status, 1, r.stderr)
        let lines = problems(r)
        XCTAssertEqual(lines.count, 3, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("gone.jsonl: No such file or directory") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("locked.txt: Permission denied") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasSuffix("gone.txt: No such file or directory") }, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("a.txt")), "First text.\n")
        XCTAssertEqual(try read(out.appendingPathComponent("z.txt")), "Last text.\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["a.txt", "z.txt"])
    }

    func testFullDiskOnOutputIsReportedWithThePathAndStatusOne() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let file = try write("a.txt", "Fine text.")
        let jsonl = try write("a.jsonl", "{\"text\":\"Fine text.\"}\n")
        for args in [["clean", file.path, "-o", "/dev/full"], ["clean", jsonl.path, "-o", "/dev/full"],
                     ["clean", "-o", "/dev/full"]] {
            let r = try run(args, stdin: Data("Fine text.".utf8))
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertEqual(problems(r), ["winnow: /dev/full: write failed (No space left on device)"], "\(args)")
        }
        // Standard output on a full disk.
        let r = try run(["/bin/sh", "-c", "\"$0\" clean \"$1\" > /dev/full", Self.binary, file.path], executable: true)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(problems(r), ["winnow: <stdout>: write failed (No space left on device)"])
        var isDevice = stat()
        XCTAssertEqual(stat("/dev/full", &isDevice), 0)
        XCTAssertEqual(isDevice.st_mode & S_IFMT, S_IFCHR, "/dev/full must not be replaced by a file")
    }

    // MARK: - Pipes and signals

    func testClosedPipeEndsQuietlyWithStatusZero() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { throw XCTSkip("needs bash") }
        let para = String(repeating: sentence, count: 20) + "\n\n"
        let file = try write("many.txt", String(repeating: para, count: 3000))
        let jsonl = try write("many.jsonl", String(repeating: "{\"text\":\"\(sentence)\"}\n", count: 30000))
        for input in [file, jsonl] {
            let r = try run(["/bin/bash", "-c", "set -o pipefail; \"$0\" clean \"$1\" | head -c 100 > /dev/null", Self.binary, input.path],
                            executable: true)
            XCTAssertEqual(r.status, 0, "\(input.lastPathComponent): \(r.stderr)")
            XCTAssertEqual(r.stderr, "", input.lastPathComponent)
        }
    }

    /// SIGINT in the middle of a batch: status 130, every output file is complete, no
    /// temporary file is left behind, and the run says it was interrupted.
    func testInterruptStopsAfterTheDocumentInHandAndLeavesNoHalfFile() throws {
        let text = String(repeating: String(repeating: sentence, count: 30) + "\n\n", count: 60)
        for i in 0..<400 { try write(String(format: "in/%03d.txt", i), text) }
        let expected = try run(["clean", "--disable", "templates", tmp.appendingPathComponent("in/000.txt").path]).stdout
        let out = tmp.appendingPathComponent("out")
        let err = tmp.appendingPathComponent("err")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: err)
        let p = try interruptOnceAnOutputIsWritten(jobs: 2, output: out, stderr: errHandle)
        try errHandle.close()
        let stderr = try read(err)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertEqual(p.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("winnow: interrupted"), stderr)
        XCTAssertFalse(names.contains { $0.contains("winnow-tmp") }, "\(names)")
        XCTAssertGreaterThan(names.count, 0)
        XCTAssertLessThan(names.count, 400, "the run should have stopped early")
        for name in names { XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)), expected, name) }
    }

    /// SIGINT while waiting on standard input ends at once with status 130, and an
    /// output file that was being written is discarded, not left half-written.
    func testInterruptWhileReadingStandardInput() throws {
        let out = tmp.appendingPathComponent("out.jsonl")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["clean", "--format", "jsonl", "-o", out.path]
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        pipe.fileHandleForWriting.write(Data("{\"text\":\"one\"}\n{\"text\":\"tw".utf8))
        usleep(500_000)
        p.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while p.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertFalse(p.isRunning, "still waiting for input after SIGINT")
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        try? pipe.fileHandleForWriting.close()
        XCTAssertEqual(p.terminationStatus, 130)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.contains("winnow-tmp") }, [])
    }

    /// Plain-text documents between `--separator` lines stream: a document comes out as
    /// soon as the separator after it has been read, while standard input is still open.
    func testSeparatedDocumentsComeOutBeforeStandardInputEnds() throws {
        let out = tmp.appendingPathComponent("stream.txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["clean", "--separator=----", "--jobs", "1"]
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardOutput = outHandle
        p.standardError = FileHandle.nullDevice
        try p.run()
        pipe.fileHandleForWriting.write(Data("\(articleParagraph)\n----\nThe second  docu".utf8))
        let deadline = Date().addingTimeInterval(20)
        var early = ""
        while Date() < deadline, !early.contains(articleParagraph) {
            usleep(50_000)
            early = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        }
        XCTAssertTrue(p.isRunning, "stopped before its input ended")
        XCTAssertEqual(early, "\(articleParagraph)\n", "the first document, alone, while input is open")
        pipe.fileHandleForWriting.write(Data("ment arrived later, after the first one was out.\n".utf8))
        try pipe.fileHandleForWriting.close()
        p.waitUntilExit()
        try outHandle.close()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(String(decoding: try Data(contentsOf: out), as: UTF8.self),
                       "\(articleParagraph)\n----\nThe second document arrived later, after the first one was out.\n")
    }

    // MARK: - Resume

    /// A JSON Lines run killed outright (SIGKILL: nothing of it runs after) and resumed
    /// gives the same output and rejects, byte for byte, as a run that was never stopped,
    /// and the counts of the two runs add up to the records in the input.
    func testKilledJSONLinesRunResumesToTheSameOutputAndRejects() throws {
        let total = 20000
        var lines: [String] = []
        for i in 0..<total {
            if i % 2000 == 9 { lines.append("{\"text\": not json \(i)"); continue }
            let text = String(repeating: sentence, count: 1 + i % 6) + "\nRead more: another story \(i)\n"
            lines.append("{\"id\":\(i),\"text\":\(jsonString(text))}")
        }
        let input = try write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let full = tmp.appendingPathComponent("full.jsonl"), part = tmp.appendingPathComponent("part.jsonl")
        XCTAssertEqual(try run(["clean", "-q", input.path, "-o", full.path]).status, 1)

        let checkpoint = try killAtFirstCheckpoint(input: input, output: part)
        XCTAssertFalse(FileManager.default.fileExists(atPath: part.path), "a killed run left its output under the final name")

        let resumed = try run(["clean", "--resume", input.path, "-o", part.path])
        XCTAssertEqual(resumed.status, 1, resumed.stderr)  // the malformed records after the checkpoint
        XCTAssertEqual(try Data(contentsOf: part), try Data(contentsOf: full))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: part.path + ".rejects.jsonl")),
                       try Data(contentsOf: URL(fileURLWithPath: full.path + ".rejects.jsonl")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.path), "the checkpoint outlived the finished output")
        let earlier = try XCTUnwrap(firstNumber(in: resumed.stderr, before: " documents done by an earlier run"))
        let now = try XCTUnwrap(firstNumber(in: resumed.stderr, before: " documents, "))
        XCTAssertGreaterThan(earlier, 0)
        XCTAssertEqual(earlier + now, total, resumed.stderr)
    }

    /// A checkpoint belongs to the input as it was: an input changed since the interrupted
    /// run is cleaned again from its start, not continued at a stale offset.
    func testResumeStartsOverWhenTheInputChanged() throws {
        let record = { (i: Int) in "{\"id\":\(i),\"text\":\(self.jsonString(String(repeating: self.sentence, count: 3)))}\n" }
        let input = try write("in.jsonl", (0..<20000).map(record).joined())
        let out = tmp.appendingPathComponent("out.jsonl")
        try killAtFirstCheckpoint(input: input, output: out)

        // New records at the front: continuing at the saved offset would lose them.
        try write("in.jsonl", (100000..<100050).map(record).joined() + (0..<20000).map(record).joined())
        let resumed = try run(["clean", "-q", "--resume", input.path, "-o", out.path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let fresh = try run(["clean", "-q", input.path])
        XCTAssertEqual(try Data(contentsOf: out), fresh.stdout)
    }

    /// An interrupted folder run resumed: the files done are passed over (and counted),
    /// the rest are cleaned, and every output is what a single run writes.
    func testInterruptedFolderRunResumes() throws {
        let text = String(repeating: String(repeating: sentence, count: 30) + "\n\n", count: 60)
        for i in 0..<300 { try write(String(format: "in/%03d.txt", i), text) }
        let expected = try run(["clean", "--disable", "templates", tmp.appendingPathComponent("in/000.txt").path]).stdout
        let out = tmp.appendingPathComponent("out")
        let p = try interruptOnceAnOutputIsWritten(jobs: 1, output: out, stderr: FileHandle.nullDevice)
        guard p.terminationStatus == 130 else { throw XCTSkip("the run ended before it could be interrupted") }
        let done = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.count

        let resumed = try run(["clean", "--resume", "--disable", "templates", tmp.appendingPathComponent("in").path, "-o", out.path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(firstNumber(in: resumed.stderr, before: " documents done by an earlier run"), done, resumed.stderr)
        XCTAssertEqual(firstNumber(in: resumed.stderr, before: " documents, "), 300 - done, resumed.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertEqual(names.count, 300, "\(names.filter { $0.hasPrefix(".") })")
        for name in names { XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)), expected, name) }
    }

    /// `--rejects FILE` over several JSON Lines inputs collects the bad records of all of
    /// them, in input order, whether the output is a folder or standard output.
    func testOneRejectsFileCollectsEveryInputsBadRecords() throws {
        let a = try write("in/a.jsonl", "{\"text\":\"fine\"}\n{oops\n")
        let b = try write("in/b.jsonl", "[1]\n{\"text\":\"fine\"}\n")
        for output in [["-o", tmp.appendingPathComponent("out").path], []] {
            let rejects = tmp.appendingPathComponent("rejects.jsonl")
            let r = try run(["clean", "-q", "--rejects", rejects.path, a.path, b.path] + output)
            XCTAssertEqual(r.status, 1, r.stderr)
            let sources = try read(rejects).split(separator: "\n").map {
                (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
            }
            XCTAssertEqual(sources, [a.path, b.path], "\(output)")
        }
    }

    func testResumeNeedsFilesAndAnOutput() throws {
        let input = try write("a.txt", sentence)
        XCTAssertEqual(try run(["clean", "--resume", input.path]).status, 2)
        XCTAssertEqual(try run(["clean", "--resume", "-o", tmp.appendingPathComponent("o.txt").path], stdin: Data(sentence.utf8)).status, 2)
    }

    /// Runs `clean` over the folder `in` into `output` and sends SIGINT as soon as the
    /// first output file is in place; returns the finished process.
    private func interruptOnceAnOutputIsWritten(jobs: Int, output: URL, stderr: FileHandle) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["clean", "--jobs", "\(jobs)", "--disable", "templates", tmp.appendingPathComponent("in").path, "-o", output.path]
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning, Date() < deadline,
              ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter({ !$0.hasPrefix(".") }).isEmpty {
            usleep(5_000)
        }
        p.interrupt()
        p.waitUntilExit()
        return p
    }

    /// Runs `clean INPUT -o OUTPUT` and kills it (SIGKILL: nothing of it runs after) as
    /// soon as its first checkpoint is saved; returns the checkpoint's path.
    @discardableResult
    private func killAtFirstCheckpoint(input: URL, output: URL) throws -> URL {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["clean", "-q", "--jobs", "1", input.path, "-o", output.path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        let checkpoint = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).winnow-resume")
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning, Date() < deadline, !FileManager.default.fileExists(atPath: checkpoint.path) { usleep(2_000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        guard p.terminationReason == .uncaughtSignal else { throw XCTSkip("the run ended before it could be killed") }
        return checkpoint
    }

    private func jsonString(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s]), as: UTF8.self).dropFirst().dropLast().description
    }

    /// The number just before `marker` in `text` (e.g. "12" in "winnow: 12 documents, …").
    private func firstNumber(in text: String, before marker: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
