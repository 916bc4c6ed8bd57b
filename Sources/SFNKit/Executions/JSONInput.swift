/// Reads a JSON argument: inline JSON, `@FILE`, `file://FILE` or `-` for stdin; parsed and size-checked before sending.
public struct JSONInputReader {
  /// The service's limit for inputs, outputs and task results (UTF-8 bytes).
  public static let defaultLimit = 256 * 1024
  public var files: FileSystem
  public var stdin: () -> [UInt8]
  public var limit: Int

  /// A reader over `files` and `stdin`, allowing at most `limit` bytes.
  public init(files: FileSystem, stdin: @escaping () -> [UInt8] = readStandardInput, limit: Int = JSONInputReader.defaultLimit) {
    self.files = files
    self.stdin = stdin
    self.limit = limit
  }

  /// The JSON text to send for `argument` of `option`: the text as given, after checking it parses and fits.
  public func read(_ argument: String, option: String) throws -> String {
    let bytes: [UInt8]
    let source: String
    if argument == "-" {
      bytes = stdin()
      source = "stdin"
    } else if argument.hasPrefix("@") || argument.hasPrefix("file://") {
      let path = argument.hasPrefix("@") ? String(argument.dropFirst()) : String(argument.dropFirst(7))
      guard !path.isEmpty else { throw InputError.noFileName(option: option, argument: argument) }
      bytes = try files.read(path)
      source = path
    } else {
      bytes = Array(argument.utf8)
      source = "the argument"
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw InputError.argumentNotUTF8(at: option, source: source)
    }
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    let trimmed = body.trimmingWhitespace()
    if trimmed.utf8.count > limit {
      throw InputError.tooLarge(at: option, source: source, bytes: trimmed.utf8.count, limit: limit)
    }
    do {
      _ = try JSONParser.parse(trimmed)
    } catch {
      throw InputError.argumentNotJSON(at: option, source: source, detail: "\(error)")
    }
    return trimmed
  }
}
