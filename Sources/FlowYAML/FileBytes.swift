#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Foundation

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Reads a file straight into one byte array. `FileManager.contents` gives `Data`, and turning
/// that into `[UInt8]` copied a national model's 50 MB once more before parsing could start.
enum FileBytes {
    enum Problem: Error {
        case unreadable
        case tooLarge(Int)
    }

    static func read(_ path: String, limit: Int) -> Result<[UInt8], Problem> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(.unreadable) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable) }
        // Pipes and devices have no size to trust: Foundation reads them to the end.
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable) }
            return data.count > limit ? .failure(.tooLarge(data.count)) : .success([UInt8](data))
        }
        let size = Int(info.st_size)
        if size > limit { return .failure(.tooLarge(size)) }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let got = systemRead(descriptor, base + count, size - count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    failed = got < 0
                    return
                }
                count += got
            }
        }
        return failed ? .failure(.unreadable) : .success(bytes)
    }
}
