/// A state machine definition as the user wrote it (JSON or YAML), ready to lint or send.
public struct DefinitionSource: Sendable {
  /// What to call it in messages: the file name, or `-` for standard input.
  public let name: String
  /// The text as read.
  public let text: String
  /// The format it was read as.
  public let format: DefinitionFormat
  /// The JSON text to lint and send, nil when YAML could not be converted.
  public let json: String?
  /// Why the YAML could not be converted.
  public let conversionError: YAMLConversionError?
  private let conversion: YAMLConversion?

  /// Reads `text`; `format` nil means by file name, then by content.
  public init(name: String, text: String, format: DefinitionFormat? = nil) {
    self.name = name
    self.text = text
    let format = format ?? DefinitionFormat.detect(name: name == "-" ? nil : name, text: text)
    self.format = format
    switch format {
    case .json:
      json = text
      conversion = nil
      conversionError = nil
    case .yaml:
      do {
        let c = try YAMLConverter.convert(text)
        conversion = c
        json = c.json
        conversionError = nil
      } catch let e as YAMLConversionError {
        conversion = nil
        json = nil
        conversionError = e
      } catch {
        conversion = nil
        json = nil
        conversionError = YAMLConversionError(message: "invalid YAML: \(error)",
                                              position: TextPosition(line: 1, column: 1))
      }
    }
  }

  /// Decodes UTF-8 bytes (a leading byte order mark is dropped); invalid UTF-8 is bad input.
  public init(name: String, bytes: [UInt8], format: DefinitionFormat? = nil) throws {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard let text = String(validating: body, as: UTF8.self) else {
      throw InputError.definitionNotUTF8(name: name)
    }
    self.init(name: name, text: text, format: format)
  }

  /// Reads a definition file (`file://PATH` is accepted as in the AWS CLI); `-` reads standard input.
  public static func load(_ path: String, files: FileSystem,
                          standardInput: () -> [UInt8] = readStandardInput) throws -> DefinitionSource {
    if path == "-" { return try DefinitionSource(name: "-", bytes: standardInput()) }
    let name = path.hasPrefix("file://") ? String(path.dropFirst(7)) : path
    return try DefinitionSource(name: name, bytes: try files.read(name))
  }

  /// The linter's findings, positioned in the text as written (YAML findings point at the YAML); `type` adds the
  /// checks of that state machine type (EXPRESS).
  public func lint(type: StateMachineType? = nil) -> [ASLDiagnostic] {
    if let conversionError {
      let code = conversionError.message.hasPrefix("Duplicate key") ? "duplicate-key" : "yaml-syntax"
      return [ASLDiagnostic(severity: .error, message: conversionError.message, line: conversionError.position.line,
                            column: conversionError.position.column, path: "$", code: code)]
    }
    let diagnostics = ASLLinter.lint(json ?? text, type: type)
    guard let conversion else { return diagnostics }
    return diagnostics.map { d in
      var moved = d
      let p = conversion.yamlPosition(for: TextPosition(line: d.line, column: d.column), path: d.path)
      moved.line = p.line
      moved.column = p.column
      return moved
    }.sorted(by: ASLDiagnostic.byPosition)
  }

  /// The position in the text as written of the member key (or array element) at a JSON path
  /// (`$.States.A.Next`), or of its nearest enclosing value; places findings that come with a path only (the service's).
  public func position(ofPath path: String) -> TextPosition {
    guard let json, let document = try? ASLReader.read(json) else { return TextPosition(line: 1, column: 1) }
    var byPath: [String: TextPosition] = [:]
    // A member is placed at its key, as the linter places findings about fields and states.
    func walk(_ node: ASLNode, at position: TextPosition) {
      byPath[node.path] = position
      for m in node.members { walk(m.value, at: TextPosition(line: m.line, column: m.column)) }
      for e in node.elements ?? [] { walk(e, at: TextPosition(line: e.line, column: e.column)) }
    }
    walk(document.root, at: TextPosition(line: document.root.line, column: document.root.column))
    var current = path
    while true {
      if let p = byPath[current] {
        return conversion?.yamlPosition(for: p, path: current) ?? p
      }
      guard let parent = YAMLConversion.parentPath(current) else { return TextPosition(line: 1, column: 1) }
      current = parent
    }
  }
}
