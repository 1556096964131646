import ArgumentParser
import Foundation

/// The `winnow` command: subcommands over the Winnow library. No cleaning logic here.
@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Turn scraped article text into clean, canonical text.",
        subcommands: [Clean.self],
        defaultSubcommand: Clean.self
    )

    /// Exit status 2 for every usage error (ArgumentParser's own is 64), as the
    /// command-line contract says: 0 all good, 1 some documents failed, 2 usage.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
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
