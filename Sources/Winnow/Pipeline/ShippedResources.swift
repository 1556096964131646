import Foundation

/// Finds the data folders that ship with Winnow (`rules`, `words`, `classifier`,
/// `stopwords`), in one place for every stage that needs one.
///
/// Looked for in order: `$WINNOW_RESOURCES/<name>`; the SwiftPM resource bundle beside
/// the executable (or the main bundle); the source tree the binary was built from, so a
/// clone's build folder and its tests work without installing anything.
public enum ShippedResources {
    public static func directory(_ name: String) -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["WINNOW_RESOURCES"], !env.isEmpty {
            candidates.append(env + "/" + name)
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("Winnow_Winnow.resources/\(name)").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("Winnow_Winnow.resources/\(name)").path)
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/\(name)").path)
        return candidates.first { fm.fileExists(atPath: $0) }
    }
}
