internal import CLibYAML

/// A YAML node with its resolved tag and where it starts; aliases are already replaced by the node they name.
indirect enum YAMLNode {
  case scalar(YAMLScalar)
  case sequence([YAMLNode], tag: String, mark: TextPosition)
  case mapping([(key: YAMLNode, value: YAMLNode)], tag: String, mark: TextPosition)

  /// Where the node starts (for an alias: where the anchored node starts).
  var mark: TextPosition {
    switch self {
    case .scalar(let s): return s.mark
    case .sequence(_, _, let mark), .mapping(_, _, let mark): return mark
    }
  }

  /// The resolved tag (`tag:yaml.org,2002:str` and so on).
  var tag: String {
    switch self {
    case .scalar(let s): return s.tag
    case .sequence(_, let tag, _), .mapping(_, let tag, _): return tag
    }
  }

  /// The scalar's text; nil for a collection.
  var string: String? {
    if case .scalar(let s) = self { return s.value }
    return nil
  }
}

/// A scalar as written: its text, resolved tag, whether it was plain (unquoted, not a block) and where it starts.
struct YAMLScalar {
  var value: String
  var tag: String
  var isPlain: Bool
  var mark: TextPosition
}

/// The YAML 1.1 tags the converter distinguishes.
enum YAMLTag {
  static let str = "tag:yaml.org,2002:str"
  static let seq = "tag:yaml.org,2002:seq"
  static let map = "tag:yaml.org,2002:map"
  static let bool = "tag:yaml.org,2002:bool"
  static let int = "tag:yaml.org,2002:int"
  static let float = "tag:yaml.org,2002:float"
  static let null = "tag:yaml.org,2002:null"
  static let merge = "tag:yaml.org,2002:merge"
  static let timestamp = "tag:yaml.org,2002:timestamp"
  static let value = "tag:yaml.org,2002:value"
}

/// A libyaml failure as libyaml reports it.
struct LibYAMLError: Error {
  enum Kind { case reader, scanner, parser, composer, memory }
  var kind: Kind
  var problem: String
  /// 1-based.
  var mark: TextPosition
  /// What libyaml was reading when it failed, and where that started (1-based).
  var context: (text: String, mark: TextPosition)?
  /// Byte offset of a reader error.
  var offset: Int = 0
}

/// Composes the first document of a YAML text into `YAMLNode`s from libyaml's events: anchors and aliases,
/// tags resolved by the YAML 1.1 rules, duplicate keys refused, a second document refused.
enum YAMLComposer {
  /// The document's root, nil when the stream holds no document.
  static func compose(_ text: String) throws -> YAMLNode? {
    var text = text
    return try text.withUTF8 { bytes in
      let events = LibYAMLEventReader(bytes)
      var composer = Composer(events: events)
      return try composer.singleRoot()
    }
  }

  /// A duplicate key in a mapping: the keys (each once, sorted) and where the first of them in that order is.
  struct DuplicateKeys: Error {
    var keys: [String]
    var mark: TextPosition
  }
}

/// One libyaml event, copied out of libyaml's memory.
private struct YAMLEvent {
  enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd,
              mappingStart, mappingEnd, none }
  var kind: Kind
  var mark: TextPosition
  var anchor: String?
  /// The tag as the node's tag name before resolution: nil means implicit (resolve by content).
  var tag: String?
  var value = ""
  var isPlain = false
}

/// libyaml's parser over UTF-8 bytes that stay alive while it reads.
private final class LibYAMLEventReader {
  private var parser = yaml_parser_t()

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    yaml_parser_initialize(&parser)
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
  }

  deinit { yaml_parser_delete(&parser) }

  var streamEndProduced: Bool { parser.stream_end_produced != 0 }

  func next() throws -> YAMLEvent {
    var event = yaml_event_t()
    guard yaml_parser_parse(&parser, &event) == 1 else { throw error() }
    defer { yaml_event_delete(&event) }
    let mark = TextPosition(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    switch event.type {
    case YAML_STREAM_START_EVENT: return YAMLEvent(kind: .streamStart, mark: mark)
    case YAML_STREAM_END_EVENT: return YAMLEvent(kind: .streamEnd, mark: mark)
    case YAML_DOCUMENT_START_EVENT: return YAMLEvent(kind: .documentStart, mark: mark)
    case YAML_DOCUMENT_END_EVENT: return YAMLEvent(kind: .documentEnd, mark: mark)
    case YAML_ALIAS_EVENT:
      return YAMLEvent(kind: .alias, mark: mark, anchor: Self.string(event.data.alias.anchor))
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      // A quoted or block scalar without a tag is a string; a plain one without a tag is resolved by content.
      let tag = s.quoted_implicit == 1 ? YAMLTag.str : Self.string(s.tag)
      let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      let plain = s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE
      return YAMLEvent(kind: .scalar, mark: mark, anchor: Self.string(s.anchor), tag: tag, value: value,
                       isPlain: plain)
    case YAML_SEQUENCE_START_EVENT:
      let s = event.data.sequence_start
      return YAMLEvent(kind: .sequenceStart, mark: mark, anchor: Self.string(s.anchor),
                       tag: s.implicit != 0 ? nil : Self.string(s.tag))
    case YAML_SEQUENCE_END_EVENT: return YAMLEvent(kind: .sequenceEnd, mark: mark)
    case YAML_MAPPING_START_EVENT:
      let m = event.data.mapping_start
      return YAMLEvent(kind: .mappingStart, mark: mark, anchor: Self.string(m.anchor),
                       tag: m.implicit != 0 ? nil : Self.string(m.tag))
    case YAML_MAPPING_END_EVENT: return YAMLEvent(kind: .mappingEnd, mark: mark)
    default: return YAMLEvent(kind: .none, mark: mark)
    }
  }

  private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: p)
  }

  private func error() -> LibYAMLError {
    let problem = parser.problem.map { String(cString: $0) } ?? ""
    let mark = TextPosition(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    let context = parser.context.map {
      (text: String(cString: $0),
       mark: TextPosition(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1))
    }
    let kind: LibYAMLError.Kind
    switch parser.error {
    case YAML_READER_ERROR: kind = .reader
    case YAML_SCANNER_ERROR: kind = .scanner
    case YAML_PARSER_ERROR: kind = .parser
    case YAML_COMPOSER_ERROR: kind = .composer
    default: kind = .memory
    }
    return LibYAMLError(kind: kind, problem: problem, mark: mark, context: context, offset: parser.problem_offset)
  }
}

