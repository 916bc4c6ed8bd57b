import Foundation

/// Where `sfn local` keeps its state without `--data`: `$XDG_DATA_HOME/sfn/local`, else `~/.local/share/sfn/local`.
public enum DataDirectory {
  /// The default data directory for `environment`.
  public static func `default`(_ environment: [String: String]) -> String {
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/sfn/local" }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/sfn/local"
  }
}

/// The access keys `--require-signature` accepts: a credentials file's, or the environment's key pair.
public enum SigningKeys {
  /// Keys from `file` (AWS credentials format), else `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
  public static func load(file: String?, environment: [String: String]) throws -> [String: String] {
    if let file {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      let keys = CredentialsFile.keys(in: text)
      guard !keys.isEmpty else { throw SigningKeysError("\(file) holds no aws_access_key_id/aws_secret_access_key") }
      return keys
    }
    guard let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
      throw SigningKeysError("--require-signature needs --credentials FILE or AWS_ACCESS_KEY_ID and "
        + "AWS_SECRET_ACCESS_KEY")
    }
    return [id: secret]
  }
}

/// Why no signing keys could be loaded.
public struct SigningKeysError: Error, CustomStringConvertible {
  /// What is missing, for the error message.
  public let description: String
  init(_ description: String) { self.description = description }
}
