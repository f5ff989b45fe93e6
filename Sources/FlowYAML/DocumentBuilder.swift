internal import Foundation
import FlowRuntime

/// Thrown inside the event loop to stop at the first fatal problem.
struct FatalYAMLError: Error {
    var diagnostic: Diagnostic
}

/// Turns the event stream of one document into a node arena. Open collections sit on an
/// explicit stack, so depth costs heap, never call stack. A class: the parse loop mutates it
/// for every event, and a struct held inside the session was copied (retaining every array).
final class DocumentBuilder: EventSink {
    let file: String
    let limits: YAMLLimits
    let continuedSection: String?
    @exclusivity(unchecked) private(set) var diagnostics: [Diagnostic] = []
    private(set) var documents: [YAMLDocument] = []

    // Owned by one parse on one thread: run-time exclusivity checks on every event cost
    // about a tenth of the parse, and can never fire.
    @exclusivity(unchecked) private var records = ArenaBuffer<NodeRecord>()
    @exclusivity(unchecked) private var text = ArenaBuffer<UInt8>()
    @exclusivity(unchecked) private var children = ArenaBuffer<Int32>()
    /// Nodes in each subtree, counting what aliases expand to; drives the alias budget.
    @exclusivity(unchecked) private var weights: [Int] = []
    @exclusivity(unchecked) private var anchors: [String: Int32] = [:]
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// Child slots of every open collection, innermost last: one buffer instead of an array per collection.
    @exclusivity(unchecked) private var slots = ArenaBuffer<Int32>()
    @exclusivity(unchecked) private var root: Int32?
    @exclusivity(unchecked) private var expansion = 0
    /// Open mappings whose next value is a merge source or a duplicate's value to drop: while
    /// there are none, a value is attached without looking at either flag.
    @exclusivity(unchecked) private var pendingValues = 0

    /// Keys of a mapping are checked linearly until there are this many, then hashed.
    private static let linearKeyScanLimit = 8

    private struct Frame {
        var record: Int32
        var kind: YAMLNodeKind
        var anchor: String?
        /// Where this collection's children start in `slots`.
        var slotStart: Int
        var weight = 1
        /// Keys by a hash of their bytes (see `KeyHash`), for mappings with many keys.
        var keyIndex: [Int: Int32]?
        /// Set after a `<<` key: the next value is a merge source, not an entry.
        var awaitingMergeValue: SourcePosition?
        var mergeSources: [(node: Int32, at: SourcePosition)] = []
        var skipNextValue = false
    }

    /// False for a chunk of a file: anchors are rejected before they reach the builder, and a
    /// merge key stops the chunk too, so no expansion budget (nor node weights) is kept.
    let tracksExpansion: Bool
    /// Arena room for the first document: growing arrays of millions of nodes copied each of
    /// them about twice (and touched that much fresh memory).
    private var expectedNodes: Int
    /// Scalar text room for the first document: at most the input's size.
    private var expectedTextBytes: Int

    init(file: String, limits: YAMLLimits, continuedSection: String? = nil, tracksExpansion: Bool = true,
         expectedNodes: Int = 0, expectedTextBytes: Int = 0) {
        self.file = file
        self.limits = limits
        self.continuedSection = continuedSection
        self.tracksExpansion = tracksExpansion
        self.expectedNodes = expectedNodes
        self.expectedTextBytes = expectedTextBytes
    }

    func reset() {
        records = ArenaBuffer(capacity: expectedNodes)
        text = ArenaBuffer(capacity: expectedTextBytes)
        children = ArenaBuffer(capacity: expectedNodes)
        weights = []
        anchors = [:]
        frames = []
        pendingValues = 0
        slots = ArenaBuffer()
        root = nil
        expansion = 0
        if tracksExpansion { weights.reserveCapacity(expectedNodes) }
        expectedNodes = 0
        expectedTextBytes = 0
    }

    /// Room for the first document of `bytes` of input: about one node per 10 to 12 bytes in
    /// typical models (see `YAMLLimits.bytesPerNodeEstimate`), guessed high, as room never
    /// written costs no memory.
    convenience init(file: String, limits: YAMLLimits, continuedSection: String? = nil, tracksExpansion: Bool, sizedFor bytes: Int) {
        self.init(
            file: file, limits: limits, continuedSection: continuedSection, tracksExpansion: tracksExpansion,
            expectedNodes: bytes / YAMLLimits.bytesPerNodeEstimate, expectedTextBytes: bytes)
    }

    func startDocument(at position: SourcePosition) {
        reset()
    }

    func endDocument() {
        documents.append(finishDocument())
    }

    private func finishDocument() -> YAMLDocument {
        let storage = YAMLDocumentStorage(
            file: file, records: records.handOver(startingAgainWith: 0), text: text.handOver(startingAgainWith: 0),
            children: children.handOver(startingAgainWith: 0), root: root, continuedSection: continuedSection)
        reset()
        return YAMLDocument(storage: storage)
    }

