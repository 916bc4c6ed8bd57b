/// jsonata-js's `processAST`: turns the parser's raw tree into paths of steps with stages, group-by clauses,
/// focus/index bindings, parent-operator slots and tail-call thunks.
struct ASTProcessor {
  private var ancestorLabel = 0
  private var ancestorIndex = 0
  private var ancestry: [Node] = []

  mutating func process(_ expr: Node) throws -> Node {
    let result: Node
    switch expr.type {
    case .binary:
      result = try processBinary(expr)
    case .unary:
      result = Node(type: .unary, id: expr.id, value: expr.value, position: expr.position)
      if expr.value == "[" {
        result.expressions = try expr.expressions.map { item in
          let value = try process(item)
          pushAncestry(result, value)
          return value
        }
      } else if expr.value == "{" {
        result.pairs = try expr.pairs.map { pair in
          let key = try process(pair.key)
          pushAncestry(result, key)
          let value = try process(pair.value)
          pushAncestry(result, value)
          return (key, value)
        }
      } else {
        let operand = try process(expr.expression!)
        if expr.value == "-" && operand.type == .number, case .number(let n) = operand.literal {
          operand.literal = .number(-n)
          if expr.keepArray { operand.keepArray = true }
          return operand
        }
        result.expression = operand
        pushAncestry(result, operand)
      }
    case .function, .partial:
      result = Node(type: expr.type, id: expr.id, value: expr.value, position: expr.position)
      result.arguments = try expr.arguments.map { arg in
        let processed = try process(arg)
        pushAncestry(result, processed)
        return processed
      }
      result.procedure = try process(expr.procedure!)
    case .lambda:
      result = Node(type: .lambda, value: expr.value, position: expr.position)
      result.arguments = expr.arguments
      result.signature = expr.signature
      result.body = tailCallOptimize(try process(expr.body!))
    case .apply:
      result = Node(type: .apply, value: expr.value, position: expr.position)
      result.lhs = try process(expr.lhs!)
      result.rhs = try process(expr.rhs!)
      result.keepArray = result.lhs!.keepArray || result.rhs!.keepArray
    case .condition:
      result = Node(type: .condition, position: expr.position)
      result.condition = try process(expr.condition!)
      pushAncestry(result, result.condition!)
      result.then = try process(expr.then!)
      pushAncestry(result, result.then!)
      if let otherwise = expr.otherwise {
        result.otherwise = try process(otherwise)
        pushAncestry(result, result.otherwise!)
      }
    case .transform:
      result = Node(type: .transform, position: expr.position)
      result.pattern = try process(expr.pattern!)
      result.update = try process(expr.update!)
      if let delete = expr.delete { result.delete = try process(delete) }
    case .block:
      result = Node(type: .block, position: expr.position)
      result.expressions = try expr.expressions.map { item in
        let part = try process(item)
        pushAncestry(result, part)
        if part.consarray || (part.type == .path && part.steps[0].consarray) { result.consarray = true }
        return part
      }
    case .name:
      result = Node(type: .path, position: expr.position)
      result.steps = [expr]
      if expr.keepArray { result.keepSingletonArray = true }
    case .parent:
      result = Node(type: .parent, value: expr.value, position: expr.position)
      result.slot = AncestorSlot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
      ancestorLabel += 1
      ancestorIndex += 1
      ancestry.append(result)
    case .string, .number, .value, .wildcard, .descendant, .variable, .regex:
      result = expr
    case .op:
      if expr.value == "and" || expr.value == "or" || expr.value == "in" {
        expr.type = .name
        return try process(expr)
      } else if expr.value == "?" {
        result = expr
      } else {
        throw JSONataError(code: "S0201", position: expr.position, token: expr.value)
      }
    default:
      throw JSONataError(code: expr.id == "(end)" ? "S0207" : "S0206", position: expr.position, token: expr.value)
    }
    if expr.keepArray { result.keepArray = true }
    return result
  }

