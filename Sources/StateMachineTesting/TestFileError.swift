import SFNKit

/// A malformed test file, at FILE:LINE:COL as `sfn validate` reports definitions; a user error (exit 65).
public struct TestFileError: UserFacingError, Equatable {
  /// The file.
  public var file: String
  /// 1-based line and column of the offending value.
  public var line: Int
  public var column: Int
  /// What is wrong.
  public var message: String

  /// Bad input data.
  public var kind: FailureKind { .badInput }
  /// `FILE:LINE:COL: message`.
  public var description: String { "\(file):\(line):\(column): \(message)" }

  /// An error at this place.
  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }
}

/// Test files that cannot be found or read; an input-file error (exit 66).
public enum TestFilesError: UserFacingError, Equatable {
  /// A path given to `sfn test` that is neither a file nor a directory.
  case noSuchPath(String)
  /// A test file that cannot be read (`reason` says why).
  case unreadable(path: String, reason: String)

  /// An input file missing or unreadable.
  public var kind: FailureKind { .inputFile }

  /// The one-line message.
  public var description: String {
    switch self {
    case .noSuchPath(let path): return "no such test file or directory: \(path)"
    case .unreadable(let path, let reason): return "cannot read test file \(path): \(reason)"
    }
  }
}
