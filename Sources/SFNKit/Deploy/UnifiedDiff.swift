/// Line diffs in the unified format of `diff -u`, computed with Myers' O(ND) algorithm.
public enum UnifiedDiff {
  /// One line of an edit script.
  enum Edit: Equatable {
    case same(Int, Int)  // old index, new index
    case delete(Int)     // old index
    case insert(Int)     // new index
  }

  /// Past this many differing lines the edit script is "replace everything": keeps memory bounded (the trace
  /// grows with the square of the distance) while any real definition change stays far below it.
  static let maxDistance = 4000

  /// The unified diff of `old` and `new` (split into lines) with `context` unchanged lines around each change;
  /// empty when the texts have the same lines.
  public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
    let a = lines(old)
    let b = lines(new)
    let script = edits(a, b)
    guard script.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
    var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
    for hunk in hunks(script, context: context) {
      var oldStart = 0, oldCount = 0, newStart = 0, newCount = 0
      var body = ""
      for edit in hunk {
        switch edit {
        case .same(let i, let j):
          if oldCount == 0 { oldStart = i + 1 }
          if newCount == 0 { newStart = j + 1 }
          oldCount += 1
          newCount += 1
          body += " " + a[i] + "\n"
        case .delete(let i):
          if oldCount == 0 { oldStart = i + 1 }
          oldCount += 1
          body += "-" + a[i] + "\n"
        case .insert(let j):
          if newCount == 0 { newStart = j + 1 }
          newCount += 1
          body += "+" + b[j] + "\n"
        }
      }
      // diff -u names the line before an empty range.
      if oldCount == 0 { oldStart = hunkAnchor(hunk, old: true) }
      if newCount == 0 { newStart = hunkAnchor(hunk, old: false) }
      out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n" + body
    }
    return out
  }

  static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }

  /// For a hunk with no lines on one side: the number of the line before where they would be.
  static func hunkAnchor(_ hunk: [Edit], old: Bool) -> Int {
    for edit in hunk {
      switch edit {
      case .insert(let j) where old: return j  // lines before j on the new side equal lines before on the old side
      case .delete(let i) where !old: return i
      default: continue
      }
    }
    return 0
  }

  static func lines(_ text: String) -> [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return parts
  }

  /// Groups an edit script into hunks: runs of changes with up to `context` equal lines around them, merging
  /// hunks whose context would touch.
  static func hunks(_ script: [Edit], context: Int) -> [[Edit]] {
    let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
    var result: [[Edit]] = []
    var start = -1
    var end = -1
    for index in changed {
      if start >= 0, index - end <= 2 * context + 1 {
        end = index
        continue
      }
      if start >= 0 { result.append(Array(script[max(0, start - context)...min(script.count - 1, end + context)])) }
      start = index
      end = index
    }
    if start >= 0 { result.append(Array(script[max(0, start - context)...min(script.count - 1, end + context)])) }
    return result
  }

  /// The shortest edit script turning `a` into `b` (deletions before insertions within a change).
  static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count, m = b.count
    let limit = min(n + m, maxDistance)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    var trace: [[Int]] = []
    for d in 0...limit {
      trace.append(Array(v[(offset - d)...(offset + d)]))
      for k in stride(from: -d, through: d, by: 2) {
        let down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
        var x = down ? v[offset + k + 1] : v[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n, y >= m { return backtrack(trace, n: n, m: m) }
      }
    }
    return (0..<n).map(Edit.delete) + (0..<m).map(Edit.insert)
  }

  private static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> [Edit] {
    var x = n, y = m
    var out: [Edit] = []
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]  // v[k + d] holds the furthest x on diagonal k before step d
      func at(_ k: Int) -> Int { v[k + d] }
      let k = x - y
      let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
      let previousX = d == 0 ? 0 : at(previousK)
      let previousY = previousX - previousK
      while x > previousX, y > previousY {
        out.append(.same(x - 1, y - 1))
        x -= 1
        y -= 1
      }
      if d > 0 {
        if x == previousX { out.append(.insert(y - 1)) } else { out.append(.delete(x - 1)) }
        x = previousX
        y = previousY
      }
    }
    return out.reversed()
  }
}
