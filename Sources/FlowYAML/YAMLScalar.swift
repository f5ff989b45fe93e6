/// A scalar as both read paths see it, events and nodes alike: its bytes (valid only while the
/// value lives inside the call that hands it over), style and tag. Null and boolean are read
/// here once, so the two paths cannot read the same text differently.
package struct YAMLScalar {
    package let bytes: UnsafeBufferPointer<UInt8>
    package let style: YAMLScalarStyle
    package let tag: YAMLTag

    // Inlinable: made and asked for every value the model reads, from another module.
    @inlinable
    package init(bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: YAMLTag = .none) {
        self.bytes = bytes
        self.style = style
        self.tag = tag
    }

    package var string: String { YAMLText.string(bytes) }

    /// `null`, `~` or nothing, unquoted and untagged, or tagged `!!null`; `"null"` stays a string.
    @inlinable
    package var isNull: Bool {
        if tag == .null { return true }
        guard style == .plain, tag == .none else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4: return isNullWord
        default: return false
        }
    }

    /// `null`, `Null` or `NULL`.
    @usableFromInline
    var isNullWord: Bool { Self.nullWords.position(of: bytes) != nil }

    /// Only `true` and `false`, plain or tagged `!!bool`: `yes`, `on` and quoted text are not
    /// booleans (a country `NO` must stay Norway).
    package var bool: Bool? {
        guard (style == .plain && tag == .none) || tag == .boolean else { return nil }
        return Self.boolWords.position(of: bytes).map { $0 == 1 }
    }

    /// `<<`, plain: a merge key to a whole read, never a name.
    package var isMergeKey: Bool {
        style == .plain && tag == .none && bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
    }

    private static let nullWords = KeyNames(["null", "Null", "NULL"])
    private static let boolWords = KeyNames(["false", "true"])
}

extension YAMLNode {
    /// This scalar as the read paths see it; nil for collections. `body` gets bytes valid only
    /// during the call.
    package func withScalar<Result>(_ body: (YAMLScalar) -> Result) -> Result? {
        let node = record
        guard node.kind == .scalar else { return nil }
        return body(YAMLScalar(bytes: YAMLDocumentStorage.slice(storage.text.buffer, node), style: node.style, tag: node.tag))
    }
}
