import Foundation

/// How far a JSON Lines file was cleaned into its output, saved after every batch so that
/// `--resume` can go on where an interrupted (or killed) run stopped: the input is read
/// from `inputOffset`, and the output and rejects files are cut back to the lengths they
/// had when the checkpoint was written (anything after it was not yet accounted for).
///
/// It lives beside the output's temporary file as `.NAME.winnow-resume` (hidden, so a
/// later run over the folder passes it over) and is removed once the output is complete.
/// It names the input's size and modification time: a changed input starts over.
struct Checkpoint: Equatable {
    var inputSize: Int
    var inputModified: String
    /// Bytes of input fully read (records cleaned or rejected).
    var inputOffset = 0
    /// Lines of input read, for line numbers in messages and rejects.
    var line = 0
    /// Records written to the output or the rejects file.
    var records = 0
    var outputBytes = 0
    var rejectBytes = 0

    static func path(forOutput output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).winnow-resume").path
    }

    /// A fresh checkpoint for `input`, or nil when it cannot be examined.
    static func start(input: String) -> Checkpoint? {
        var st = stat()
        guard stat(input, &st) == 0 else { return nil }
        return Checkpoint(inputSize: Int(st.st_size), inputModified: "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
    }

    /// The saved checkpoint for `output`, when there is one and it belongs to `input` as it is now.
    static func load(forOutput output: String, input: String) -> Checkpoint? {
        guard let current = start(input: input),
              let text = try? String(contentsOfFile: path(forOutput: output), encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        func int(_ key: String) -> Int? { fields[key].flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } }
        guard let size = int("input-size"), let modified = fields["input-modified"],
              let offset = int("input-offset"), let line = int("line"), let records = int("records"),
              let outputBytes = int("output-bytes"), let rejectBytes = int("reject-bytes"),
              size == current.inputSize, modified == current.inputModified, offset <= size else { return nil }
        return Checkpoint(inputSize: size, inputModified: modified, inputOffset: offset, line: line,
                          records: records, outputBytes: outputBytes, rejectBytes: rejectBytes)
    }

    /// Writes the checkpoint under a temporary name and renames it, so a kill leaves the
    /// previous one or this one, never a mixture.
    func save(forOutput output: String) {
        let target = Self.path(forOutput: output)
        let text = """
            input-size \(inputSize)
            input-modified \(inputModified)
            input-offset \(inputOffset)
            line \(line)
            records \(records)
            output-bytes \(outputBytes)
            reject-bytes \(rejectBytes)

            """
        let temporary = target + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return }
        if rename(temporary, target) != 0 { unlink(temporary) }
    }

    static func remove(forOutput output: String) {
        unlink(path(forOutput: output))
    }
}
