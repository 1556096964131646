import Winnow
import WinnowInvariants

#if canImport(Glibc)
import Glibc
#endif

// The libFuzzer entry point over the whole default pipeline. Built only by `tools/fuzz`
// (WINNOW_FUZZ=1, `--sanitize=fuzzer --sanitize=address`); libFuzzer's runtime supplies
// `main`, so this file has no top-level code. Crashes and address errors are caught by
// the sanitizers, hangs by libFuzzer's -timeout, and every other promise by
// `Invariants`, whose first violation aborts the run so libFuzzer keeps the input. The
// same bytes are also read as a JSON Lines record, whole and streamed (`recordViolations`).

/// The default pipeline, compiled once per process (the rule packs take a while), and one
/// cleaner for the single fuzzing thread.
private let cleaner: Cleaner = {
    do { return try Pipeline().makeCleaner() } catch {
        fatalError("WinnowFuzz: the default pipeline does not compile: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = Invariants.violations(of: input, cleaner: cleaner) + Invariants.recordViolations(of: input)
    if !violations.isEmpty {
        for v in violations { fputs("INVARIANT VIOLATED: \(v)\n", stderr) }
        fputs(Invariants.editLogs(of: input, cleaner: cleaner) + "\n", stderr)
        fflush(stderr)
        abort()
    }
    return 0
}
