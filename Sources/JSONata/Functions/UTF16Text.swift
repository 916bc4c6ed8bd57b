/// A string as JavaScript indexes it: UTF-16 code units. jsonata-js's string functions (`indexOf`, `substring`,
/// `split`, regex offsets) all count in these units, so positions here match its results.
struct UTF16Text {
  /// The code units.
  let units: [UInt16]

  /// The code units of `string`.
  init(_ string: String) { units = Array(string.utf16) }

  /// The number of code units (JavaScript's `length`).
  var count: Int { units.count }

  /// JavaScript's `indexOf(needle, from)`: the first position at or after `from` where `needle` occurs, or nil.
  func index(of needle: UTF16Text, from: Int = 0) -> Int? {
    let start = min(max(from, 0), count)
    let n = needle.count
    if n == 0 { return start }
    guard count - start >= n else { return nil }
    let first = needle.units[0]
    var i = start
    while i <= count - n {
      if units[i] == first && units[i..<i + n].elementsEqual(needle.units) { return i }
      i += 1
    }
    return nil
  }

  /// JavaScript's `substring(from, to)`: the units between the two positions, clamped to the text, in either order.
  func text(from: Int, to: Int? = nil) -> String {
    let a = min(max(from, 0), count)
    let b = min(max(to ?? count, 0), count)
    return UTF16Text.string(units[min(a, b)..<max(a, b)])
  }

  /// A string from code units; an unpaired surrogate (which Swift strings cannot hold) becomes U+FFFD.
  static func string(_ units: ArraySlice<UInt16>) -> String { String(decoding: units, as: UTF16.self) }

  /// JavaScript's `split(separator, limit)` with a string separator: at most `limit` pieces. An empty separator
  /// splits into single characters (a surrogate pair stays together, since a Swift string cannot split it).
  func split(by separator: UTF16Text, limit: Int) -> [String] {
    if limit == 0 { return [] }
    if separator.count == 0 {
      var pieces: [String] = []
      var i = 0
      while i < count && pieces.count < limit {
        let width = UTF16.isLeadSurrogate(units[i]) && i + 1 < count && UTF16.isTrailSurrogate(units[i + 1]) ? 2 : 1
        pieces.append(UTF16Text.string(units[i..<i + width]))
        i += width
      }
      return pieces
    }
    if count == 0 { return [""] }
    var pieces: [String] = []
    var position = 0
    while let found = index(of: separator, from: position) {
      pieces.append(text(from: position, to: found))
      if pieces.count == limit { return pieces }
      position = found + separator.count
    }
    pieces.append(text(from: position))
    return pieces
  }
}

/// JavaScript's notions of truth and comparison that differ from JSONata's own.
enum JavaScript {
  /// JavaScript truthiness (`if (x)`): false for undefined, null, false, 0, NaN and ""; true for every array,
  /// object and function, even empty ones.
  static func isTruthy(_ value: Value?) -> Bool {
    guard let value else { return false }
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .number(let n): return n != 0 && !n.isNaN
    case .string(let s): return !s.isEmpty
    case .array, .object, .function: return true
    }
  }

  /// JavaScript's `a < b` on strings: code unit by code unit.
  static func precedes(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

  /// True for a key JavaScript treats as an array index (a canonical integer below 2^32 - 1); objects list those
  /// keys first, in numeric order.
  static func isArrayIndex(_ key: String) -> Bool {
    guard let n = UInt32(key), n < UInt32.max else { return false }
    return String(n) == key
  }

  /// An object's entries in JavaScript's property order (`Object.keys`, `for...in`, `JSON.stringify`): array-index
  /// keys in ascending numeric order, then the other keys in insertion order.
  static func entries(_ object: ObjectValue) -> [(key: String, value: Value)] {
    let all = object.entries
    guard all.contains(where: { isArrayIndex($0.key) }) else { return all }
    let indexed = all.filter { isArrayIndex($0.key) }.sorted { UInt32($0.key)! < UInt32($1.key)! }
    return indexed + all.filter { !isArrayIndex($0.key) }
  }
}
