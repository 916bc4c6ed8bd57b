import SFNKit

/// The differences between an expected and an actual JSON value, one line per difference with its path.
enum JSONDifference {
  /// Lines `path: expected X, got Y`; `subset` lets the actual objects have more members and arrays more items.
  static func lines(expected: JSON, actual: JSON?, path: String, subset: Bool = false) -> [String] {
    guard let actual else { return ["\(path): expected \(text(expected)), got nothing"] }
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
      var out: [String] = []
      for (key, value) in e {
        let p = "\(path).\(key)"
        if let av = a[key] {
          out += lines(expected: value, actual: av, path: p, subset: subset)
        } else {
          out.append("\(p): expected \(text(value)), missing")
        }
      }
      if !subset {
        for (key, value) in a where e[key] == nil { out.append("\(path).\(key): unexpected \(text(value))") }
      }
      return out
    case (.array(let e), .array(let a)):
      if subset { return subsetItems(e, a, path: path) }
      var out: [String] = []
      for (i, (x, y)) in zip(e, a).enumerated() { out += lines(expected: x, actual: y, path: "\(path)[\(i)]") }
      if e.count > a.count {
        for i in a.count..<e.count { out.append("\(path)[\(i)]: expected \(text(e[i])), missing") }
      } else if a.count > e.count {
        for i in e.count..<a.count { out.append("\(path)[\(i)]: unexpected \(text(a[i]))") }
      }
      return out
    default:
      return expected == actual ? [] : ["\(path): expected \(text(expected)), got \(text(actual))"]
    }
  }

  /// Each expected item must match a later actual item than the previous one did (order kept, gaps allowed).
  private static func subsetItems(_ expected: [JSON], _ actual: [JSON], path: String) -> [String] {
    var next = 0
    for (i, item) in expected.enumerated() {
      guard let found = actual[next...].firstIndex(where: {
        lines(expected: item, actual: $0, path: "", subset: true).isEmpty
      }) else {
        return ["\(path): expected an item \(text(item)) (item \(i) of the subset), got \(text(.array(actual)))"]
      }
      next = found + 1
    }
    return []
  }

  /// Compact JSON, shortened past 200 characters.
  static func text(_ value: JSON) -> String {
    let s = JSONWriter.compact.string(value)
    return s.count > 200 ? String(s.prefix(200)) + "..." : s
  }
}
