#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials printed as JSON (`Version: 1`) by the profile's `credential_process`, run without a shell.
public struct ProcessProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext
  /// The command to run; nil means the selected profile's `credential_process`.
  public var command: (text: String, profile: String, location: SourceLocation?)?
  /// Runs the split command; replaceable in tests.
  public var run: ([String], [String: String]) throws -> ProcessOutput = { try ProcessRunner.run($0, environment: $1) }

  /// A provider for the selected profile's `credential_process`, or for an explicit command.
  public init(context: CredentialContext, command: (text: String, profile: String, location: SourceLocation?)? = nil) {
    self.context = context
    self.command = command
  }

  /// `custom-process`, the AWS CLI's name.
  public var name: String { "custom-process" }

  /// E.g. `credential_process of profile "dev"`.
  public var triedDescription: String { "credential_process of profile \"\(context.selection.name)\"" }

  private var resolvedCommand: (text: String, profile: String, location: SourceLocation?)? {
    if let command { return command }
    guard let profile = context.profile, let text = profile["credential_process"] else { return nil }
    return (text, profile.name, profile.location(of: "credential_process"))
  }

  /// Runs the command and parses its output; any failure is a configuration error naming the profile and line.
  public func credentials() throws -> Credentials? {
    guard let (text, profile, location) = resolvedCommand else { return nil }
    func fail(_ message: String) -> ConfigError {
      ConfigError(.credentialProcess, "credential_process of profile \"\(profile)\" \(message)", location: location,
                  profile: profile)
    }
    guard let words = ShellWords.split(text), !words.isEmpty else { throw fail("has an unclosed quote or is empty") }
    let output: ProcessOutput
    do {
      output = try run(words, context.environment.variables)
    } catch SubprocessError.spawn(let program, let code) {
      throw fail("could not start \(words[0]): \(FileSystemError(path: program, code: code))")
    } catch {
      throw fail("could not start \(words[0]): \(error)")
    }
    guard output.status == 0 else {
      let lines = String(decoding: output.stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
        .map { String($0.drop(while: \.isWhitespace)) }.filter { !$0.isEmpty }
      let detail = lines.isEmpty ? "" : ": " + lines.joined(separator: " | ")
      throw fail("exited with status \(output.status)\(detail)")
    }
    guard let json = try? JSONParser.parse(bytes: output.stdout), json.objectValue != nil else {
      throw fail("did not print a JSON object")
    }
    guard json["Version"]?.intValue == 1 else { throw fail("printed JSON without \"Version\": 1") }
    guard let id = json["AccessKeyId"]?.stringValue, let secret = json["SecretAccessKey"]?.stringValue else {
      throw fail("printed JSON without AccessKeyId and SecretAccessKey")
    }
    var expiration: Date?
    if let text = json["Expiration"]?.stringValue {
      guard let date = ISO8601.parse(text) else { throw fail("printed an Expiration that is not ISO 8601: \(text)") }
      expiration = date
    }
    return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["SessionToken"]?.stringValue,
                       expiration: expiration, accountId: json["AccountId"]?.stringValue)
  }
}
