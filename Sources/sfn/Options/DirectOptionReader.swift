/// How many values an option takes on a line the direct parsers read.
enum DirectArity {
  /// None: `--debug`.
  case flag
  /// The next argument, or the text after `=`.
  case one
  /// Every argument up to the next option (argument-parser's `parsing: .upToNextOption`).
  case words
}

/// Reads one option (`--name`, `--name=value`, `--name value...`) as argument-parser does, for the direct parsers
/// of the API commands and of the verbs. Whatever argument-parser reads by rules of its own (repeats, values that
/// start with a dash, empty attached values, `--flag=x`) gives nil, so the line goes to argument-parser.
struct DirectOptionReader {
  /// Options seen so far, by key (a flag and its `--no-` form share one): a repeat goes to argument-parser.
  private var seen: Set<String> = []

  /// The option at `args[i]` as `lookup` names it, with its values and the index after them; nil to leave the
  /// line to argument-parser.
  mutating func read<Target>(
    _ args: [String], at i: Int, lookup: (String) -> (key: String, arity: DirectArity, target: Target)?
  ) -> (target: Target, words: [String], next: Int)? {
    let arg = args[i]
    guard arg.hasPrefix("--") else { return nil }
    var name = arg
    var attached: String?
    if let eq = arg.firstIndex(of: "=") {
      name = String(arg[..<eq])
      attached = String(arg[arg.index(after: eq)...])
    }
    guard let option = lookup(name), seen.insert(option.key).inserted else { return nil }
    var words: [String] = []
    var next = i + 1
    if option.arity == .flag {
      guard attached == nil else { return nil }
    } else {
      if let attached {
        guard !attached.isEmpty, Self.isValue(attached) else { return nil }
        words.append(attached)
      }
      // A single value is the next argument; words run up to the next option.
      while next < args.count, Self.isValue(args[next]), option.arity == .words || words.isEmpty {
        words.append(args[next])
        next += 1
      }
      guard !words.isEmpty else { return nil }
    }
    return (option.target, words, next)
  }

  /// True for an argument argument-parser surely reads as a value: one not starting with a dash, or a lone dash
  /// (`--input -`, standard input).
  static func isValue(_ arg: String) -> Bool { arg == "-" || arg.utf8.first != UInt8(ascii: "-") }
}

extension GlobalOption {
  /// How many values the option takes.
  var arity: DirectArity { takesValue ? .one : .flag }
}