/// Builds nodes from events; an anchor names its node once the node is complete (so a node cannot alias itself).
private struct Composer {
  let events: LibYAMLEventReader
  var anchors: [String: YAMLNode] = [:]

  init(events: LibYAMLEventReader) { self.events = events }

  mutating func singleRoot() throws -> YAMLNode? {
    _ = try events.next()  // stream start
    guard !events.streamEndProduced, try events.next().kind != .streamEnd else { return nil }
    let root = try node(from: events.next())
    _ = try events.next()  // document end
    let after = try events.next()
    if after.kind != .streamEnd {
      throw LibYAMLError(kind: .composer, problem: "but found another document", mark: after.mark,
                         context: (text: "expected a single document in the stream",
                                   mark: TextPosition(line: 1, column: 1)))
    }
    return root
  }

  mutating func node(from event: YAMLEvent) throws -> YAMLNode {
    switch event.kind {
    case .alias:
      guard let anchor = event.anchor, let node = anchors[anchor] else {
        throw LibYAMLError(kind: .composer, problem: "found undefined alias", mark: event.mark, context: nil)
      }
      return node
    case .scalar:
      let tag: String
      switch event.tag {
      case nil: tag = YAMLResolver.tag(ofPlain: event.value)
      case "!": tag = YAMLTag.str
      case let t?: tag = t
      }
      return register(.scalar(YAMLScalar(value: event.value, tag: tag, isPlain: event.isPlain, mark: event.mark)),
                      event.anchor)
    case .sequenceStart:
      var items: [YAMLNode] = []
      var next = try events.next()
      while next.kind != .sequenceEnd {
        items.append(try node(from: next))
        next = try events.next()
      }
      return register(.sequence(items, tag: Self.collectionTag(event.tag, YAMLTag.seq), mark: event.mark),
                      event.anchor)
    case .mappingStart:
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      var next = try events.next()
      while next.kind != .mappingEnd {
        let key = try node(from: next)
        let value = try node(from: events.next())
        pairs.append((key, value))
        next = try events.next()
      }
      try Self.checkDuplicates(pairs.map(\.key))
      return register(.mapping(pairs, tag: Self.collectionTag(event.tag, YAMLTag.map), mark: event.mark),
                      event.anchor)
    default:
      throw LibYAMLError(kind: .composer, problem: "unexpected event", mark: event.mark, context: nil)
    }
  }

  mutating func register(_ node: YAMLNode, _ anchor: String?) -> YAMLNode {
    if let anchor { anchors[anchor] = node }
    return node
  }

  static func collectionTag(_ tag: String?, _ standard: String) -> String {
    guard let tag, tag != "!" else { return standard }
    return tag
  }

  /// Keys are the same when their text (or items) and resolved tags are; the error names each duplicated key once.
  static func checkDuplicates(_ keys: [YAMLNode]) throws {
    var duplicated: [YAMLNode] = []
    for (i, key) in keys.enumerated() where !duplicated.contains(where: { same($0, key) }) {
      if keys[(i + 1)...].contains(where: { same($0, key) }) { duplicated.append(key) }
    }
    guard !duplicated.isEmpty else { return }
    let first = duplicated.min { ordered($0, $1) } ?? duplicated[0]
    throw YAMLComposer.DuplicateKeys(keys: duplicated.map { $0.string ?? "<uncovertable>" }, mark: first.mark)
  }

  static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    switch (a, b) {
    case let (.scalar(x), .scalar(y)): return x.value == y.value && x.tag == y.tag
    case let (.sequence(x, xt, _), .sequence(y, yt, _)):
      return xt == yt && x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case let (.mapping(x, xt, _), .mapping(y, yt, _)):
      return xt == yt && x.count == y.count
        && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    default: return false
    }
  }

  /// Scalars by text, collections item by item; different kinds are unordered.
  static func ordered(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    func items(_ x: [YAMLNode], _ y: [YAMLNode]) -> Bool {
      for (l, r) in zip(x, y) {
        if ordered(l, r) { return true }
        if ordered(r, l) { return false }
      }
      return x.count < y.count
    }
    switch (a, b) {
    case let (.scalar(x), .scalar(y)): return x.value < y.value
    case let (.sequence(x, _, _), .sequence(y, _, _)): return items(x, y)
    case let (.mapping(x, _, _), .mapping(y, _, _)): return items(x.map(\.key), y.map(\.key))
    default: return false
    }
  }
}
