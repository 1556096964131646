import Foundation
import Synchronization

/// SIGINT (and SIGTERM): the first asks the run to stop after the document in hand
/// (outputs already renamed into place stay, the one being written is discarded, exit
/// status 130); a second one ends the program at once.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Installs the handler without SA_RESTART, so a blocking read returns EINTR.
    static func install() {
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                if Interrupt.flag.exchange(true, ordering: .relaxed) { _exit(130) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
