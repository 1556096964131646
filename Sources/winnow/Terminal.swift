import Foundation

/// Buffered writes to a file descriptor. A closed pipe (`winnow clean | head`) ends the
/// program quietly with status 0, as a filter should.
final class Output {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var failed: String?

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ s: String) { write(Array(s.utf8)) }

    func flush() {
        guard !buffer.isEmpty, failed == nil else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        buffer.withUnsafeBytes { raw in
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
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if fd > 2 { Foundation.close(fd) }
    }
}

/// One-line messages on standard error: `winnow: PATH[:LINE]: problem`.
enum Diagnostics {
    static func error(_ where_: String, _ problem: String) {
        FileHandle.standardError.write(Data("winnow: \(where_): \(problem)\n".utf8))
    }

    static func raw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Reads a whole file or standard input as bytes.
enum Input {
    struct Failure: Error { var message: String }

    static func readAll(fd: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: String(cString: strerror(errno)))
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
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
