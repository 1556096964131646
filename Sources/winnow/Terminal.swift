import Foundation

/// Buffered writes to a file descriptor. A closed pipe (`winnow clean | head`) ends the
/// program quietly with status 0, as a filter should.
final class Output {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var failed: String?
    /// Bytes of the file before the write position: what it held when opened (a resumed
    /// output) plus what was flushed since. A checkpoint records it after a flush.
    private(set) var position: Int

    init(fd: Int32, position: Int = 0) {
        self.fd = fd
        self.position = position
        buffer.reserveCapacity(Output.bufferSize)
    }

    /// Bytes as large as the buffer or larger go straight to the file after what is
    /// buffered (a record's long field is not copied into the buffer, whose capacity
    /// would then stay that large).
    func write<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.count >= Output.bufferSize {
            flush()
            let written: Void? = bytes.withContiguousStorageIfAvailable { writeAll(UnsafeRawBufferPointer($0)) }
            if written != nil { return }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Output.bufferSize { flush() }
    }

    func write(_ s: String) { write(Array(s.utf8)) }

    func flush() {
        guard !buffer.isEmpty, failed == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static let bufferSize = 1 << 16

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard failed == nil else { return }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                failed = String(cString: strerror(errno))
                return
            }
            offset += n
        }
        position += offset
    }

    func close() {
        flush()
        if fd > 2 { Foundation.close(fd) }
    }
}

/// One-line messages on standard error: `winnow: PATH[:LINE]: problem`.
enum Diagnostics {
    static func error(_ where_: String, _ problem: String) {
        raw("winnow: \(where_): \(problem)\n")
    }

    static func raw(_ text: String) {
        Progress.current?.clear()
        FileHandle.standardError.write(Data(text.utf8))
    }
}

// MARK: - Terminal

enum Terminal {
    /// True when the file descriptor is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// Colour on `fd`: `always`, `never`, or (`auto`) on a terminal unless NO_COLOR is set
    /// (non-empty) or TERM is `dumb`.
    static func useColor(_ mode: ColorMode, fd: Int32) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            if env["TERM"] == "dumb" { return false }
            return isTerminal(fd)
        }
    }

    /// Columns: COLUMNS if set, else the terminal's width, else 80.
    static func width(fd: Int32 = 1) -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 { return n }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

enum ColorMode: String, CaseIterable {
    case auto, always, never
}

/// A progress bar on standard error for long runs: drawn only on a terminal, only after
/// half a second, at most ten times a second, and wiped before any other message.
final class Progress {
    nonisolated(unsafe) static var current: Progress?

    private let total: Int?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var bytes = 0
    private var documents = 0
    private var drawn = false

    /// - Parameter total: bytes expected, when known.
    init(total: Int?) { self.total = total }

    static func begin(total: Int?, enabled: Bool) {
        current = enabled && Terminal.isTerminal(2) ? Progress(total: total) : nil
    }

    static func end() {
        current?.clear()
        current = nil
    }

    func advance(bytes: Int, documents: Int) {
        self.bytes += bytes
        self.documents += documents
        let now = Date()
        guard now.timeIntervalSince(start) > 0.5, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let seconds = now.timeIntervalSince(start)
        let rate = Double(self.bytes) / seconds / 1e6
        var line = "\r\u{1B}[K"
        if let total, total > 0 {
            let f = min(1, Double(self.bytes) / Double(total))
            let cells = 30, full = Int(f * Double(cells))
            line += "[" + String(repeating: "#", count: full) + String(repeating: "-", count: cells - full) + "] "
            line += "\(Int(f * 100))%  "
            if f > 0.01 {
                let eta = Int(seconds / f - seconds)
                line += "ETA \(eta / 60):" + (eta % 60 < 10 ? "0" : "") + "\(eta % 60)  "
            }
        }
        line += "\(self.documents) documents  \(String(format: "%.1f", rate)) MB/s"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

/// Reads a whole file or standard input as bytes.
enum Input {
    struct Failure: Error { var message: String }

    static func readAll(fd: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let chunk = try readSome(fd: fd, upTo: 1 << 16)
            if chunk.isEmpty { return out }
            out += chunk
        }
    }

    /// What one read returns (at most `upTo` bytes); empty at the end of the input.
    static func readSome(fd: Int32, upTo: Int = 1 << 20) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: upTo)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR {
                    if Interrupt.requested { throw Failure(message: "interrupted") }
                    continue
                }
                throw Failure(message: String(cString: strerror(errno)))
            }
            chunk.removeSubrange(n...)
            return chunk
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        defer { Foundation.close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(message: "is a directory") }
        return try readAll(fd: fd)
    }
}
