import SFNKit

/// A JSON or YAML text read into located nodes, with positions reported in the original text.
struct LocatedDocument {
  let file: String
  let root: ASLNode
  private let yaml: YAMLConversion?

  /// Reads `text`; YAML when `file` ends in .yaml/.yml or the text does not start like JSON.
  init(file: String, text: String) throws {
    self.file = file
    let trimmed = text.drop { $0.isWhitespace }
    let isYAML = file.hasSuffix(".yaml") || file.hasSuffix(".yml") || !(trimmed.first == "{" || trimmed.first == "[")
    var json = text
    if isYAML {
      do {
        let conversion = try YAMLConverter.convert(text)
        yaml = conversion
        json = conversion.json
      } catch let e as YAMLConversionError {
        throw TestFileError(file: file, line: e.position.line, column: e.position.column, message: e.message)
      }
    } else {
      yaml = nil
    }
    do {
      let document = try ASLReader.read(json)
      if let duplicate = document.duplicateKeys.first {
        let at = duplicate.duplicate
        let p = Self.position(yaml, line: at.line, column: at.column, path: at.path)
        throw TestFileError(file: file, line: p.line, column: p.column, message: "duplicate key '\(duplicate.key)'")
      }
      root = document.root
    } catch let e as ASLSyntaxError {
      throw TestFileError(file: file, line: e.line, column: e.column, message: "not valid JSON: \(e.message)")
    }
  }

  /// An error about `node`, at its position in the original text.
  func error(_ node: ASLNode, _ message: String) -> TestFileError {
    let p = Self.position(yaml, line: node.line, column: node.column, path: node.path)
    return TestFileError(file: file, line: p.line, column: p.column, message: message)
  }

  /// The line `node` is written on in the original text.
  func line(of node: ASLNode) -> Int {
    Self.position(yaml, line: node.line, column: node.column, path: node.path).line
  }

  private static func position(_ yaml: YAMLConversion?, line: Int, column: Int, path: String) -> TextPosition {
    let p = TextPosition(line: line, column: column)
    return yaml?.yamlPosition(for: p, path: path) ?? p
  }
}
