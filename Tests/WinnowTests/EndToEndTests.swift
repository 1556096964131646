import Foundation
import XCTest
import Winnow
import WinnowInvariants

/// Runs the built `winnow` binary as a user would: stdin/stdout, folders, JSON Lines,
/// and bad input, checking output, stderr lines and exit status.
final class EndToEndTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? run(["/bin/chmod", "-R", "u+rwx", tmp.path], executable: true)
        try? FileManager.default.removeItem(at: tmp)
    }

    /// The `winnow` executable built beside this test bundle.
    static let binary: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("winnow"),
            Bundle.main.bundleURL.appendingPathComponent("winnow"),
            repoRoot.appendingPathComponent(".build/debug/winnow"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? "winnow"
    }()

    /// Runs the binary (or, with `executable`, the program named first) via `runProcess`.
    @discardableResult
    private func run(_ args: [String], stdin: Data = Data(), executable: Bool = false) throws -> Run {
        let r = try runProcess(executable ? args[0] : Self.binary, executable ? Array(args.dropFirst()) : args, stdin: stdin)
        return Run(status: r.status, stdout: String(decoding: r.stdout, as: UTF8.self), stderr: r.stderr)
    }

    private func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    private func write(_ name: String, _ data: Data) throws -> URL {
        let url = tmp.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    private let seed = repoRoot.appendingPathComponent("Samples/seeds/000_ac38a7471b40d1d0.txt")
    private let seedExpected = repoRoot.appendingPathComponent("Samples/seeds/000_ac38a7471b40d1d0.expected.txt")

    // MARK: - Corpus statistics for records without a url

    /// Records with no `url` share one source: `winnow stats` on standard input and
    /// `winnow clean` on standard input name it alike, so statistics computed apart
    /// (as a distributed run does) remove the same template lines as a file run.
    func testStatisticsOfURLlessRecordsOnStdinMatchACleanRunOnStdin() throws {
        let shared = "Sign up for the morning briefing from the regional desk"
        let topics = ["roads", "schools", "parks", "libraries", "buses", "housing", "water", "bridges",
                      "clinics", "markets", "harbours", "museums"]
        let records = topics.map { topic in
            "{\"text\":\"The council met to discuss what the city spends on its \(topic) in the coming year.\\n\(shared)\"}"
        }.joined(separator: "\n") + "\n"
        let input = try write("records.jsonl", records)
        let stats = try run(["stats"], stdin: Data(records.utf8))
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let statsFile = try write("stats.txt", stats.stdout)
        let streamed = try run(["clean", "--corpus-stats", statsFile.path, "--explain"], stdin: Data(records.utf8))
        XCTAssertEqual(streamed.status, 0, streamed.stderr)
        XCTAssertFalse(streamed.stdout.contains(shared), streamed.stdout)
        XCTAssertTrue(streamed.stderr.contains("\ttemplates\t"), streamed.stderr)
        XCTAssertTrue(topics.allSatisfy { streamed.stdout.contains("its \($0) in") }, streamed.stdout)
        XCTAssertEqual(streamed.stdout, try run(["clean", input.path]).stdout)
        // Named sources: statistics under one name do not apply to documents under another.
        let named = try run(["stats", "--source", "feed-a"], stdin: Data(records.utf8))
        let other = try write("named.txt", named.stdout)
        XCTAssertTrue(try run(["clean", "--corpus-stats", other.path, "--source", "feed-b"], stdin: Data(records.utf8)).stdout.contains(shared))
        XCTAssertFalse(try run(["clean", "--corpus-stats", other.path, "--source", "feed-a"], stdin: Data(records.utf8)).stdout.contains(shared))
    }

    /// `--timings` prints a row for every stage that ran, and one for all of them.
    func testTimingsNameEveryStageThatRan() throws {
        let r = try run(["clean", "--timings", "--disable", "typo", seed.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stderr.split(separator: "\n").filter { $0.hasPrefix("  ") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(rows, ["stage", "decode", "unicode", "layout", "boilerplate", "classifier", "templates", "canonical", "all"], r.stderr)
    }

    // MARK: - The three ways in

    /// A document too long to clean whole (over 4 MB) is cleaned part by part, from standard
    /// input and from a file alike: its boilerplate goes, every article paragraph stays,
    /// the output is one canonical text, and explanations name the part.
    /// About 5 MB of numbered article paragraphs with an advertising marker after every tenth.
    private func longText(groups: Int = 12_000) -> String {
        let body = String(repeating: "The council voted on Tuesday to expand the  bus network, a decision that would cost millions. ", count: 4)
        var text = ""
        for i in 0..<groups {
            text += "Paragraph \(i): \(body)Officials said so.\n\n"
            if i % 10 == 0 { text += "Advertisement\n\n" }
        }
        return text
    }

    func testAVeryLongDocumentIsCleanedInPartsIntoOneCanonicalText() throws {
        let groups = 12_000
        let text = longText(groups: groups)
        XCTAssertGreaterThan(text.utf8.count, DocumentParts.wholeUpTo)
        let file = try write("long.txt", text)
        let fromStdin = try run(["clean", "--explain"], stdin: Data(text.utf8))
        let fromFile = try run(["clean", "-q", file.path, "-o", tmp.appendingPathComponent("long.out").path])
        XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        let out = fromStdin.stdout
        XCTAssertEqual(try read(tmp.appendingPathComponent("long.out")), out)
        XCTAssertEqual(Invariants.outputViolations(Array(out.utf8)), [])
        let paragraphs = out.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(paragraphs.count, groups)
        XCTAssertTrue(paragraphs.enumerated().allSatisfy { $1.hasPrefix("Paragraph \($0):") && $1.hasSuffix("Officials said so.") })
        XCTAssertTrue(fromStdin.stderr.contains("<stdin> part 2\t"), String(fromStdin.stderr.prefix(300)))
        XCTAssertFalse(fromStdin.stderr.contains("<stdin>\t"))
    }

    /// Standard input whose first record is longer than the first read is still told to be
    /// JSON Lines (it opens like an object), whichever field makes it long: the record comes
    /// out as a record, its long other field untouched, with a `winnow` field.
    func testStdinWhoseFirstRecordOutgrowsTheFirstReadIsJSONLines() throws {
        let long = String(repeating: "abcdefghij", count: 150_000)  // 1.5 MB, past the first read
        for record in [["id": "a", "html": long, "text": "Advertisement\n\nThe council met."],
                       ["id": "b", "text": "Advertisement\n\n" + String(repeating: "The council met on Tuesday. ", count: 60_000)]] {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            let result = try run(["clean", "--jobs", "1"], stdin: data + Data("\n{\"text\":\"Second.\"}\n".utf8))
            XCTAssertEqual(result.status, 0, String(result.stderr.prefix(300)))
            let lines = result.stdout.split(separator: "\n")
            XCTAssertEqual(lines.count, 2)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            XCTAssertNotNil(object["winnow"])
            XCTAssertFalse(try XCTUnwrap(object["text"] as? String).contains("Advertisement"))
            if record["html"] != nil { XCTAssertEqual(object["html"] as? String, long) }
        }
    }

    /// A record made long by another field (a page's html, past what is read whole) comes
    /// out byte for byte around its new text and `winnow` field, the field spilled to a
    /// scratch file and put back; a bad escape deep in such a field refuses the record
    /// alone.
    func testARecordWithALongOtherFieldComesOutByteForByte() throws {
        let html = String(repeating: "<p class=\\\"a\\\">caf\\u00e9</p>\\n", count: 150_000)  // JSON-escaped, 3.75 MB
        let good = "{\"html\":\"\(html)\",\"text\":\"Advertisement\\n\\nThe council met.\",\"winnow\":\"\(html)\",\"n\":[1, \"\(html)\"]}"
        let bad = "{\"text\":\"The council met.\",\"html\":\"\(html)\\q\"}"
        let result = try run(["clean", "--jobs", "1", "--format", "jsonl"], stdin: Data((good + "\n" + bad + "\n{\"text\":\"The council met on Tuesday.\"}\n").utf8))
        XCTAssertEqual(result.status, 1, String(result.stderr.prefix(300)))
        XCTAssertTrue(result.stderr.contains("<stdin>:2: not valid JSON: bad escape"), String(result.stderr.prefix(300)))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("{\"text\":\"The council met on Tuesday.\\n\""), lines[1])
        let head = "{\"html\":\"\(html)\",\"text\":\"The council met.\\n\",\"winnow\":{"
        XCTAssertTrue(lines[0].hasPrefix(head), String(lines[0].prefix(200)))
        XCTAssertTrue(lines[0].hasSuffix("},\"n\":[1, \"\(html)\"]}"), String(lines[0].suffix(200)))
        XCTAssertLessThan(lines[0].utf8.count, head.utf8.count + html.utf8.count + 200)
    }

    /// A JSON Lines record too long to clean whole is cleaned in parts too: one record out,
    /// its text as long as the parts joined, its `winnow` field adding up every part's edits.
    func testAVeryLongRecordIsCleanedInPartsIntoOneRecord() throws {
        let text = longText()
        let record = try JSONSerialization.data(withJSONObject: ["id": "long", "text": text])
        let result = try run(["clean", "--format", "jsonl"], stdin: record + Data("\n".utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let clean = try XCTUnwrap(object["text"] as? String)
        XCTAssertEqual(clean, try run(["clean"], stdin: Data(text.utf8)).stdout)
        XCTAssertFalse(clean.contains("Advertisement"))
        let winnow = try XCTUnwrap(object["winnow"] as? [String: Any])
        let edits = try XCTUnwrap(winnow["edits"] as? [String: Int])
        XCTAssertEqual(edits["ad.marker"], 1200)
    }

    func testStdinToStdout() throws {
        let r = try run(["clean"], stdin: try Data(contentsOf: seed))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, try read(seedExpected))
        XCTAssertEqual(r.stderr, "")
    }

    func testDashMeansStdinAndOneFileGoesToStdout() throws {
        XCTAssertEqual(try run(["clean", "-"], stdin: Data("  Hello\u{A0}world  ".utf8)).stdout, "Hello world\n")
        XCTAssertEqual(try run(["clean", seed.path]).stdout, try read(seedExpected))
    }

    func testFolderIsMirroredUnderOutput() throws {
        _ = try write("in/a/one.txt", "First\u{A0}article.\n\nREAD MORE: Elsewhere today")
        _ = try write("in/two.txt", "Second article.")
        _ = try write("in/.hidden", "skip me")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", tmp.appendingPathComponent("in").path, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("a/one.txt")), "First article.\n")
        XCTAssertEqual(try read(out.appendingPathComponent("two.txt")), "Second article.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(".hidden").path))
    }

    func testJSONLinesKeepEveryRecordAndField() throws {
        var lines: [String] = []
        for i in 0..<200 {
            lines.append(#"{"id":"doc-\#(i)","url":"https://example.org/\#(i)","n":\#(i),"nested":{"k":[1,2.5,null]},"text":"By Anna Berg and Tom Lee\n\nStory number \#(i) has\u00a0text.\n\nREAD MORE: other"}"#)
        }
        let input = try write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let output = tmp.appendingPathComponent("out.jsonl")
        let r = try run(["clean", input.path, "-o", output.path, "--jobs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let outLines = try read(output).split(separator: "\n")
        XCTAssertEqual(outLines.count, 200)
        for (i, line) in outLines.enumerated() {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            XCTAssertEqual(Set(obj.keys), ["id", "url", "n", "nested", "text", "winnow"])
            XCTAssertEqual(obj["id"] as? String, "doc-\(i)")
            XCTAssertEqual(obj["n"] as? Int, i)
            XCTAssertEqual(obj["text"] as? String, "Story number \(i) has text.\n")
            let winnow = obj["winnow"] as! [String: Any]
            XCTAssertEqual(winnow["bylines"] as? [String], ["Anna Berg and Tom Lee"])
        }
        // The same bytes at any number of jobs, and from standard input.
        let one = try run(["clean", "--jobs", "1"], stdin: try Data(contentsOf: input))
        XCTAssertEqual(one.stdout, try read(output))
    }

    func testExplainListsEveryEditWithItsRule() throws {
        let r = try run(["clean", "--explain"], stdin: Data("READ MORE: Elsewhere\n\nKept\u{A0}text.".utf8))
        XCTAssertEqual(r.stdout, "Kept text.\n")
        XCTAssertTrue(r.stderr.contains("related.labelled-link"), r.stderr)
        XCTAssertTrue(r.stderr.contains("unicode.space"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\"READ MORE: Elsewhere"), r.stderr)
    }

    // MARK: - Bad input: one clear line, nothing else lost

    func testMissingFileIsReportedAndOthersAreStillWritten() throws {
        let good = try write("good.txt", "Fine text.")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", tmp.appendingPathComponent("missing.txt").path, good.path, "-o", out.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("missing.txt: No such file or directory"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("good.txt")), "Fine text.\n")
    }

    func testBinaryFileIsRefusedAndOthersAreStillWritten() throws {
        _ = try write("in/image.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]))
        _ = try write("in/text.txt", "Fine text.")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", tmp.appendingPathComponent("in").path, "-o", out.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("image.gz: binary data (gzip), not text"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("text.txt")), "Fine text.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("image.gz").path))
    }

    func testInvalidUTF8IsRepairedNotDropped() throws {
        let r = try run(["clean", "--explain"], stdin: Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B]))
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "café ok\n")
        XCTAssertTrue(r.stderr.contains("decode.invalid-utf8"), r.stderr)
    }

    func testMalformedRecordGoesToRejectsWithItsLineNumber() throws {
        let input = try write("in.jsonl", "{\"text\":\"one\"}\n{\"text\": broken\n\n{\"text\":\"three\"}\n")
        let output = tmp.appendingPathComponent("out.jsonl")
        let r = try run(["clean", input.path, "-o", output.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("in.jsonl:2: not valid JSON"), r.stderr)
        let texts = try read(output).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["text"] as! String
        }
        XCTAssertEqual(texts, ["one\n", "three\n"])
        let rejects = try read(URL(fileURLWithPath: output.path + ".rejects.jsonl")).split(separator: "\n")
        XCTAssertEqual(rejects.count, 1)
        let reject = try JSONSerialization.jsonObject(with: Data(rejects[0].utf8)) as! [String: Any]
        XCTAssertEqual(reject["line"] as? Int, 2)
        XCTAssertEqual(reject["record"] as? String, "{\"text\": broken")
    }

    func testRecordWithoutTextIsRejectedOnStdin() throws {
        let rejects = tmp.appendingPathComponent("rej.jsonl")
        let r = try run(["clean", "--format", "jsonl", "--rejects", rejects.path],
                        stdin: Data("{\"text\":\"a\"}\n{\"title\":\"no text\"}\n[1]\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("<stdin>:2: no \"text\" field"), r.stderr)
        XCTAssertTrue(r.stderr.contains("<stdin>:3: not a JSON object"), r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1)
        XCTAssertEqual(try read(rejects).split(separator: "\n").count, 2)
    }

    func testEmptyInputIsReportedAndCleansToNothing() throws {
        let empty = try write("empty.txt", "")
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", empty.path, "-o", out.path + "/"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("empty.txt: empty input"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("empty.txt")), "")
    }

    func testUnreadableFolderIsReportedAndOthersAreStillWritten() throws {
        // Root reads everything, so run the binary as an unprivileged user when we are root.
        var prefix: [String] = []
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("needs setpriv when run as root") }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Self.binary]
        }
        _ = try write("in/locked/secret.txt", "Hidden.")
        _ = try write("in/open.txt", "Visible text.")
        let out = tmp.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for path in [tmp.path, tmp.appendingPathComponent("in").path, out.path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tmp.appendingPathComponent("in/open.txt").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: tmp.appendingPathComponent("in/locked").path)
        let args = ["clean", tmp.appendingPathComponent("in").path, "-o", out.path]
        let r = prefix.isEmpty ? try run(args) : try run(prefix + args, executable: true)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("locked: cannot read folder (Permission denied)"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("open.txt")), "Visible text.\n")
    }

    func testUsageErrorsExitWithTwo() throws {
        XCTAssertEqual(try run(["clean", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try run(["clean", "--jobs", "0"]).status, 2)
        _ = try write("d/a.txt", "x")
        let r = try run(["clean", tmp.appendingPathComponent("d").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("-o"), r.stderr)
    }

    func testMalformedUserRulePackIsRejectedWithTheRuleId() throws {
        let pack = try write("bad.yaml", "pack: mine\ncategory: x\nrules:\n  - id: mine.nopattern\n    scope: prefix\n    reason: r\n")
        let r = try run(["clean", "--rules", pack.path], stdin: Data("text".utf8))
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("rule mine.nopattern: scope prefix needs a pattern"), r.stderr)
    }

    // MARK: - Corpus pass

    func testBatchDropsLinesASiteRepeatsOnEveryPage() throws {
        let subjects = ["buses", "parks", "schools", "libraries", "bridges", "markets", "trams", "pools"]
        for (i, subject) in subjects.enumerated() {
            _ = try write("site/page\(i).txt", "Example Daily - Home | World | Sport\n\nThe council met and voted on the plan for \(subject), officials said.")
        }
        let out = tmp.appendingPathComponent("out")
        let r = try run(["clean", tmp.appendingPathComponent("site").path, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("page3.txt")), "The council met and voted on the plan for libraries, officials said.\n")
        // The same from a stream, with the statistics computed beforehand by `winnow stats`.
        let stats = try run(["stats", tmp.appendingPathComponent("site").path])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let statsFile = try write("stats.tsv", stats.stdout)
        let page = try Data(contentsOf: tmp.appendingPathComponent("site/page3.txt"))
        let plain = try run(["clean"], stdin: page)
        XCTAssertTrue(plain.stdout.contains("Example Daily"), "without statistics a stream keeps the line")
        let records = subjects.enumerated().map { #"{"url":"https://www.example.org/\#($0.offset)","text":"Menu | Sport | Weather\n\nA story about the \#($0.element) of the town."}"# }
        let jsonl = try write("corpus.jsonl", records.joined(separator: "\n") + "\n")
        let cleaned = try run(["clean", jsonl.path, "-o", tmp.appendingPathComponent("c.jsonl").path])
        XCTAssertEqual(cleaned.status, 0, cleaned.stderr)
        XCTAssertFalse(try read(tmp.appendingPathComponent("c.jsonl")).contains("Menu | Sport"))
        let jsonlStats = try write("j.tsv", try run(["stats", jsonl.path]).stdout)
        let streamed = try run(["clean", "--corpus-stats", jsonlStats.path], stdin: Data((records[2] + "\n").utf8))
        XCTAssertFalse(streamed.stdout.contains("Menu | Sport"), streamed.stdout)
        XCTAssertTrue(streamed.stdout.contains("A story about the schools of the town."), streamed.stdout)
        _ = statsFile
    }
}
