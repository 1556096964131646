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
