#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Foundation

/// Reads a file straight into one byte array: `FileManager.contents` gives `Data`, which would be
/// copied again into the `[UInt8]` the reader parses.
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
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            complete = readFully(descriptor, into: base, at: 0, count: size)
            if complete { count = size }
        }
        // A file that shrank while being read is as unreadable as one that cannot be opened.
        return complete || size == 0 ? .success(bytes) : .failure(.unreadable)
    }

    private static func readFully(_ descriptor: Int32, into target: UnsafeMutablePointer<UInt8>, at offset: Int, count: Int) -> Bool {
        var got = 0
        while got < count {
            let read = pread(descriptor, target + got, count - got, off_t(offset + got))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return false }
            got += read
        }
        return true
    }
}