  private mutating func processBinary(_ expr: Node) throws -> Node {
    switch expr.value {
    case ".":
      let lstep = try process(expr.lhs!)
      let result: Node
      if lstep.type == .path {
        result = lstep
      } else {
        result = Node(type: .path, position: lstep.position)
        result.steps = [lstep]
      }
      if lstep.type == .parent { result.seekingParent = [lstep.slot!] }
      let rest = try process(expr.rhs!)
      if rest.type == .path {
        result.steps.append(contentsOf: rest.steps)
      } else {
        if let predicate = rest.predicate {
          rest.stages = predicate
          rest.predicate = nil
        }
        result.steps.append(rest)
      }
      for step in result.steps {
        if step.type == .number || step.type == .value {
          throw JSONataError(code: "S0213", position: step.position, value: step.literal)
        }
        if step.type == .string { step.type = .name }
      }
      if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
      let first = result.steps[0]
      if first.type == .unary && first.value == "[" { first.consarray = true }
      let last = result.steps[result.steps.count - 1]
      if last.type == .unary && last.value == "[" { last.consarray = true }
      try resolveAncestry(result)
      return result
    case "[":
      let result = try process(expr.lhs!)
      var step = result
      var inStages = false
      if result.type == .path {
        step = result.steps[result.steps.count - 1]
        inStages = true
      }
      if step.group != nil { throw JSONataError(code: "S0209", position: expr.position) }
      let predicate = try process(expr.rhs!)
      if let seeking = predicate.seekingParent {
        for slot in seeking {
          if slot.level == 1 {
            _ = try seekParent(step, slot)
          } else {
            slot.level -= 1
          }
        }
        pushAncestry(step, predicate)
      }
      let stage = Stage.filter(predicate, position: expr.position)
      if inStages {
        step.stages = (step.stages ?? []) + [stage]
      } else {
        step.predicate = (step.predicate ?? []) + [stage]
      }
      return result
    case "{":
      let result = try process(expr.lhs!)
      if result.group != nil { throw JSONataError(code: "S0210", position: expr.position) }
      let pairs = try expr.pairs.map { (key: try process($0.key), value: try process($0.value)) }
      result.group = GroupClause(pairs: pairs, position: expr.position)
      return result
    case "^":
      var result = try process(expr.lhs!)
      if result.type != .path {
        let path = Node(type: .path, position: result.position)
        path.steps = [result]
        result = path
      }
      let sortStep = Node(type: .sort, position: expr.position)
      sortStep.terms = try expr.terms.map { term in
        let expression = try process(term.expression)
        pushAncestry(sortStep, expression)
        return SortTerm(descending: term.descending, expression: expression)
      }
      result.steps.append(sortStep)
      try resolveAncestry(result)
      return result
    case ":=":
      let result = Node(type: .bind, value: expr.value, position: expr.position)
      result.lhs = try process(expr.lhs!)
      result.rhs = try process(expr.rhs!)
      pushAncestry(result, result.rhs!)
      return result
    case "@":
      let result = try process(expr.lhs!)
      var step = result
      if result.type == .path { step = result.steps[result.steps.count - 1] }
      if step.stages != nil || step.predicate != nil { throw JSONataError(code: "S0215", position: expr.position) }
      if step.type == .sort { throw JSONataError(code: "S0216", position: expr.position) }
      if expr.keepArray { step.keepArray = true }
      step.focus = expr.rhs!.value
      step.tuple = true
      return result
    case "#":
      var result = try process(expr.lhs!)
      var step = result
      if result.type == .path {
        step = result.steps[result.steps.count - 1]
      } else {
        let path = Node(type: .path, position: result.position)
        path.steps = [result]
        result = path
        if let predicate = step.predicate {
          step.stages = predicate
          step.predicate = nil
        }
      }
      if step.stages == nil {
        step.index = expr.rhs!.value
      } else {
        step.stages!.append(.index(expr.rhs!.value))
      }
      step.tuple = true
      return result
    default:
      let result = Node(type: .binary, id: expr.id, value: expr.value, position: expr.position)
      result.lhs = try process(expr.lhs!)
      result.rhs = try process(expr.rhs!)
      pushAncestry(result, result.lhs!)
      pushAncestry(result, result.rhs!)
      return result
    }
  }

  private func seekParent(_ node: Node, _ slot: AncestorSlot) throws -> AncestorSlot {
    var slot = slot
    switch node.type {
    case .name, .wildcard:
      slot.level -= 1
      if slot.level == 0 {
        if let existing = node.ancestor {
          ancestry[slot.index].slot!.label = existing.label
        }
        node.ancestor = slot
        node.tuple = true
      }
    case .parent:
      slot.level += 1
    case .block:
      if let last = node.expressions.last {
        node.tuple = true
        slot = try seekParent(last, slot)
      }
    case .path:
      node.tuple = true
      var index = node.steps.count - 1
      slot = try seekParent(node.steps[index], slot)
      index -= 1
      while slot.level > 0 && index >= 0 {
        slot = try seekParent(node.steps[index], slot)
        index -= 1
      }
    default:
      throw JSONataError(code: "S0217", position: node.position, token: ASTProcessor.typeName(node.type))
    }
    return slot
  }

  private func pushAncestry(_ result: Node, _ value: Node) {
    guard value.seekingParent != nil || value.type == .parent else { return }
    var slots = value.seekingParent ?? []
    if value.type == .parent { slots.append(value.slot!) }
    result.seekingParent = (result.seekingParent ?? []) + slots
  }

  private func resolveAncestry(_ path: Node) throws {
    let last = path.steps[path.steps.count - 1]
    var slots = last.seekingParent ?? []
    if last.type == .parent { slots.append(last.slot!) }
    for original in slots {
      var slot = original
      var index = path.steps.count - 2
      while slot.level > 0 {
        if index < 0 {
          path.seekingParent = (path.seekingParent ?? []) + [slot]
          break
        }
        var step = path.steps[index]
        index -= 1
        while index >= 0 && step.focus != nil && path.steps[index].focus != nil {
          step = path.steps[index]
          index -= 1
        }
        slot = try seekParent(step, slot)
      }
    }
  }

  private func tailCallOptimize(_ expr: Node) -> Node {
    switch expr.type {
    case .function where expr.predicate == nil:
      let thunk = Node(type: .lambda, position: expr.position)
      thunk.thunk = true
      thunk.body = expr
      return thunk
    case .condition:
      expr.then = tailCallOptimize(expr.then!)
      if let otherwise = expr.otherwise { expr.otherwise = tailCallOptimize(otherwise) }
      return expr
    case .block:
      if let last = expr.expressions.last { expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last) }
      return expr
    default:
      return expr
    }
  }

  /// The node type as jsonata-js names it in error tokens.
  static func typeName(_ type: NodeType) -> String {
    switch type {
    case .op: return "operator"
    default: return "\(type)"
    }
  }
}
