import ArgumentParser
import SFNKit

/// Computes completion candidates from the service for the shells and for `sfn __complete`.
/// It never prompts and never prints errors: it runs in a silenced copy of the runtime.
struct Completer {
  let catalog: CompletionCatalog

  /// A completer using the global options found among the shell's `words` (`--profile`, `--region`, ...).
  ///
  /// argument-parser calls the completion functions with the words only, so this one builds the system runtime.
  init(words: [String]) {
    let global = (try? GlobalOptions.parse(Self.globalArguments(in: words))) ?? (try! GlobalOptions.parse([]))
    self.init(global: global, runtime: .system())
  }

  /// A completer for these global options, with short timeouts and one attempt unless the user chose otherwise.
  init(global: GlobalOptions, runtime: Runtime) {
    let runtime = runtime.silenced()
    let environment = runtime.environment
    var global = global
    if global.connectTimeout == nil { global.connectTimeout = 2 }
    if global.readTimeout == nil { global.readTimeout = 3 }
    if global.maxAttempts == nil { global.maxAttempts = 1 }
    let context = CommandContext(runtime, global: global)
    let client = try? context.client()
    var cache: CompletionCache?
    if let client, let directory = CacheDirectory.standard(environment: environment, fileSystem: runtime.files) {
      let profile = global.profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
      let scope = [client.configuration.endpoint.absoluteString, client.configuration.region, profile]
      cache = CompletionCache(directory: directory, scope: scope.joined(separator: " "))
    }
    catalog = CompletionCatalog(cache: cache) { resource in
      guard let client else { return [] }
      return try CompletionCatalog.list(resource, client: client)
    }
  }

  /// State machine names or ARNs.
  func machines(arns: Bool) -> [String] {
    catalog.items(.machines).map { arns ? $0.arn : $0.name }
  }

  /// Activity names or ARNs.
  func activities(arns: Bool) -> [String] {
    catalog.items(.activities).map { arns ? $0.arn : $0.name }
  }

  /// Executions of the machine named by the word so far; without one, a starting point per machine.
  func executions(prefix: String, arns: Bool) -> [String] {
    catalog.executionCandidates(prefix: prefix, arns: arns)
  }

  /// Execution ARNs of one machine (name or ARN), for `sfn __complete executions MACHINE`.
  func executions(of machine: String) -> [String] {
    guard let machineArn = catalog.machineArn(machine) else { return [] }
    return catalog.items(.executions(machineArn: machineArn)).map(\.arn)
  }

  /// The global options and their values among the shell words, in a form `GlobalOptions.parse` accepts.
  static func globalArguments(in words: [String]) -> [String] {
    var found: [String] = []
    var i = 0
    while i < words.count {
      let word = words[i]
      let name = String(word.split(separator: "=", maxSplits: 1).first ?? "")
      if let takesValue = GlobalOption(rawValue: name)?.takesValue {
        found.append(word)
        if takesValue, !word.contains("="), i + 1 < words.count {
          found.append(Self.unquoted(words[i + 1]))
          i += 1
        }
      }
      i += 1
    }
    return found
  }

  /// Shells pass words as typed: drop one level of surrounding quotes.
  static func unquoted(_ word: String) -> String {
    for quote in ["'", "\""] where word.count >= 2 && word.hasPrefix(quote) && word.hasSuffix(quote) {
      return String(word.dropFirst().dropLast())
    }
    return word
  }
}
