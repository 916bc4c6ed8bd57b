/// Top-down operator precedence (Pratt) parser producing a `JMESPathNode`; a port of jmespath.py's parser so that
/// expressions mean exactly what they mean to the AWS CLI's `--query`.
struct JMESPathParser {
  private let tokens: [JMESPathToken]
  private var index = 0

  /// The syntax tree of `expression`.
  static func parse(_ expression: String) throws -> JMESPathNode {
    var parser = JMESPathParser(tokens: try JMESPathLexer.tokenize(expression))
    let node = try parser.expression(0)
    if parser.current.type != .eof {
      throw parser.unexpected(parser.current)
    }
    return node
  }

  private init(tokens: [JMESPathToken]) { self.tokens = tokens }

  private var current: JMESPathToken { tokens[index] }

  private func lookahead(_ n: Int) -> JMESPathTokenType {
    index + n < tokens.count ? tokens[index + n].type : .eof
  }

  private mutating func advance() { index += 1 }

  private mutating func expression(_ bindingPower: Int) throws -> JMESPathNode {
    let token = current
    advance()
    var left = try nud(token)
    while bindingPower < current.type.bindingPower {
      let token = current
      advance()
      left = try led(token, left)
    }
    return left
  }

  // MARK: - Prefix positions

  private mutating func nud(_ token: JMESPathToken) throws -> JMESPathNode {
    switch token.type {
    case .literal: return .literal(token.literal)
    case .unquotedIdentifier: return .field(token.text)
    case .quotedIdentifier:
      if current.type == .lparen {
        throw JMESPathError.syntax("a quoted identifier cannot be a function name", at: token.start)
      }
      return .field(token.text)
    case .star:
      if current.type == .rbracket { return .valueProjection(.identity, .identity) }
      return .valueProjection(.identity, try projectionRHS(JMESPathTokenType.star.bindingPower))
    case .filter:
      return try filter(left: .identity)
    case .lbrace:
      return try multiSelectHash()
    case .lparen:
      let inner = try expression(0)
      try match(.rparen)
      return inner
    case .flatten:
      return .projection(.flatten(.identity), try projectionRHS(JMESPathTokenType.flatten.bindingPower))
    case .not:
      return .not(try expression(JMESPathTokenType.not.bindingPower))
    case .lbracket:
      if current.type == .number || current.type == .colon {
        return try projectIfSlice(.identity, try indexExpression())
      }
      if current.type == .star && lookahead(1) == .rbracket {
        advance()
        advance()
        return .projection(.identity, try projectionRHS(JMESPathTokenType.star.bindingPower))
      }
      return try multiSelectList()
    case .current: return .identity
    case .expref: return .expref(try expression(JMESPathTokenType.expref.bindingPower))
    case .eof: throw JMESPathError.syntax("unexpected end of expression", at: token.start)
    case .number:
      let hint = "write a number value as `\(token.text)`"
      throw JMESPathError.syntax("unexpected number '\(token.text)' (\(hint))", at: token.start)
    default: throw unexpected(token)
    }
  }

  // MARK: - Infix positions

  private mutating func led(_ token: JMESPathToken, _ left: JMESPathNode) throws -> JMESPathNode {
    switch token.type {
    case .dot:
      if current.type == .star {
        advance()
        return .valueProjection(left, try projectionRHS(JMESPathTokenType.dot.bindingPower))
      }
      let right = try dotRHS(JMESPathTokenType.dot.bindingPower)
      if case .subexpression(let children) = left { return .subexpression(children + [right]) }
      return .subexpression([left, right])
    case .pipe: return .pipe(left, try expression(token.type.bindingPower))
    case .or: return .or(left, try expression(token.type.bindingPower))
    case .and: return .and(left, try expression(token.type.bindingPower))
    case .eq, .ne, .lt, .lte, .gt, .gte:
      return .comparator(Self.comparator(token.type), left, try expression(token.type.bindingPower))
    case .lparen:
      guard case .field(let name) = left else {
        throw JMESPathError.syntax("invalid function name", at: tokens[index - 2].start)
      }
      var args: [JMESPathNode] = []
      while current.type != .rparen {
        args.append(try expression(0))
        if current.type == .comma { try match(.comma) }
      }
      try match(.rparen)
      return .function(name, args)
    case .filter:
      return try filter(left: left)
    case .flatten:
      return .projection(.flatten(left), try projectionRHS(JMESPathTokenType.flatten.bindingPower))
    case .lbracket:
      if current.type == .number || current.type == .colon {
        let right = try indexExpression()
        // jmespath.py extends an existing index expression rather than nesting (so `a[0][1:]` does not project).
        if case .indexExpression(let children) = left { return .indexExpression(children + [right]) }
        return try projectIfSlice(left, right)
      }
      try match(.star)
      try match(.rbracket)
      return .projection(left, try projectionRHS(JMESPathTokenType.star.bindingPower))
    default:
      throw unexpected(token)
    }
  }

