import ArgumentParser
import SFNKit

/// Parses the usual API-command lines (`sfn describe-state-machine --state-machine-arn X --output json`) without
/// argument-parser, whose reflection costs more than the request itself. Anything it does not read exactly as
/// argument-parser would gives nil, and argument-parser parses the line (its help, errors and messages stay).
enum DirectAPIParser {
  /// What `args` (already through `ArgumentOrder`) ask for, or nil when argument-parser must parse them.
  static func parse(_ args: [String]) -> APIInvocation? {
    guard let name = args.first, let spec = API.spec(named: name) else { return nil }
    var line = APILine(spec: spec)
    var i = 1
    while i < args.count {
      guard let next = line.take(args, at: i) else { return nil }
      i = next
    }
    return line.invocation
  }
}

/// One API command line's options as they are read.
private struct APILine {
  let spec: APICommandSpec
  var values: [ParameterValue]
  var global = GlobalSettings()
  var cliInput = CLIInputSettings()
  var paging = PagingSettings()
  var validateDefinition: Bool
  private var reader = DirectOptionReader()

  init(spec: APICommandSpec) {
    self.spec = spec
    values = spec.options.map(APILine.unset)
    validateDefinition = spec.validatesDefinition
  }

  /// The invocation, or nil when the options' own validation would reject the values.
  var invocation: APIInvocation? {
    guard global.validationError == nil, !spec.paginated || paging.validationError == nil else { return nil }
    return APIInvocation(operation: spec.operation, values: values, global: global, cliInput: cliInput,
                         paging: spec.paginated ? paging : nil, validateDefinition: validateDefinition)
  }

  /// Reads the option at `args[i]` with its values: the index after them, or nil to leave the line to argument-parser.
  mutating func take(_ args: [String], at i: Int) -> Int? {
    guard let (target, words, next) = reader.read(args, at: i, lookup: lookup) else { return nil }
    return apply(target, words) ? next : nil
  }

  private static func unset(_ option: APIOptionSpec) -> ParameterValue {
    switch option.kind {
    case .text: return .text(option.member, nil)
    case .words: return .words(option.member, nil)
    case .integer: return .integer(option.member, nil)
    case .number: return .number(option.member, nil)
    case .flag: return .flag(option.member, nil)
    }
  }

  private enum Target {
    case member(Int, on: Bool)
    case noValidate
    case global(GlobalOption)
    case cliInput(String)
    case paging(String)
  }

  /// The option called `name` on this command: its key for repeats, how many values it takes, what it sets.
  private func lookup(_ name: String) -> (key: String, arity: DirectArity, target: Target)? {
    for (k, option) in spec.options.enumerated() {
      if name == option.flag {
        let arity: DirectArity = option.kind == .flag ? .flag : option.kind == .words ? .words : .one
        return (name, arity, .member(k, on: true))
      }
      if option.kind == .flag, name == "--no-" + option.flag.dropFirst(2) {
        return (option.flag, .flag, .member(k, on: false))
      }
    }
    if spec.validatesDefinition, name == "--no-validate" { return (name, .flag, .noValidate) }
    if let global = GlobalOption(rawValue: name) { return (name, global.arity, .global(global)) }
    if name == "--cli-input-json" || name == "--generate-cli-skeleton" { return (name, .one, .cliInput(name)) }
    if spec.paginated, ["--max-items", "--starting-token", "--page-size"].contains(name) {
      return (name, .one, .paging(name))
    }
    return nil
  }

  /// Stores the option's values; false when one does not convert (argument-parser reports that).
  private mutating func apply(_ target: Target, _ words: [String]) -> Bool {
    let value = words.first ?? ""
    switch target {
    case .member(let k, let on):
      let option = spec.options[k]
      switch option.kind {
      case .text: values[k] = .text(option.member, value)
      case .words: values[k] = .words(option.member, words)
      case .integer:
        guard let n = Int(argument: value) else { return false }
        values[k] = .integer(option.member, n)
      case .number:
        guard let n = Double(argument: value) else { return false }
        values[k] = .number(option.member, n)
      case .flag: values[k] = .flag(option.member, on)
      }
    case .noValidate: validateDefinition = false
    case .global(let option): return option.set(value, on: &global)
    case .cliInput(let name):
      if name == "--cli-input-json" { cliInput.cliInputJSON = value; return true }
      guard let kind = CLIInputOptions.SkeletonKind(argument: value) else { return false }
      cliInput.generateSkeleton = kind
    case .paging(let name):
      if name == "--starting-token" { paging.startingToken = value; return true }
      guard let n = Int(argument: value) else { return false }
      if name == "--max-items" { paging.maxItems = n } else { paging.pageSize = n }
    }
    return true
  }
}
