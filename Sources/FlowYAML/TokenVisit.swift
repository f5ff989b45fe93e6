internal import CLibYAML

/// Walks a chunk's tokens from libyaml's scanner and hands a `YAMLEventVisitor` exactly the
/// scalars, collections and positions libyaml's parser would give as events, without the parser's
/// work on top of the scanner (its state machine, an event built and freed for every token).
///
/// Only what models are written in is walked here: block and flow mappings with scalar keys,
/// block, indentless and flow sequences, and scalars. These follow libyaml's own productions
/// (and its marks: an indentless sequence ends where the next token starts, a block mapping's
/// empty value sits at the end of its indicator, a flow mapping's at the next token). Anything
/// else — a directive, document marker, anchor, alias, tag, complex, empty or single-pair key,
/// a scanner error, or a limit — stops the walk, and the caller reads the chunk into nodes
/// through the parser, which handles and reports it all.
struct TokenVisit {
    private enum Expect: UInt8 {
        case streamStart, root, streamEnd
        /// In a block mapping: a key indicator, or the mapping's end.
        case mappingKey
        /// After a key indicator: the key.
        case keyNode
        /// After a key: its value indicator.
        case mappingValue
        /// After a value indicator (at `indicator`): the value, or nothing (an empty scalar).
        case valueNode
        case sequenceEntry
        case sequenceNode
        case indentlessEntry
        case indentlessNode
        /// In a flow sequence: its end, or its first item.
        case flowFirst
        /// In a flow sequence after an item: its end, or a comma.
        case flowEntry
        /// After a comma: an item, or the end.
        case flowItem
        /// In a flow mapping: its end, or its first key.
        case flowMapFirst
        /// In a flow mapping after an entry: its end, or a comma.
        case flowMapEntry
        /// After a comma: a key indicator, or the end.
        case flowMapKeyIndicator
        case flowMapKey
        case flowMapValue
        /// After a value indicator: the value, or nothing (an empty scalar where the next token starts).
        case flowMapValueNode
    }

    private enum Step { case next, again, stop, finished }

    let visitor: any YAMLEventVisitor
    let positions: MarkPositions
    let limits: YAMLLimits
    private var expect = Expect.streamStart
    /// The end of the last value or entry indicator: where a missing value's empty scalar is.
    private var indicator = yaml_mark_t()
    /// Where to go once the collection being read ends, as libyaml's parser keeps its states.
    private var after: [Expect] = []
    private var contentEnd = ContentEnd()

    init(visitor: any YAMLEventVisitor, positions: MarkPositions, limits: YAMLLimits) {
        self.visitor = visitor
        self.positions = positions
        self.limits = limits
        after.reserveCapacity(16)
    }

    /// True when every token was walked and the visitor took everything.
    mutating func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Bool {
        var token = yaml_token_t()
        while true {
            guard yaml_parser_scan(parser, &token) == 1 else { return false }
            var step = Step.again
            while step == .again { step = take(&token) }
            // Only these own memory (the scanner clears every token it hands out).
            switch token.type {
            case YAML_SCALAR_TOKEN, YAML_TAG_TOKEN, YAML_ANCHOR_TOKEN, YAML_ALIAS_TOKEN, YAML_TAG_DIRECTIVE_TOKEN:
                yaml_token_delete(&token)
            default:
                break
            }
            switch step {
            case .next, .again: continue
            case .stop: return false
            case .finished: return true
            }
        }
    }

