/// A 1-based line and column (columns count Unicode scalars, as the ASL reader and libyaml do).
public struct TextPosition: Hashable, Sendable {
  public var line: Int
  public var column: Int

  /// A position.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}

/// A YAML document that cannot be read or has no JSON form, with where the problem is.
public struct YAMLConversionError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var position: TextPosition
  public var description: String { "\(position.line):\(position.column): \(message)" }
}

/// A YAML definition turned into JSON text, with the way back from JSON positions to YAML positions.
public struct YAMLConversion: Sendable {
  /// The equivalent JSON text (2-space indentation, keys in document order).
  public let json: String
  /// JSON position of each written key and value -> YAML position of the same key or value.
  let positions: [TextPosition: TextPosition]
  /// JSON path of each value -> YAML position of that value.
  let paths: [String: TextPosition]

  /// The YAML position for a finding at `position` in the JSON text about `path`: the same key or value when the
  /// finding points at one, else the value at `path` or its nearest enclosing value.
  public func yamlPosition(for position: TextPosition, path: String) -> TextPosition {
    if let p = positions[position] { return p }
    var current = path
    while true {
      if let p = paths[current] { return p }
      guard let parent = Self.parentPath(current) else { return TextPosition(line: 1, column: 1) }
      current = parent
    }
  }

  /// `$.a.b` -> `$.a`, `$.a['x y']` -> `$.a`, `$.a[3]` -> `$.a`, `$` -> nil.
  static func parentPath(_ path: String) -> String? {
    guard path != "$", let last = path.last else { return nil }
    if last == "]" {
      // Scan back to the bracket that opens the last component (a quoted key may contain brackets).
      var quoted = false
      var index = path.index(before: path.endIndex)
      while index > path.startIndex {
        index = path.index(before: index)
        let c = path[index]
        if c == "'" && path[path.index(before: index)] != "\\" { quoted.toggle() }
        if c == "[" && !quoted { return String(path[..<index]) }
      }
      return nil
    }
    guard let dot = path.lastIndex(of: ".") else { return nil }
    return String(path[..<dot])
  }
}

/// Converts YAML state machine definitions to JSON text.
public enum YAMLConverter {
  /// Reads the first YAML document of `text` and writes it as JSON, remembering positions.
  public static func convert(_ text: String) throws -> YAMLConversion {
    let root: YAMLNode?
    do {
      root = try YAMLComposer.compose(text)
    } catch let e as LibYAMLError {
      throw conversionError(e, text: text)
    } catch let e as YAMLComposer.DuplicateKeys {
      let keys = e.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
      throw YAMLConversionError(message: "Duplicate key \(keys)", position: e.mark)
    }
    guard let root else {
      throw YAMLConversionError(message: "the YAML document is empty", position: TextPosition(line: 1, column: 1))
    }
    var writer = Writer()
    try writer.value(root, path: "$", indent: 0)
    writer.out += "\n"
    return YAMLConversion(json: writer.out, positions: writer.positions, paths: writer.paths)
  }

  static func conversionError(_ error: LibYAMLError, text: String) -> YAMLConversionError {
    switch error.kind {
    case .scanner, .parser, .composer:
      let prefix = error.context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): " } ?? ""
      return YAMLConversionError(message: "invalid YAML: " + prefix + error.problem, position: error.mark)
    case .reader:
      // The byte offset counted in characters (nil off a character boundary), then that many UTF-8 bytes
      // scanned for the line and column: as the Yams-based reader did, so positions stay the same.
      let offset = text.utf8.index(text.utf8.startIndex, offsetBy: error.offset, limitedBy: text.utf8.endIndex)?
        .samePosition(in: text).map { text.distance(from: text.startIndex, to: $0) }
      var line = 1
      var column = 1
      if let offset {
        for b in text.utf8.prefix(offset) {
          if b == 0x0A {
            line += 1
            column = 1
          } else if b & 0xC0 != 0x80 {
            column += 1
          }
        }
      }
      return YAMLConversionError(message: "invalid YAML: \(error.problem)",
                                 position: TextPosition(line: line, column: column))
    case .memory:
      return YAMLConversionError(message: "invalid YAML: Memory error", position: TextPosition(line: 1, column: 1))
    }
  }
}

/// Writes a YAML node tree as indented JSON, tracking the line and column of everything it writes.
private struct Writer {
  var out = ""
  var line = 1
  var column = 1
  var positions: [TextPosition: TextPosition] = [:]
  var paths: [String: TextPosition] = [:]

  mutating func write(_ s: String) {
    out += s
    column += s.unicodeScalars.count
  }

