/// Renders JSON exactly as the AWS CLI's `--output text` does (a port of awscli/text.py): scalars bare, scalar lists
/// tab-separated, objects as one tab-separated row of their scalar values in sorted key order followed by their
/// nested values, each nested row prefixed by its key in upper case.
public enum TextFormatter {
  /// The text output for `value` (a response, or a `--query` result), with every row ending in a newline.
  public static func format(_ value: JSON) -> String {
    var out = ""
    write(value, identifier: nil, scalarKeys: nil, into: &out)
    return out
  }

  private static func write(_ value: JSON, identifier: String?, scalarKeys: [String]?, into out: inout String) {
    switch value {
    case .object(let object):
      writeObject(object, identifier: identifier, scalarKeys: scalarKeys, into: &out)
    case .array(let items):
      writeList(items, identifier: identifier, into: &out)
    default:
      out += PythonText.str(value)
      out += "\n"
    }
  }

  private static func writeList(_ items: [JSON], identifier: String?, into out: inout String) {
    if items.isEmpty { return }
    if items.contains(where: { $0.objectValue != nil }) {
      // One row per object, all rows with the same columns: every key that holds a scalar in any of them.
      let keys = allScalarKeys(items)
      for item in items { write(item, identifier: identifier, scalarKeys: keys, into: &out) }
    } else if items.contains(where: { $0.arrayValue != nil }) {
      let scalars = items.filter { !isContainer($0) }
      if !scalars.isEmpty { writeScalarList(scalars, identifier: identifier, into: &out) }
      for item in items where isContainer(item) { write(item, identifier: identifier, scalarKeys: nil, into: &out) }
    } else {
      writeScalarList(items, identifier: identifier, into: &out)
    }
  }

  private static func writeScalarList(_ items: [JSON], identifier: String?, into out: inout String) {
    if let identifier {
      let label = identifier.uppercased()
      for item in items { out += "\(label)\t\(PythonText.str(item))\n" }
    } else {
      out += items.map(PythonText.str).joined(separator: "\t")
      out += "\n"
    }
  }

  private static func writeObject(_ object: JSONObject, identifier: String?, scalarKeys: [String]?,
                                  into out: inout String) {
    var scalars: [String] = []
    var nested: [(String, JSON)] = []
    if let scalarKeys {
      // Inside a list of objects: fixed columns (blank when missing), the other keys are nested values.
      for key in scalarKeys { scalars.append(object[key].map(PythonText.str) ?? "") }
      for key in sortedKeys(object.keys.filter { !scalarKeys.contains($0) }) { nested.append((key, object[key]!)) }
    } else {
      for key in sortedKeys(object.keys) {
        let value = object[key]!
        if isContainer(value) { nested.append((key, value)) } else { scalars.append(PythonText.str(value)) }
      }
    }
    if !scalars.isEmpty {
      if let identifier { scalars.insert(identifier.uppercased(), at: 0) }
      out += scalars.joined(separator: "\t")
      out += "\n"
    }
    for (key, value) in nested { write(value, identifier: key, scalarKeys: nil, into: &out) }
  }

  /// Sorted keys holding a scalar in at least one of the objects (non-objects in the list are skipped; the AWS
  /// CLI itself fails on such mixed lists).
  private static func allScalarKeys(_ items: [JSON]) -> [String] {
    var seen = Set<String>()
    for case .object(let object) in items {
      for (key, value) in object where !isContainer(value) { seen.insert(key) }
    }
    return sortedKeys(Array(seen))
  }

  private static func isContainer(_ value: JSON) -> Bool {
    switch value {
    case .array, .object: return true
    default: return false
    }
  }

  /// Keys in Python's order: by Unicode code point.
  private static func sortedKeys(_ keys: [String]) -> [String] {
    keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
  }
}

/// Python's `str()` and `repr()` of JSON-decoded values, which is how awscli/text.py prints cells.
enum PythonText {
  /// `str(value)`: strings bare, `None`, `True`/`False`, numbers as Python prints int and float.
  static func str(_ value: JSON) -> String {
    if case .string(let s) = value { return s }
    return repr(value)
  }

  /// `repr(value)`: what Python shows for a list or dict that lands in a scalar column.
  static func repr(_ value: JSON) -> String {
    switch value {
    case .null: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .number(let n): return n.text
    case .string(let s): return quoted(s)
    case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
    case .object(let object):
      return "{" + object.map { quoted($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
    }
  }

  /// A Python string literal: single quotes unless the text has a single quote and no double quote.
  static func quoted(_ s: String) -> String {
    let quote: Unicode.Scalar = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String.UnicodeScalarView()
    out.append(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case quote, "\\":
        out.append("\\")
        out.append(scalar)
      case "\t": out.append(contentsOf: "\\t".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      default:
        if scalar.value >= 0x20 && scalar.value < 0x7F || scalar.value > 0x7F && isPrintable(scalar) {
          out.append(scalar)
        } else {
          out.append(contentsOf: escape(scalar.value).unicodeScalars)
        }
      }
    }
    out.append(quote)
    return String(out)
  }

  private static func escape(_ v: UInt32) -> String {
    let hex = String(v, radix: 16)
    let (prefix, width) = v <= 0xFF ? ("\\x", 2) : (v <= 0xFFFF ? ("\\u", 4) : ("\\U", 8))
    return prefix + String(repeating: "0", count: width - hex.count) + hex
  }

  /// Python's `str.isprintable()` for one character.
  private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
      .spaceSeparator:
      return false
    default:
      return true
    }
  }
}