    /// `bytes` is the scalar's UTF-8 text, which libyaml has validated.
    func addScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: YAMLTag, anchor: String?,
        start: SourcePosition, end: SourcePosition
    ) throws {
        let index = Int32(records.count)
        records.append(NodeRecord(
            kind: .scalar, style: style, tag: tag,
            startLine: Int32(start.line), startColumn: Int32(start.column),
            endLine: Int32(end.line), endColumn: Int32(end.column),
            payload: Int32(text.count), count: Int32(bytes.count)))
        text.append(contentsOf: bytes)
        if tracksExpansion { weights.append(1) }
        if let anchor { anchors[anchor] = index }
        try attach(index)
    }

    func open(_ kind: YAMLNodeKind, tag: YAMLTag, anchor: String?, start: SourcePosition) throws {
        if frames.count >= limits.maxDepth {
            throw FatalYAMLError(diagnostic: Diagnostic(
                "nesting deeper than the limit of \(limits.maxDepth) levels", file: file, position: start))
        }
        let index = Int32(records.count)
        records.append(NodeRecord(
            kind: kind, style: .plain, tag: tag,
            startLine: Int32(start.line), startColumn: Int32(start.column),
            endLine: Int32(start.line), endColumn: Int32(start.column),
            payload: 0, count: 0))
        if tracksExpansion { weights.append(1) }
        frames.append(Frame(record: index, kind: kind, anchor: anchor, slotStart: slots.count))
    }

    func close(end: SourcePosition) throws {
        guard var frame = frames.popLast() else { return }
        if !frame.mergeSources.isEmpty {
            try applyMerges(&frame)
        }
        let index = Int(frame.record)
        var record = records[index]
        record.payload = Int32(children.count)
        record.count = Int32(slots.count - frame.slotStart)
        record.endLine = Int32(end.line)
        record.endColumn = Int32(end.column)
        records[index] = record
        children.append(contentsOf: UnsafeBufferPointer(rebasing: slots.buffer[frame.slotStart...]))
        slots.truncate(to: frame.slotStart)
        if tracksExpansion { weights[index] = frame.weight }
        // Anchors of collections register only once closed, so an alias can never point
        // at its own ancestor: recursive documents are rejected as unknown anchors.
        if let anchor = frame.anchor { anchors[anchor] = frame.record }
        try attach(frame.record)
    }

    func addAlias(_ name: String, at position: SourcePosition) throws {
        guard let target = anchors[name] else {
            throw FatalYAMLError(diagnostic: Diagnostic(
                "alias '*\(name)' refers to no anchor defined before it (anchors cannot refer to their own parents)",
                file: file, position: position))
        }
        try chargeExpansion(weights[Int(target)], at: position)
        try attach(target)
    }

    private func chargeExpansion(_ nodes: Int, at position: SourcePosition) throws {
        expansion += nodes
        if expansion > limits.maxAliasExpansion {
            throw FatalYAMLError(diagnostic: Diagnostic(
                "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?)",
                file: file, position: position))
        }
    }

    private func attach(_ node: Int32) throws {
        guard !frames.isEmpty else {
            root = node
            return
        }
        let top = frames.count - 1
        if tracksExpansion { frames[top].weight += weights[Int(node)] }
        guard frames[top].kind == .mapping else {
            slots.append(node)
            return
        }
        if pendingValues > 0 {
            if let mergeAt = frames[top].awaitingMergeValue {
                frames[top].awaitingMergeValue = nil
                pendingValues -= 1
                frames[top].mergeSources.append((node, mergeAt))
                return
            }
            if frames[top].skipNextValue {
                frames[top].skipNextValue = false
                pendingValues -= 1
                return
            }
        }
        let isKey = (slots.count - frames[top].slotStart) % 2 == 0
        guard isKey else {
            slots.append(node)
            return
        }
        let key = records[Int(node)]
        let keyPosition = SourcePosition(line: Int(key.startLine), column: Int(key.startColumn))
        guard key.kind == .scalar else {
            throw FatalYAMLError(diagnostic: Diagnostic(
                "a key must be a plain scalar, not \(key.kind.noun)", file: file, position: keyPosition))
        }
        if YAMLScalar(bytes: YAMLDocumentStorage.slice(text.buffer, key), style: key.style, tag: key.tag).isMergeKey {
            guard tracksExpansion else {
                throw FatalYAMLError(diagnostic: Diagnostic(
                    "merge keys are read with the whole file", file: file, position: keyPosition))
            }
            frames[top].awaitingMergeValue = keyPosition
            pendingValues += 1
            return
        }
        // Hashed only for mappings past the linear-scan limit: most maps have a handful of keys.
        let hash = frames[top].keyIndex != nil || (slots.count - frames[top].slotStart) / 2 >= Self.linearKeyScanLimit
            ? KeyHash.of(key, in: text) : nil
        if let first = firstKey(key, hash: hash, inFrame: top) {
            let firstRecord = records[Int(first)]
            diagnostics.append(Diagnostic(
                "duplicate key '\(string(key))'; first defined at \(file):\(firstRecord.startLine):\(firstRecord.startColumn)",
                file: file, position: keyPosition))
            // Keep the first value: the duplicate's value is dropped when it arrives.
            frames[top].skipNextValue = true
            pendingValues += 1
            return
        }
        slots.append(node)
        indexKey(hash, node: node, top: top)
    }

    private func string(_ record: NodeRecord) -> String {
        YAMLText.string(YAMLDocumentStorage.slice(text.buffer, record))
    }

    private func sameText(_ left: NodeRecord, _ right: NodeRecord) -> Bool {
        // Keys mostly differ in length, which is cheaper to compare than the text.
        guard left.count == right.count else { return false }
        guard left.count > 0 else { return true }
        guard let base = text.buffer.baseAddress else { return false }
        return memcmp(base + Int(left.payload), base + Int(right.payload), Int(left.count)) == 0
    }

    /// By frame index: passing the frame itself copied it (and its key index) for every key.
    private func firstKey(_ key: NodeRecord, hash: Int?, inFrame top: Int) -> Int32? {
        if let index = frames[top].keyIndex, let hash {
            guard let candidate = index[hash] else { return nil }
            if sameText(records[Int(candidate)], key) { return candidate }
            // Two texts with one hash: settle it by reading every key.
        }
        for slot in stride(from: frames[top].slotStart, to: slots.count, by: 2) where sameText(records[Int(slots[slot])], key) {
            return slots[slot]
        }
        return nil
    }

    /// The first key with a hash keeps it; a later key sharing it is found by the linear scan.
    private func indexKey(_ hash: Int?, node: Int32, top: Int) {
        guard let hash else { return }
        if frames[top].keyIndex != nil {
            if frames[top].keyIndex?[hash] == nil { frames[top].keyIndex?[hash] = node }
        } else if (slots.count - frames[top].slotStart) / 2 > Self.linearKeyScanLimit {
            var index: [Int: Int32] = [:]
            for slot in stride(from: frames[top].slotStart, to: slots.count, by: 2) {
                let key = slots[slot]
                let keyHash = KeyHash.of(records[Int(key)], in: text)
                if index[keyHash] == nil { index[keyHash] = key }
            }
            frames[top].keyIndex = index
        }
    }

    /// YAML 1.1 merge keys: entries of the merged maps are added where the mapping has no
    /// such key itself; earlier sources win over later ones.
    private func applyMerges(_ frame: inout Frame) throws {
        var present = Set<String>()
        for slot in stride(from: frame.slotStart, to: slots.count, by: 2) {
            present.insert(string(records[Int(slots[slot])]))
        }
        for (source, at) in frame.mergeSources {
            let sourceRecord = records[Int(source)]
            var maps: [Int32] = []
            switch sourceRecord.kind {
            case .mapping:
                maps = [source]
            case .sequence:
                maps = (0..<Int(sourceRecord.count)).map { children[Int(sourceRecord.payload) + $0] }
            case .scalar:
                break
            }
            for map in maps {
                let mapRecord = records[Int(map)]
                guard mapRecord.kind == .mapping else {
                    throw FatalYAMLError(diagnostic: Diagnostic(
                        "merge key '<<' takes a map or a list of maps", file: file, position: at))
                }
                let first = Int(mapRecord.payload)
                for slot in stride(from: first, to: first + Int(mapRecord.count), by: 2) {
                    let key = children[slot]
                    let name = string(records[Int(key)])
                    guard present.insert(name).inserted else { continue }
                    let value = children[slot + 1]
                    try chargeExpansion(weights[Int(value)] + 1, at: at)
                    slots.append(key)
                    slots.append(value)
                    frame.weight += weights[Int(value)] + 1
                }
            }
            if maps.isEmpty {
                throw FatalYAMLError(diagnostic: Diagnostic(
                    "merge key '<<' takes a map or a list of maps", file: file, position: at))
            }
        }
    }
}

/// A key's bytes hashed with the standard library's seeded hasher: keys of large mappings
/// (thousands of entity ids) are indexed by this instead of by a `String` each. Equal hashes are
/// always confirmed on the bytes; a seeded hash keeps crafted keys from all colliding and
/// turning every lookup into a scan (an unseeded one such as FNV could be flooded).
enum KeyHash {
    static func of(_ record: NodeRecord, in text: borrowing ArenaBuffer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(YAMLDocumentStorage.slice(text.buffer, record)))
        return hasher.finalize()
    }
}
