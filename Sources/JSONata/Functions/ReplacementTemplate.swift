/// `$replace`'s replacement string: `$0` is the whole match, `$1`... the groups, `$$` a dollar sign; a `$` followed by
/// anything else is literal. Group numbers are read as jsonata-js reads them: as many digits as the group count has,
/// one fewer when that number is too large, and a number past the groups stands for "".
struct ReplacementTemplate {
  /// The replacement as written.
  let text: UTF16Text

  /// A template from its text.
  init(_ text: String) { self.text = UTF16Text(text) }

  /// The replacement for one match.
  func expand(match: String, groups: [Value]) -> String {
    let dollar = UTF16Text("$")
    var out = ""
    var position = 0
    var index = text.index(of: dollar, from: position)
    while let found = index, position < text.count {
      out += text.text(from: position, to: found)
      position = found + 1
      let next = text.text(from: position, to: position + 1)
      if next == "$" {
        out += "$"
        position += 1
      } else if next == "0" {
        out += match
        position += 1
      } else {
        var maxDigits = 1
        if !groups.isEmpty { maxDigits = String(groups.count).count }
        var number = JavaScriptNumber.parseInt(Substring(text.text(from: position, to: position + maxDigits)))
        if maxDigits > 1 && number > Double(groups.count) {
          number = JavaScriptNumber.parseInt(Substring(text.text(from: position, to: position + maxDigits - 1)))
        }
        if number.isNaN {
          out += "$"
        } else {
          let groupIndex = Int(number) - 1
          if groups.indices.contains(groupIndex), case .string(let group) = groups[groupIndex] { out += group }
          position += Value.javaScriptString(number).utf16.count
        }
      }
      index = text.index(of: dollar, from: position)
    }
    out += text.text(from: position)
    return out
  }
}
