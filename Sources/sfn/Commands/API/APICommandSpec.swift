import SFNKit

/// How one option of an API-named command takes its value.
enum APIOptionKind: Equatable {
  /// One string (JSON, shorthand or `file://` for structures, lists and maps).
  case text
  /// One or more words up to the next option (`parsing: .upToNextOption`).
  case words
  /// One integer.
  case integer
  /// One floating-point number.
  case number
  /// A boolean: `--flag` is true, `--no-flag` false.
  case flag
}

/// One option of an API-named command: its long name, the API member it sets and how it takes a value.
struct APIOptionSpec: Equatable {
  let flag: String
  let member: String
  let kind: APIOptionKind

  init(_ flag: String, _ member: String, _ kind: APIOptionKind) {
    self.flag = flag
    self.member = member
    self.kind = kind
  }
}

/// An API-named command as the direct parser sees it (generated in Generated/APICommandTable.swift).
struct APICommandSpec: Equatable {
  /// The operation in the service model.
  let operation: OperationName
  /// Whether the command takes the pagination options.
  let paginated: Bool
  /// Whether the command has `--no-validate` and lints its definition by default.
  let validatesDefinition: Bool
  /// The options in the order of the generated command's `values`.
  let options: [APIOptionSpec]
}
