import ArgumentParser
import SFNKit

/// How errors are written on stderr: one `sfn: ...` line (the default) or one JSON object per error.
enum ErrorFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json

  /// The environment variable and profile key that set the format when `--error-format` does not.
  static let variable = "SFN_ERROR_FORMAT"
  static let profileKey = "sfn_error_format"

  /// `--error-format`, else `SFN_ERROR_FORMAT`, else the profile's `sfn_error_format` (profile from `--profile`
  /// or `AWS_PROFILE`), else text. Values are read case-insensitively; an unknown one means text, since an error
  /// is being reported already and the config files may be the broken thing.
  static func resolve(commandLine: ErrorFormat?, profile: String?, environment: Environment,
                      files fileSystem: FileSystem) -> ErrorFormat {
    if let commandLine { return commandLine }
    if let raw = environment[variable], !raw.isEmpty { return ErrorFormat(rawValue: raw.lowercased()) ?? .text }
    let files = try? ProfileFiles.load(ProfileFileLocations(environment: environment), fileSystem: fileSystem)
    let selection = ProfileSelection(override: profile, environment: environment)
    let raw = files?.profile(named: selection.name)?[profileKey]
    return raw.flatMap { ErrorFormat(rawValue: $0.lowercased()) } ?? .text
  }

  /// The format for a command line whose parsing may have failed: `--error-format` and `--profile` read straight
  /// from `arguments` (anywhere before `--`).
  static func resolve(arguments: [String], environment: Environment, files: FileSystem) -> ErrorFormat {
    let given = GlobalOption.errorFormat.value(in: arguments).flatMap { ErrorFormat(rawValue: $0) }
    return resolve(commandLine: given, profile: GlobalOption.profile.value(in: arguments), environment: environment,
                   files: files)
  }
}

/// Writes errors (and a command's non-fatal validation findings) on stderr in the chosen `ErrorFormat`.
struct ErrorWriter {
  var format: ErrorFormat
  /// Writes one line (the newline is added): the runtime's stderr.
  var write: (String) -> Void

  /// Writes `error` and returns its exit code.
  func report(_ error: Error) -> Int32 { report(ErrorReport.details(error)) }

  /// Writes `details` and returns the exit code.
  func report(_ details: ErrorDetails) -> Int32 {
    switch format {
    case .text:
      if !details.problemsShown {
        for finding in details.problems { write(finding.line) }
      }
      write("sfn: " + details.line)
    case .json:
      write(JSONWriter.compact.string(Self.json(details)))
    }
    return details.status.rawValue
  }

  /// Findings that do not stop the command (warnings): `FILE:LINE:COL` lines, or one JSON object each (the
  /// shape of a problem in the JSON error).
  func findings(_ findings: [ValidationFinding]) {
    for finding in findings {
      write(format == .json ? JSONWriter.compact.string(Self.json(finding)) : finding.line)
    }
  }

  /// A warning that does not stop the command: `sfn: warning: ...`, or `{"severity": "warning", "code", "message"}`.
  func warning(code: String, _ message: String) {
    switch format {
    case .text: write("sfn: warning: " + message)
    case .json:
      write(JSONWriter.compact.string(.object(JSONObject([
        ("severity", "warning"), ("code", .string(code)), ("message", .string(message)),
      ]))))
    }
  }

  /// The documented JSON error (docs/cli.md, "Errors as JSON"): every key always present, null when unknown.
  static func json(_ d: ErrorDetails) -> JSON {
    .object(JSONObject([
      ("code", .string(d.code)), ("message", .string(d.message)), ("hint", d.hint.map(JSON.string) ?? .null),
      ("requestId", d.requestId.map(JSON.string) ?? .null), ("exitCode", .integer(Int(d.status.rawValue))),
      ("retryable", .bool(d.retryable)), ("problems", .array(d.problems.map(json))),
    ]))
  }

  /// One located problem: file, line, column, severity, rule, message, path and source.
  static func json(_ f: ValidationFinding) -> JSON {
    let d = f.diagnostic
    return .object(JSONObject([
      ("file", .string(f.file)), ("line", .integer(d.line)), ("column", .integer(d.column)),
      ("severity", .string(d.severity.rawValue)), ("rule", d.code.map(JSON.string) ?? .null),
      ("message", .string(d.message)), ("path", .string(d.path)), ("source", .string(f.source.rawValue)),
    ]))
  }
}