    @inline(__always)
    private mutating func take(_ token: inout yaml_token_t) -> Step {
        let type = token.type
        switch expect {
        case .streamStart:
            guard type == YAML_STREAM_START_TOKEN else { return .stop }
            expect = .root
            return .next
        case .root:
            // An implicit document only: directives and markers are left to the parser.
            return node(&token, block: true, indentless: false, then: .streamEnd)
        case .streamEnd:
            return type == YAML_STREAM_END_TOKEN ? .finished : .stop
        case .mappingKey:
            if type == YAML_BLOCK_END_TOKEN { return close(at: token.end_mark, block: true) }
            guard type == YAML_KEY_TOKEN else { return .stop }
            expect = .keyNode
            return .next
        case .keyNode:
            // Only a scalar key: a missing or complex one stops.
            guard type == YAML_SCALAR_TOKEN else { return .stop }
            return scalar(&token, then: .mappingValue)
        case .mappingValue:
            guard type == YAML_VALUE_TOKEN else { return .stop }
            indicator = token.end_mark
            expect = .valueNode
            return .next
        case .valueNode:
            if type == YAML_KEY_TOKEN || type == YAML_VALUE_TOKEN || type == YAML_BLOCK_END_TOKEN {
                return empty(at: indicator, then: .mappingKey)
            }
            return node(&token, block: true, indentless: true, then: .mappingKey)
        case .sequenceEntry:
            if type == YAML_BLOCK_END_TOKEN { return close(at: token.end_mark, block: true) }
            guard type == YAML_BLOCK_ENTRY_TOKEN else { return .stop }
            indicator = token.end_mark
            expect = .sequenceNode
            return .next
        case .sequenceNode:
            if type == YAML_BLOCK_ENTRY_TOKEN || type == YAML_BLOCK_END_TOKEN {
                return empty(at: indicator, then: .sequenceEntry)
            }
            return node(&token, block: true, indentless: false, then: .sequenceEntry)
        case .indentlessEntry:
            guard type == YAML_BLOCK_ENTRY_TOKEN else {
                // Ends where the next token starts, which belongs to the mapping around it.
                return close(at: token.start_mark, block: true) == .stop ? .stop : .again
            }
            indicator = token.end_mark
            expect = .indentlessNode
            return .next
        case .indentlessNode:
            if type == YAML_BLOCK_ENTRY_TOKEN || type == YAML_KEY_TOKEN || type == YAML_VALUE_TOKEN || type == YAML_BLOCK_END_TOKEN {
                return empty(at: indicator, then: .indentlessEntry)
            }
            return node(&token, block: true, indentless: false, then: .indentlessEntry)
        case .flowFirst:
            if type == YAML_FLOW_SEQUENCE_END_TOKEN { return close(at: token.end_mark, block: false) }
            expect = .flowItem
            return .again
        case .flowEntry:
            if type == YAML_FLOW_SEQUENCE_END_TOKEN { return close(at: token.end_mark, block: false) }
            guard type == YAML_FLOW_ENTRY_TOKEN else { return .stop }
            expect = .flowItem
            return .next
        case .flowItem:
            if type == YAML_FLOW_SEQUENCE_END_TOKEN { return close(at: token.end_mark, block: false) }
            // A single-pair mapping (`[a: b]`) stops.
            guard type != YAML_KEY_TOKEN else { return .stop }
            return node(&token, block: false, indentless: false, then: .flowEntry)
        case .flowMapFirst:
            if type == YAML_FLOW_MAPPING_END_TOKEN { return close(at: token.end_mark, block: false) }
            expect = .flowMapKeyIndicator
            return .again
        case .flowMapEntry:
            if type == YAML_FLOW_MAPPING_END_TOKEN { return close(at: token.end_mark, block: false) }
            guard type == YAML_FLOW_ENTRY_TOKEN else { return .stop }
            expect = .flowMapKeyIndicator
            return .next
        case .flowMapKeyIndicator:
            if type == YAML_FLOW_MAPPING_END_TOKEN { return close(at: token.end_mark, block: false) }
            // A key with no `:` (`{a}`) or no indicator at all stops.
            guard type == YAML_KEY_TOKEN else { return .stop }
            expect = .flowMapKey
            return .next
        case .flowMapKey:
            guard type == YAML_SCALAR_TOKEN else { return .stop }
            return scalar(&token, then: .flowMapValue)
        case .flowMapValue:
            guard type == YAML_VALUE_TOKEN else { return .stop }
            expect = .flowMapValueNode
            return .next
        case .flowMapValueNode:
            if type == YAML_FLOW_ENTRY_TOKEN || type == YAML_FLOW_MAPPING_END_TOKEN {
                // Unlike a block mapping's, a flow mapping's empty value is where the next token starts.
                return empty(at: token.start_mark, then: .flowMapEntry)
            }
            return node(&token, block: false, indentless: false, then: .flowMapEntry)
        }
    }

    /// A node where libyaml's `parse_node` reads one, with no anchor or tag; `then` follows it.
    @inline(__always)
    private mutating func node(_ token: inout yaml_token_t, block: Bool, indentless: Bool, then next: Expect) -> Step {
        switch token.type {
        case YAML_SCALAR_TOKEN:
            return scalar(&token, then: next)
        case YAML_FLOW_SEQUENCE_START_TOKEN:
            return open(.sequence, at: token.start_mark, reading: .flowFirst, then: next) ? .next : .stop
        case YAML_FLOW_MAPPING_START_TOKEN:
            return open(.mapping, at: token.start_mark, reading: .flowMapFirst, then: next) ? .next : .stop
        case YAML_BLOCK_SEQUENCE_START_TOKEN where block:
            return open(.sequence, at: token.start_mark, reading: .sequenceEntry, then: next) ? .next : .stop
        case YAML_BLOCK_MAPPING_START_TOKEN where block:
            return open(.mapping, at: token.start_mark, reading: .mappingKey, then: next) ? .next : .stop
        case YAML_BLOCK_ENTRY_TOKEN where indentless:
            // The entry indicator itself is read by the sequence.
            return open(.sequence, at: token.start_mark, reading: .indentlessEntry, then: next) ? .again : .stop
        default:
            return .stop
        }
    }

    @inline(__always)
    private mutating func scalar(_ token: inout yaml_token_t, then next: Expect) -> Step {
        let scalar = token.data.scalar
        let start = positions.position(token.start_mark), end = positions.scalarEnd(token.end_mark)
        guard scalar.length <= limits.maxScalarBytes,
              visitor.scalar(
                  UnsafeBufferPointer(start: scalar.value, count: scalar.length), style: YAMLScalarStyle(scalar.style),
                  start: start, end: end)
        else { return .stop }
        contentEnd.content(start: start, end: end)
        expect = next
        return .next
    }

    /// libyaml's empty plain scalar for a missing value or item, at `mark`.
    private mutating func empty(at mark: yaml_mark_t, then next: Expect) -> Step {
        let position = positions.position(mark)
        let taken = withUnsafePointer(to: UInt8(0)) { pointer in
            visitor.scalar(UnsafeBufferPointer(start: pointer, count: 0), style: .plain, start: position, end: position)
        }
        expect = next
        // The token that showed the value missing is read again in the state that follows.
        return taken ? .again : .stop
    }

    private mutating func open(_ kind: YAMLNodeKind, at mark: yaml_mark_t, reading state: Expect, then next: Expect) -> Bool {
        guard after.count < limits.maxDepth, visitor.open(kind, start: positions.position(mark)) else { return false }
        after.append(next)
        expect = state
        return true
    }

    @inline(__always)
    private mutating func close(at mark: yaml_mark_t, block: Bool) -> Step {
        guard let next = after.popLast(),
              visitor.close(end: contentEnd.close(at: positions.position(mark), block: block))
        else { return .stop }
        expect = next
        return .next
    }
}
