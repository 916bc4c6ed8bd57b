/// jsonata-js's Pratt parser: tokens become nodes, each operator's `nud`/`led` builds the raw tree, which
/// `ASTProcessor` then turns into the evaluated shape.
struct Parser {
  private var lexer: Lexer
  private var node: Node
  private let length: Int
  private var nesting = 0
  /// Deeper nesting than any real expression needs is refused, so parsing cannot exhaust the caller's stack.
  private static let maxNesting = 300

  /// Left binding powers, as jsonata-js's operator table (symbols missing here bind with 0).
  private static let bindingPowers: [String: Int] = [
    ".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60,
    "=": 40, "<": 40, ">": 40, "^": 40, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "and": 30, "or": 25,
    "in": 40, "&": 50,
  ]
  /// Every symbol jsonata-js defines; any other operator token is S0204.
  private static let symbols: Set<String> = [
    ":", ";", ",", ")", "]", "}", "..", ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and",
    "or", "in", "~>", "(", "[", "^", "{", ":=", "@", "#", "?", "|", "**",
  ]

  /// Parses `text` into a processed AST.
  static func parse(_ text: String) throws -> Node {
    var parser = Parser(text)
    try parser.advance()
    let expr = try parser.expression(0)
    if parser.node.id != "(end)" {
      throw JSONataError(code: "S0201", position: parser.node.position, token: parser.node.value)
    }
    var processor = ASTProcessor()
    let result = try processor.process(expr)
    if result.type == .parent || result.seekingParent != nil {
      throw JSONataError(code: "S0217", position: result.position, token: ASTProcessor.typeName(result.type))
    }
    return result
  }

  private init(_ text: String) {
    lexer = Lexer(text)
    length = lexer.length
    node = Node(type: .end, id: "(end)", value: "(end)", position: 0)
  }

  private func lbp(_ n: Node) -> Int {
    switch n.id {
    case "(end)", "(name)", "(literal)", "(regex)": return 0
    default: return Parser.bindingPowers[n.id] ?? 0
    }
  }

  @discardableResult
  private mutating func advance(_ id: String? = nil, infix: Bool = false) throws -> Node {
    if let id, node.id != id {
      let code = node.id == "(end)" ? "S0203" : "S0202"
      throw JSONataError(code: code, position: node.position, token: node.value, value: .string(id))
    }
    guard let token = try lexer.next(prefix: infix) else {
      node = Node(type: .end, id: "(end)", value: "(end)", position: length)
      return node
    }
    let id: String
    switch token.type {
    case .name, .variable: id = "(name)"
    case .op:
      guard Parser.symbols.contains(token.value) else {
        throw JSONataError(code: "S0204", position: token.position, token: token.value)
      }
      id = token.value
    case .string, .number, .value: id = "(literal)"
    case .regex: id = "(regex)"
    default: throw JSONataError(code: "S0205", position: token.position, token: token.value)
    }
    let n = Node(type: token.type, id: id, value: token.value, position: token.position)
    n.literal = token.literal
    n.regex = token.regex
    node = n
    return n
  }

  private mutating func expression(_ rbp: Int) throws -> Node {
    nesting += 1
    defer { nesting -= 1 }
    if nesting > Parser.maxNesting {
      throw JSONataError(code: "S0201", position: node.position, token: node.value,
                         message: "Expression nested too deeply (more than \(Parser.maxNesting) levels)")
    }
    var t = node
    try advance(infix: true)
    var left = try nud(t)
    while rbp < lbp(node) {
      t = node
      try advance()
      left = try led(t, left)
    }
    return left
  }

  // MARK: - prefix (nud)

  private mutating func nud(_ t: Node) throws -> Node {
    switch t.id {
    case "(end)", "(name)", "(literal)", "(regex)", "and", "or", "in": return t
    case "-":
      t.expression = try expression(70)
      t.type = .unary
      return t
    case "*":
      t.type = .wildcard
      return t
    case "**":
      t.type = .descendant
      return t
    case "%":
      t.type = .parent
      return t
    case "(":
      var expressions: [Node] = []
      while node.id != ")" {
        expressions.append(try expression(0))
        if node.id != ";" { break }
        try advance(";")
      }
      try advance(")", infix: true)
      t.type = .block
      t.expressions = expressions
      return t
    case "[":
      var items: [Node] = []
      if node.id != "]" {
        while true {
          var item = try expression(0)
          if node.id == ".." {
            let range = Node(type: .binary, id: "..", value: "..", position: node.position)
            range.lhs = item
            try advance("..")
            range.rhs = try expression(0)
            item = range
          }
          items.append(item)
          if node.id != "," { break }
          try advance(",")
        }
      }
      try advance("]", infix: true)
      t.expressions = items
      t.type = .unary
      return t
    case "{":
      t.pairs = try objectPairs()
      t.type = .unary
      return t
    case "|":
      t.type = .transform
      t.pattern = try expression(0)
      try advance("|")
      t.update = try expression(0)
      if node.id == "," {
        try advance(",")
        t.delete = try expression(0)
      }
      try advance("|")
      return t
    default:
      throw JSONataError(code: "S0211", position: t.position, token: t.value)
    }
  }

