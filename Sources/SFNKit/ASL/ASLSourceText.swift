/// The definition's text by line, for locating a character inside a string literal (escapes make the decoded
/// string and its source differ).
struct ASLSourceText {
  private let lines: [[Unicode.Scalar]]

  /// The text split into lines of Unicode scalars (columns count scalars, as the reader's do).
  init(_ text: String) {
    var lines: [[Unicode.Scalar]] = [[]]
    for u in text.unicodeScalars {
      if u == "\n" { lines.append([]) } else { lines[lines.count - 1].append(u) }
    }
    self.lines = lines
  }

  /// The 1-based column of the source character that decodes to UTF-16 offset `decodedOffset` of the string
  /// literal starting at `node`, or nil when the node is not a string literal in this text.
  func column(ofStringAt node: ASLNode, decodedOffset: Int) -> Int? {
    guard node.line >= 1, node.line <= lines.count else { return nil }
    let line = lines[node.line - 1]
    var i = node.column  // 0-based index of the first character after the opening quote
    guard i - 1 < line.count, i >= 1, line[i - 1] == "\"" else { return nil }
    var decoded = 0
    while decoded < decodedOffset, i < line.count, line[i] != "\"" {
      if line[i] == "\\" {
        // \uXXXX is one UTF-16 unit (a surrogate pair is two escapes); other escapes are one character.
        i += i + 1 < line.count && line[i + 1] == "u" ? 6 : 2
        decoded += 1
      } else {
        decoded += line[i].utf16.count
        i += 1
      }
    }
    return min(i, line.count) + 1
  }
}
