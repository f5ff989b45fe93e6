/// SARIF artifact URIs: relative to the working directory where possible, percent-encoded.
enum ArtifactURI {
    static func uri(for path: String, workingDirectory: String) -> (uri: String, relative: Bool) {
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if path.hasPrefix("/") {
            if path.hasPrefix(base) { return (encode(String(path.dropFirst(base.count))), true) }
            return ("file://" + encode(path), false)
        }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return (encode(String(relative)), true)
    }

    /// RFC 3986: keep unreserved characters and `/`, encode every other byte.
    static func encode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
