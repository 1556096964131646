import Dispatch
import Foundation

/// Cleans batches of documents on several threads, each with its own `Cleaner`, and
/// hands results back in input order (so output is identical at any `--jobs`).
public final class ParallelCleaner: @unchecked Sendable {
    public let jobs: Int
    private let cleaners: [Cleaner]

    public init(pipeline: Pipeline, jobs: Int) {
        self.jobs = max(1, jobs)
        self.cleaners = (0..<max(1, jobs)).map { _ in pipeline.makeCleaner() }
    }

    /// The first worker's cleaner, for work that stays on the calling thread between
    /// batches (no worker runs then): a record cleaned as it streams by.
    public var firstCleaner: Cleaner { cleaners[0] }

    /// Turns on per-stage timing in every worker's cleaner (`--timings`).
    public func measureTime() { for c in cleaners { c.measuresTime = true } }

    /// Seconds each stage took, summed over the workers, in pipeline order.
    public var secondsByStage: [(stage: String, seconds: Double)] {
        guard let first = cleaners.first else { return [] }
        return first.stageNames.enumerated().map { k, name in (name, cleaners.reduce(0) { $0 + $1.secondsByStage[k] }) }
    }

    /// Applies `work` to every item with worker-local cleaners; results keep input order.
    public func map<In, Out>(_ items: [In], _ work: (Cleaner, In) -> Out) -> [Out] {
        if jobs == 1 || items.count < 2 { return items.map { work(cleaners[0], $0) } }
        var results = [Out?](repeating: nil, count: items.count)
        let lock = NSLock()
        var next = 0
        results.withUnsafeMutableBufferPointer { out in
            let slots = out
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { worker in
                while true {
                    lock.lock()
                    let i = next
                    next += 1
                    lock.unlock()
                    if i >= items.count { break }
                    slots[i] = work(cleaners[worker], items[i])
                }
            }
        }
        return results.map { $0! }
    }
}
