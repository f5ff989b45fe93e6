/// SARIF artifact URIs: relative to the source root where the file lies inside it, else an
/// absolute `file://` URI; percent-encoded.
enum ArtifactURI {
    static func uri(for path: String, root: SourceRoot) -> (uri: String, relative: Bool) {
        if let relative = root.relativePath(path) { return (encode(relative), true) }
        return ("file://" + encode(root.absolutePath(path)), false)
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
