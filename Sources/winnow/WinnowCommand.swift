import ArgumentParser
import Foundation

/// The `winnow` command: subcommands over the Winnow library. No cleaning logic here.
@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Turn scraped article text into clean, canonical text.",
        subcommands: [Clean.self, Diff.self, StatsCommand.self],
        defaultSubcommand: Clean.self
    )

    /// Exit status 2 for every usage error (ArgumentParser's own is 64), as the
    /// command-line contract says: 0 all good, 1 some documents failed, 2 usage.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(explainValue(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `--explain json` and `--explain=json` (and `text`) mean `--explain --explain-format X`:
/// ArgumentParser has no option whose value may be left out, so the bare flag is kept
/// and a following `json`/`text` is read as its format. (A file named `json` is `./json`.)
func explainValue(_ args: [String]) -> [String] {
    var out: [String] = []
    var i = 0
    while i < args.count {
        let a = args[i]
        if a == "--" { out += args[i...]; break }
        if a == "--explain=json" || a == "--explain=text" {
            out += ["--explain", "--explain-format", String(a.dropFirst("--explain=".count))]
        } else if a == "--explain", i + 1 < args.count, args[i + 1] == "json" || args[i + 1] == "text" {
            out += ["--explain", "--explain-format", args[i + 1]]
            i += 1
        } else {
            out.append(a)
        }
        i += 1
    }
    return out
}
