/// Lets global options stand before the command name, as with `aws`.
enum ArgumentOrder {
  /// Moves global options that precede the command name to the end (before any `--`).
  static func globalsAfterCommand(_ args: [String]) -> [String] {
    var moved: [String] = []
    var i = 0
    while i < args.count, args[i].hasPrefix("--") {
      let name = String(args[i].split(separator: "=", maxSplits: 1)[0])
      guard let takesValue = GlobalOption(rawValue: name)?.takesValue else { break }
      moved.append(args[i])
      if takesValue, !args[i].contains("="), i + 1 < args.count {
        moved.append(args[i + 1])
        i += 1
      }
      i += 1
    }
    guard !moved.isEmpty, i < args.count else { return args }
    var rest = Array(args[i...])
    let insertAt = rest.firstIndex(of: "--") ?? rest.count
    rest.insert(contentsOf: moved, at: insertAt)
    return rest
  }

  /// `--generate-cli-skeleton` alone means `--generate-cli-skeleton input`, as in the AWS CLI (an optional value
  /// argument-parser cannot express).
  static func skeletonDefault(_ args: [String]) -> [String] {
    var out: [String] = []
    for (i, arg) in args.enumerated() {
      out.append(arg)
      if arg == "--generate-cli-skeleton", i + 1 == args.count || args[i + 1].hasPrefix("--") { out.append("input") }
    }
    return out
  }
}
