/// A parent-operator slot: which ancestor `%` refers to, resolved while the AST is processed.
final class AncestorSlot {
  var label: String
  var level: Int
  let index: Int

  init(label: String, level: Int, index: Int) {
    self.label = label
    self.level = level
    self.index = index
  }
}

/// One stage applied to a path step's results: a filter predicate or a positional (`#$i`) binding.
enum Stage {
  case filter(Node, position: Int)
  case index(String)
}

/// One order-by term of `^(...)`.
struct SortTerm {
  var descending: Bool
  var expression: Node
}

/// A group-by (or object constructor) clause: key/value expression pairs.
struct GroupClause {
  var pairs: [(key: Node, value: Node)]
  var position: Int
}

/// What a node is. Token kinds (`op`, `end`) only occur before the AST is processed.
enum NodeType {
  case path, binary, unary, name, string, number, value, wildcard, descendant, parent, condition, block, bind
  case regex, function, partial, lambda, variable, apply, transform, sort, op, end
}

/// A node of the syntax tree, in the shape of jsonata-js's AST. It is built and rewritten while parsing and not
/// changed afterwards, so one parsed expression can be evaluated concurrently.
final class Node {
  var type: NodeType
  /// The symbol id during parsing: the operator text, or "(name)", "(literal)", "(regex)", "(end)".
  var id: String
  /// Operator text, name, variable name (without `$`) or string literal.
  var value: String
  /// The value of a string, number or `true`/`false`/`null` literal.
  var literal: Value = .null
  var regex: RegexLiteral?
  /// Character offset (UTF-16) where jsonata-js reports this node: the end of its token.
  var position: Int

  var lhs: Node?
  var rhs: Node?
  var expression: Node?
  var expressions: [Node] = []
  var pairs: [(key: Node, value: Node)] = []
  var steps: [Node] = []
  var terms: [SortTerm] = []
  var arguments: [Node] = []
  var procedure: Node?
  var body: Node?
  var signature: Signature?
  var condition: Node?
  var then: Node?
  var otherwise: Node?
  var pattern: Node?
  var update: Node?
  var delete: Node?

  var predicate: [Stage]?
  var stages: [Stage]?
  var group: GroupClause?
  var focus: String?
  var index: String?
  var tuple = false
  var ancestor: AncestorSlot?
  var slot: AncestorSlot?
  var seekingParent: [AncestorSlot]?
  var keepArray = false
  var keepSingletonArray = false
  var consarray = false
  var thunk = false

  init(type: NodeType, id: String = "", value: String = "", position: Int) {
    self.type = type
    self.id = id
    self.value = value
    self.position = position
  }
}