  private mutating func objectPairs() throws -> [(key: Node, value: Node)] {
    var pairs: [(key: Node, value: Node)] = []
    if node.id != "}" {
      while true {
        let key = try expression(0)
        try advance(":")
        let value = try expression(0)
        pairs.append((key, value))
        if node.id != "," { break }
        try advance(",")
      }
    }
    try advance("}", infix: true)
    return pairs
  }

  // MARK: - infix (led)

  private mutating func led(_ t: Node, _ left: Node) throws -> Node {
    switch t.id {
    case "~>":
      t.type = .apply
      t.lhs = left
      t.rhs = try expression(40)
      return t
    case "(":
      return try call(t, left)
    case "[":
      if node.id == "]" {
        var step: Node? = left
        while let s = step, s.type == .binary && s.value == "[" { step = s.lhs }
        step?.keepArray = true
        try advance("]")
        return left
      }
      t.lhs = left
      t.rhs = try expression(0)
      t.type = .binary
      try advance("]", infix: true)
      return t
    case "^":
      try advance("(")
      var terms: [SortTerm] = []
      while true {
        var descending = false
        if node.id == "<" {
          try advance("<")
        } else if node.id == ">" {
          descending = true
          try advance(">")
        }
        terms.append(SortTerm(descending: descending, expression: try expression(0)))
        if node.id != "," { break }
        try advance(",")
      }
      try advance(")")
      t.lhs = left
      t.terms = terms
      t.type = .binary
      return t
    case "{":
      t.lhs = left
      t.pairs = try objectPairs()
      t.type = .binary
      return t
    case ":=":
      if left.type != .variable { throw JSONataError(code: "S0212", position: left.position, token: left.value) }
      t.lhs = left
      t.rhs = try expression(9)
      t.type = .binary
      return t
    case "@", "#":
      t.lhs = left
      t.rhs = try expression(80)
      if t.rhs?.type != .variable {
        throw JSONataError(code: "S0214", position: t.rhs?.position, token: t.id)
      }
      t.type = .binary
      return t
    case "?":
      t.type = .condition
      t.condition = left
      t.then = try expression(0)
      if node.id == ":" {
        try advance(":")
        t.otherwise = try expression(0)
      }
      return t
    default:
      guard let power = Parser.bindingPowers[t.id] else {
        throw JSONataError(code: "S0201", position: t.position, token: t.value)
      }
      t.lhs = left
      t.rhs = try expression(power)
      t.type = .binary
      return t
    }
  }

  /// A function call, partial application, or (for `function`/`λ`) a lambda definition.
  private mutating func call(_ t: Node, _ left: Node) throws -> Node {
    t.procedure = left
    t.type = .function
    if node.id != ")" {
      while true {
        if node.type == .op && node.id == "?" {
          t.type = .partial
          t.arguments.append(node)
          try advance("?")
        } else {
          t.arguments.append(try expression(0))
        }
        if node.id != "," { break }
        try advance(",")
      }
    }
    try advance(")", infix: true)
    guard left.type == .name && (left.value == "function" || left.value == "\u{3BB}") else { return t }
    for (i, arg) in t.arguments.enumerated() where arg.type != .variable {
      throw JSONataError(code: "S0208", position: arg.position, token: arg.value, value: .number(Double(i + 1)))
    }
    t.type = .lambda
    if node.id == "<" {
      let signaturePosition = node.position
      var depth = 1
      var text = "<"
      while depth > 0 && node.id != "{" && node.id != "(end)" {
        let tok = try advance()
        if tok.id == ">" {
          depth -= 1
        } else if tok.id == "<" {
          depth += 1
        }
        text += tok.value
      }
      try advance(">")
      do {
        t.signature = try Signature(text)
      } catch let error as SignatureSyntaxError {
        throw JSONataError(code: error.code, position: signaturePosition + error.offset, value: .string(error.value))
      }
    }
    try advance("{")
    t.body = try expression(0)
    try advance("}")
    return t
  }
}
