/// A syntax error in a function signature, with its offset inside the signature text.
struct SignatureSyntaxError: Error {
  var code: String
  var value: String
  var offset: Int
}

/// A parsed function signature such as `<s-nn?:s>`, validating arguments as jsonata-js's signature.js does:
/// each parameter is a set of type symbols with an optional `?`/`+` quantifier, and `-` takes the context.
public struct Signature {
  struct Param {
    /// Type symbols this parameter accepts (`m` is a missing/undefined argument).
    var symbols: Set<Character>
    var type: String
    var quantifier: Character?
    var context = false
    var contextSymbols: Set<Character> = []
    var subtype: String?
  }

  /// The signature as written.
  public let definition: String
  var params: [Param]

  /// Parses a signature; throws `SignatureSyntaxError` (S0401/S0402).
  init(_ text: String) throws {
    definition = text
    params = []
    let chars = Array(text)
    var position = 1
    func closing(_ start: Int, _ open: Character, _ close: Character) -> Int {
      var depth = 1
      var p = start
      while p < chars.count {
        p += 1
        if p >= chars.count { break }
        if chars[p] == close {
          depth -= 1
          if depth == 0 { break }
        } else if chars[p] == open {
          depth += 1
        }
      }
      return p
    }
    while position < chars.count {
      let symbol = chars[position]
      if symbol == ":" { break }
      switch symbol {
      case "s", "n", "b", "l", "o":
        params.append(Param(symbols: [symbol, "m"], type: String(symbol)))
      case "a":
        params.append(Param(symbols: Set("asnblfom"), type: "a"))
      case "f":
        params.append(Param(symbols: ["f"], type: "f"))
      case "j":
        params.append(Param(symbols: Set("asnblom"), type: "j"))
      case "x":
        params.append(Param(symbols: Set("asnblfom"), type: "x"))
      case "-":
        if !params.isEmpty {
          params[params.count - 1].context = true
          params[params.count - 1].contextSymbols = params[params.count - 1].symbols
          params[params.count - 1].quantifier = "?"
        }
      case "?", "+":
        if !params.isEmpty { params[params.count - 1].quantifier = symbol }
      case "(":
        let end = closing(position, "(", ")")
        let choice = String(chars[(position + 1)..<min(end, chars.count)])
        if choice.contains("<") { throw SignatureSyntaxError(code: "S0402", value: choice, offset: position) }
        params.append(Param(symbols: Set(choice + "m"), type: "(" + choice + ")"))
        position = end
      case "<":
        if let last = params.last, last.type == "a" || last.type == "f" {
          let end = closing(position, "<", ">")
          params[params.count - 1].subtype = String(chars[(position + 1)..<min(end, chars.count)])
          position = end
        } else {
          throw SignatureSyntaxError(code: "S0401", value: params.last?.type ?? "", offset: position)
        }
      default:
        break
      }
      position += 1
    }
  }

  /// The number of parameters a caller must supply (not optional, not taken from the context).
  var requiredCount: Int { params.filter { $0.quantifier == nil }.count }
  /// The number of declared parameters.
  var paramCount: Int { params.count }

  /// jsonata-js's type symbol of a value.
  static func symbol(_ value: Value?) -> Character {
    guard let value else { return "m" }
    switch value {
    case .string: return "s"
    case .number: return "n"
    case .bool: return "b"
    case .null: return "l"
    case .array: return "a"
    case .object: return "o"
    case .function: return "f"
    }
  }

  /// Matches the argument symbols against the parameters as the JavaScript regex would (greedy, backtracking);
  /// returns the number of symbols each parameter took. With `anchored` false a prefix of the parameters is
  /// matched against a prefix of the symbols (used to find the failing argument).
  private func match(_ symbols: [Character], paramCount: Int, anchored: Bool) -> (counts: [Int], end: Int)? {
    var counts = [Int](repeating: 0, count: paramCount)
    func go(_ p: Int, _ i: Int) -> Int? {
      if p == paramCount { return !anchored || i == symbols.count ? i : nil }
      let param = params[p]
      var maxTake = 0
      while i + maxTake < symbols.count && param.symbols.contains(symbols[i + maxTake]) {
        maxTake += 1
        if param.quantifier != "+" { break }
      }
      let minTake = param.quantifier == "?" ? 0 : 1
      if maxTake < minTake { return nil }
      var take = maxTake
      while take >= minTake {
        counts[p] = take
        if let end = go(p + 1, i + take) { return end }
        take -= 1
      }
      return nil
    }
    guard let end = go(0, 0) else { return nil }
    return (counts, end)
  }

  /// The arguments after validation: the context inserted for a missing `-` parameter, single values wrapped
  /// for array parameters. Throws T0410, T0411 or T0412.
  func validate(_ args: [Value?], context: Value?) throws -> [Value?] {
    let symbols = args.map(Signature.symbol)
    guard let (counts, _) = match(symbols, paramCount: params.count, anchored: true) else {
      throw validationError(args, symbols)
    }
    var validated: [Value?] = []
    var argIndex = 0
    for (index, param) in params.enumerated() {
      let count = counts[index]
      if count == 0 {
        if param.context {
          let contextSymbol = Signature.symbol(context)
          if param.contextSymbols.contains(contextSymbol) {
            validated.append(context)
          } else {
            throw Signature.error("T0411", context, index: argIndex + 1)
          }
        } else {
          validated.append(argIndex < args.count ? args[argIndex] : nil)
          argIndex += 1
        }
        continue
      }
      for _ in 0..<count {
        var arg = args[argIndex]
        if param.type == "a" {
          let single = symbols[argIndex]
          if single == "m" {
            arg = nil
          } else {
            if let subtype = param.subtype, let wanted = subtype.first {
              var ok = true
              if single != "a" && String(single) != subtype {
                ok = false
              } else if single == "a", case .array(let array)? = arg, let first = array.items.first {
                let itemType = Signature.symbol(first)
                ok = itemType == wanted && array.items.allSatisfy { Signature.symbol($0) == itemType }
              }
              if !ok {
                throw Signature.error("T0412", arg, index: argIndex + 1, type: Signature.arrayTypeNames[subtype])
              }
            }
            if single != "a", let value = arg { arg = .array(ArrayValue([value])) }
          }
        }
        validated.append(arg)
        argIndex += 1
      }
    }
    return validated
  }

  private func validationError(_ args: [Value?], _ symbols: [Character]) -> JSONataError {
    var goodTo = 0
    for index in 0..<params.count {
      guard let (_, end) = match(symbols, paramCount: index + 1, anchored: false) else {
        return Signature.error("T0410", goodTo < args.count ? args[goodTo] : nil, index: goodTo + 1)
      }
      goodTo = end
    }
    return Signature.error("T0410", goodTo < args.count ? args[goodTo] : nil, index: goodTo + 1)
  }

  private static func error(_ code: String, _ value: Value?, index: Int, type: String? = nil) -> JSONataError {
    var error = JSONataError(code: code, value: value)
    error.index = index
    error.expectedType = type
    error.refreshMessage()
    return error
  }

  private static let arrayTypeNames = ["a": "arrays", "b": "booleans", "f": "functions", "n": "numbers",
                                       "o": "objects", "s": "strings"]
}
