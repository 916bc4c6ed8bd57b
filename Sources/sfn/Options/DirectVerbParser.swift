import ArgumentParser
import SFNKit

/// Parses the usual verb lines (`sfn describe hello`, `sfn output hello/run-1 --output json`) without
/// argument-parser, whose reflection over the command's properties costs more than the request itself. Anything it
/// does not read exactly as argument-parser would gives nil, and argument-parser parses the line (its help, errors
/// and messages stay).
enum DirectVerbParser {
  /// What `args` (already through `ArgumentOrder`) ask for, or nil when argument-parser must parse them.
  static func parse(_ args: [String]) -> VerbInvocation? {
    guard let name = args.first, let verb = verbs[name] else { return nil }
    var words = DirectVerbWords()
    var reader = DirectOptionReader()
    var i = 1
    while i < args.count {
      if DirectOptionReader.isValue(args[i]) {
        words.positionals.append(args[i])
        i += 1
        continue
      }
      guard let (target, values, next) = reader.read(args, at: i, lookup: { lookup($0, verb.options) }),
            words.apply(target, values) else { return nil }
      i = next
    }
    guard words.global.validationError == nil else { return nil }
    return verb.invocation(words)
  }

  /// A verb the direct parser reads: its own options, and its line built from what was read.
  private typealias Verb = (options: [String: DirectArity], invocation: (DirectVerbWords) -> VerbInvocation?)

  /// The verbs read directly, by command name.
  private static let verbs: [String: Verb] = [
    "describe": verb(Verbs.Describe.Line.self, VerbInvocation.describe),
    "output": verb(Verbs.Output.Line.self, VerbInvocation.output),
    "start": verb(Verbs.Start.Line.self, VerbInvocation.start),
    "wait": verb(Verbs.Wait.Line.self, VerbInvocation.wait),
    "history": verb(Verbs.History.Line.self, VerbInvocation.history),
    "executions": verb(Verbs.Executions.Line.self, VerbInvocation.executions),
  ]

  private static func verb<Line: DirectVerbLine>(_: Line.Type, _ wrap: @escaping (Line) -> VerbInvocation) -> Verb {
    (Line.directOptions, { words in
      guard let line = Line(words), line.validationError == nil else { return nil }
      return wrap(line)
    })
  }

  /// The option called `name` on a verb with `options`: its key for repeats, its arity, what it sets.
  private static func lookup(_ name: String, _ options: [String: DirectArity])
    -> (key: String, arity: DirectArity, target: DirectVerbWords.Target)? {
    if let arity = options[name] { return (name, arity, .verb(name)) }
    if let global = GlobalOption(rawValue: name) { return (name, global.arity, .global(global)) }
    return nil
  }
}

/// A verb's command line as data, built by argument-parser's command or by the direct parser.
protocol DirectVerbLine: Equatable {
  /// The verb's options beyond the global ones, `--raw` included where it has it.
  static var directOptions: [String: DirectArity] { get }
  /// The line from what the direct parser read; nil for positional arguments or values argument-parser rejects.
  init?(_ words: DirectVerbWords)
  /// Why the command's `validate()` rejects the line (its usage error's text), or nil.
  var validationError: String? { get }
}

extension DirectVerbLine {
  var validationError: String? { nil }
}

/// What the direct parser read from a verb line: global options, positional arguments, the verb's own options.
struct DirectVerbWords {
  var global = GlobalSettings()
  var positionals: [String] = []
  /// The verb's options that take a value, by name (`--input`).
  var values: [String: String] = [:]
  /// The verb's flags given (`--raw`, `--wait`).
  var flags: Set<String> = []

  /// What an option read sets.
  enum Target {
    case verb(String)
    case global(GlobalOption)
  }

  /// `--raw`, which most verbs share.
  var raw: Bool { flags.contains("--raw") }

  /// The only positional argument, or nil when there are none or several (argument-parser's error).
  var single: String? { positionals.count == 1 ? positionals[0] : nil }

  /// The value of option `name` converted as argument-parser converts it: `.some(nil)` when the option is absent,
  /// nil when the value does not convert (argument-parser reports that).
  func converted<Value: ExpressibleByArgument>(_ name: String) -> Value?? {
    guard let text = values[name] else { return .some(nil) }
    return Value(argument: text).map { .some($0) }
  }

  /// Stores an option's values; false when a global option's value does not convert.
  mutating func apply(_ target: Target, _ words: [String]) -> Bool {
    switch target {
    case .verb(let name):
      if words.isEmpty { flags.insert(name) } else { values[name] = words[0] }
      return true
    case .global(let option):
      return option.set(words.first ?? "", on: &global)
    }
  }
}
