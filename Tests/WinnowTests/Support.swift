import Foundation
import XCTest
@testable import Winnow

/// The repository's root, found from this file's path (tests never read ../shared).
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The default pipeline, compiled once for all tests.
let sharedPipeline: Pipeline = {
    do { return try Pipeline() } catch { fatalError("pipeline: \(error)") }
}()

/// Cleans text with the default pipeline (or one built from `configuration`).
func clean(_ text: String, configuration: Configuration? = nil) -> String {
    let pipeline = configuration.map { try! Pipeline(configuration: $0) } ?? sharedPipeline
    return pipeline.makeCleaner().clean(text)
}

/// Cleans and returns the whole document, edit log included.
func cleanDocument(_ text: String, configuration: Configuration? = nil) -> Document {
    let pipeline = configuration.map { try! Pipeline(configuration: $0) } ?? sharedPipeline
    var doc = Document(id: "test", text: text)
    pipeline.makeCleaner().clean(&doc)
    return doc
}

/// The sample articles: every `Samples/**/NAME.txt` that has a `NAME.expected.txt`.
func samplePairs() throws -> [(input: URL, expected: URL)] {
    let root = repoRoot.appendingPathComponent("Samples")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        .compactMap { $0 as? URL }
        .filter { $0.pathExtension == "txt" && !$0.lastPathComponent.hasSuffix(".expected.txt") }
        .sorted { $0.path < $1.path }
    return files.compactMap { input in
        let expected = input.deletingPathExtension().appendingPathExtension("expected.txt")
        return FileManager.default.fileExists(atPath: expected.path) ? (input, expected) : nil
    }
}

/// An ordinary article paragraph to put around a line under test.
let articleParagraph = "The council voted on Tuesday to expand the bus network, a decision that officials said would cost about four million over five years."

/// Cleans `line` between two article paragraphs and returns the boilerplate rule that
/// removed it, or nil when it was kept.
func ruleRemoving(_ line: String) -> String? {
    let doc = cleanDocument("\(articleParagraph)\n\n\(line)\n\n\(articleParagraph)")
    if doc.string.contains(line.trimmingCharacters(in: .whitespaces)) { return nil }
    return doc.edits.first { $0.stage == "boilerplate" }?.rule
}

/// Asserts that `line` between two article paragraphs comes out unchanged but for its
/// canonical form.
func assertKeptBetweenParagraphs(_ line: String, file: StaticString = #filePath, line lineNo: UInt = #line) {
    let out = clean("\(articleParagraph)\n\n\(line)\n\n\(articleParagraph)")
    XCTAssertEqual(out, "\(articleParagraph)\n\n\(clean(line).dropLast())\n\n\(articleParagraph)\n", line, file: file, line: lineNo)
}

/// What a finished process wrote and how it ended.
struct ProcessResult {
    var status: Int32
    var stdout: Data
    var stderr: String
}

/// Runs a program with standard input, output and error as temporary files (no pipes,
/// so no reader threads and no child blocked on a full pipe), and waits for it. The one
/// way every end-to-end test runs the built binary (or a helper such as chmod).
func runProcess(_ executable: String, _ args: [String], stdin: Data = Data(),
                environment: [String: String]? = nil) throws -> ProcessResult {
    let io = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: io) }
    let inURL = io.appendingPathComponent("in"), outURL = io.appendingPathComponent("out"),
        errURL = io.appendingPathComponent("err")
    try stdin.write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let environment { p.environment = environment }
    let inHandle = try FileHandle(forReadingFrom: inURL)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    p.standardInput = inHandle
    p.standardOutput = outHandle
    p.standardError = errHandle
    try p.run()
    p.waitUntilExit()
    try inHandle.close()
    try outHandle.close()
    try errHandle.close()
    return ProcessResult(status: p.terminationStatus, stdout: try Data(contentsOf: outURL),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A small seeded random generator (SplitMix64): random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