  private static func comparator(_ type: JMESPathTokenType) -> JMESPathComparator {
    switch type {
    case .eq: return .eq
    case .ne: return .ne
    case .lt: return .lt
    case .lte: return .lte
    case .gt: return .gt
    default: return .gte
    }
  }

  // MARK: - Pieces

  private mutating func filter(left: JMESPathNode) throws -> JMESPathNode {
    let condition = try expression(0)
    try match(.rbracket)
    let right: JMESPathNode =
      current.type == .flatten ? .identity : try projectionRHS(JMESPathTokenType.filter.bindingPower)
    return .filterProjection(left, right, condition: condition)
  }

  /// After `[` when the next token is a number or colon: `[n]` or a slice.
  private mutating func indexExpression() throws -> JMESPathNode {
    if lookahead(0) == .colon || lookahead(1) == .colon { return try sliceExpression() }
    let number = current.number
    advance()
    try match(.rbracket)
    return .index(number)
  }

  private mutating func sliceExpression() throws -> JMESPathNode {
    var parts: [Int?] = [nil, nil, nil]
    var part = 0
    while current.type != .rbracket && part < 3 {
      switch current.type {
      case .colon:
        part += 1
        if part == 3 { throw JMESPathError.syntax("too many ':' in slice", at: current.start) }
        advance()
      case .number:
        parts[part] = current.number
        advance()
      default:
        throw expected("a number, ':' or ']'", found: current)
      }
    }
    try match(.rbracket)
    return .slice(parts[0], parts[1], parts[2])
  }

  private mutating func projectIfSlice(_ left: JMESPathNode, _ right: JMESPathNode) throws -> JMESPathNode {
    let node = JMESPathNode.indexExpression([left, right])
    if case .slice = right {
      return .projection(node, try projectionRHS(JMESPathTokenType.star.bindingPower))
    }
    return node
  }

  private mutating func projectionRHS(_ bindingPower: Int) throws -> JMESPathNode {
    switch current.type {
    case let type where type.bindingPower < JMESPathTokenType.projectionStop: return .identity
    case .lbracket, .filter: return try expression(bindingPower)
    case .dot:
      advance()
      return try dotRHS(bindingPower)
    default:
      throw expected("'.', '[' or '[?' after a projection", found: current)
    }
  }

  private mutating func dotRHS(_ bindingPower: Int) throws -> JMESPathNode {
    switch current.type {
    case .quotedIdentifier, .unquotedIdentifier, .star:
      return try expression(bindingPower)
    case .lbracket:
      advance()
      return try multiSelectList()
    case .lbrace:
      advance()
      return try multiSelectHash()
    default:
      throw expected("an identifier, '*', '[' or '{' after '.'", found: current)
    }
  }

  private mutating func multiSelectList() throws -> JMESPathNode {
    var items: [JMESPathNode] = []
    while true {
      items.append(try expression(0))
      if current.type == .rbracket { break }
      try match(.comma)
    }
    try match(.rbracket)
    return .multiSelectList(items)
  }

  private mutating func multiSelectHash() throws -> JMESPathNode {
    var pairs: [JMESPathKeyValue] = []
    while true {
      let key = current
      guard key.type == .quotedIdentifier || key.type == .unquotedIdentifier else {
        throw expected("a key name", found: key)
      }
      advance()
      try match(.colon)
      pairs.append(JMESPathKeyValue(key: key.text, value: try expression(0)))
      if current.type == .comma {
        try match(.comma)
      } else if current.type == .rbrace {
        try match(.rbrace)
        break
      }
    }
    return .multiSelectHash(pairs)
  }

  // MARK: - Errors

  private mutating func match(_ type: JMESPathTokenType) throws {
    guard current.type == type else { throw expected(type.display, found: current) }
    advance()
  }

  private func expected(_ what: String, found token: JMESPathToken) -> JMESPathError {
    if token.type == .eof {
      return JMESPathError.syntax("expected \(what) but the expression ended", at: token.start)
    }
    return JMESPathError.syntax("expected \(what), found \(token.display)", at: token.start)
  }

  private func unexpected(_ token: JMESPathToken) -> JMESPathError {
    if token.type == .eof { return JMESPathError.syntax("unexpected end of expression", at: token.start) }
    return JMESPathError.syntax("unexpected \(token.display)", at: token.start)
  }
}
