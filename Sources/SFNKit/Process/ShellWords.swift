/// Splits a command line the way POSIX `shlex.split` does: whitespace separates words; single quotes keep text
/// literally; double quotes keep text but allow `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes escapes
/// the next character.
public enum ShellWords {
  /// The words of `command`, or nil when a quote is not closed.
  public static func split(_ command: String) -> [String]? {
    var words: [String] = []
    var current = ""
    var inWord = false
    var iterator = Array(command).makeIterator()
    while let c = iterator.next() {
      switch c {
      case " ", "\t", "\n", "\r":
        if inWord { words.append(current); current = ""; inWord = false }
      case "'":
        inWord = true
        while true {
          guard let q = iterator.next() else { return nil }
          if q == "'" { break }
          current.append(q)
        }
      case "\"":
        inWord = true
        while true {
          guard let q = iterator.next() else { return nil }
          if q == "\"" { break }
          if q == "\\" {
            guard let escaped = iterator.next() else { return nil }
            if !["\"", "\\", "$", "`"].contains(escaped) { current.append("\\") }
            current.append(escaped)
          } else {
            current.append(q)
          }
        }
      case "\\":
        inWord = true
        guard let escaped = iterator.next() else { return nil }
        current.append(escaped)
      default:
        inWord = true
        current.append(c)
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