  mutating func newline(indent: Int) {
    out += "\n"
    line += 1
    column = 1
    write(String(repeating: " ", count: indent))
  }

  mutating func record(_ node: YAMLNode, path: String?) {
    let yaml = node.mark
    positions[TextPosition(line: line, column: column)] = yaml
    if let path, paths[path] == nil { paths[path] = yaml }
  }

  mutating func value(_ node: YAMLNode, path: String, indent: Int) throws {
    record(node, path: path)
    switch node {
    case .scalar(let scalar):
      write(try Self.scalarJSON(scalar))
    case .sequence(let items, _, _):
      if items.isEmpty { return write("[]") }
      write("[")
      for (i, item) in items.enumerated() {
        newline(indent: indent + 2)
        try value(item, path: "\(path)[\(i)]", indent: indent + 2)
        if i < items.count - 1 { write(",") }
      }
      newline(indent: indent)
      write("]")
    case .mapping(let mapping, _, _):
      let pairs = try Self.mergedPairs(mapping)
      if pairs.isEmpty { return write("{}") }
      write("{")
      for (i, pair) in pairs.enumerated() {
        newline(indent: indent + 2)
        guard case .scalar(let key) = pair.key else {
          throw Self.error(pair.key, "a mapping key must be a plain value to have a JSON form")
        }
        record(pair.key, path: nil)
        var quoted = ""
        JSONWriter.quote(key.value, into: &quoted)
        write(quoted + ": ")
        try value(pair.value, path: ASLNode.childPath(path, key: key.value), indent: indent + 2)
        if i < pairs.count - 1 { write(",") }
      }
      newline(indent: indent)
      write("}")
    }
  }

  /// The mapping's pairs with YAML merge keys (`<<: *base`) expanded; explicit keys win over merged ones.
  static func mergedPairs(_ mapping: [(key: YAMLNode, value: YAMLNode)]) throws -> [(key: YAMLNode, value: YAMLNode)] {
    var explicit: [(key: YAMLNode, value: YAMLNode)] = []
    var merged: [(key: YAMLNode, value: YAMLNode)] = []
    for pair in mapping {
      guard pair.key.tag == YAMLTag.merge else {
        explicit.append(pair)
        continue
      }
      let sources: [YAMLNode]
      switch pair.value {
      case .mapping: sources = [pair.value]
      case .sequence(let s, _, _): sources = s
      default: throw error(pair.value, "a merge key ('<<') needs a mapping or a list of mappings")
      }
      for source in sources {
        guard case .mapping(let m, _, _) = source else {
          throw error(source, "a merge key ('<<') needs a mapping or a list of mappings")
        }
        merged += try mergedPairs(m)
      }
    }
    var seen = Set(explicit.compactMap { $0.key.string })
    var result = explicit
    for pair in merged where !seen.contains(pair.key.string ?? "") {
      seen.insert(pair.key.string ?? "")
      result.append(pair)
    }
    return result
  }

  static func scalarJSON(_ scalar: YAMLScalar) throws -> String {
    let node = YAMLNode.scalar(scalar)
    let literal = scalar.value
    switch scalar.tag {
    case YAMLTag.null:
      return "null"
    case YAMLTag.bool:
      return (YAMLResolver.bool(literal) ?? false) ? "true" : "false"
    case YAMLTag.int:
      if isJSONNumber(literal) { return literal }
      if let i = YAMLResolver.int(scalar) { return String(i) }
      throw error(node, "the integer '\(literal)' has no JSON form")
    case YAMLTag.float:
      if isJSONNumber(literal) { return literal }
      if let f = YAMLResolver.float(scalar), f.isFinite { return JSONNumber(f).text }
      throw error(node, "the number '\(literal)' has no JSON form (JSON has no infinity or NaN)")
    default:
      var quoted = ""
      JSONWriter.quote(literal, into: &quoted)
      return quoted
    }
  }

  /// True when `s` is a number as RFC 8259 writes them (no `+`, no leading zeros, no bare `.5`).
  static func isJSONNumber(_ s: String) -> Bool {
    var bytes = Array(s.utf8)[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    func digits() -> Int {
      let n = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      bytes = bytes.dropFirst(n)
      return n
    }
    let first = bytes.first
    let integer = digits()
    if integer == 0 || (first == UInt8(ascii: "0") && integer > 1) { return false }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      if digits() == 0 { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
      if digits() == 0 { return false }
    }
    return bytes.isEmpty
  }

  static func error(_ node: YAMLNode, _ message: String) -> YAMLConversionError {
    YAMLConversionError(message: message, position: node.mark)
  }
}
