/// The abstract syntax tree of a parsed JMESPath expression (node shapes follow jmespath.py).
indirect enum JMESPathNode: Sendable {
  /// The current value (`@`, or the implicit left side of a projection).
  case identity
  /// `name` or `"name"`: the member of an object, else null.
  case field(String)
  /// `` `json` `` or `'raw string'`.
  case literal(JSON)
  /// `a.b.c`: each child applied to the result of the previous one.
  case subexpression([JMESPathNode])
  /// `a[0][1]`: like a subexpression, for index and slice steps.
  case indexExpression([JMESPathNode])
  /// `[n]`: an array element, negative from the end.
  case index(Int)
  /// `[start:stop:step]`.
  case slice(Int?, Int?, Int?)
  /// `left[*].right`: right applied to each element of the array `left`, nulls dropped.
  case projection(JMESPathNode, JMESPathNode)
  /// `left.*.right`: right applied to each value of the object `left`, nulls dropped.
  case valueProjection(JMESPathNode, JMESPathNode)
  /// `left[?condition].right`.
  case filterProjection(JMESPathNode, JMESPathNode, condition: JMESPathNode)
  /// `left[]`: one level of nested arrays merged.
  case flatten(JMESPathNode)
  /// `[a, b]`.
  case multiSelectList([JMESPathNode])
  /// `{k: a, l: b}`.
  case multiSelectHash([JMESPathKeyValue])
  /// `a == b`, `a < b`, ...
  case comparator(JMESPathComparator, JMESPathNode, JMESPathNode)
  /// `a || b`.
  case or(JMESPathNode, JMESPathNode)
  /// `a && b`.
  case and(JMESPathNode, JMESPathNode)
  /// `!a`.
  case not(JMESPathNode)
  /// `a | b`: b applied to the result of a, ending any projection.
  case pipe(JMESPathNode, JMESPathNode)
  /// `name(args...)`.
  case function(String, [JMESPathNode])
  /// `&expr`: an unevaluated expression passed to functions such as sort_by.
  case expref(JMESPathNode)
}

/// One `key: expression` entry of a multi-select hash.
struct JMESPathKeyValue: Sendable {
  var key: String
  var value: JMESPathNode
}

/// The comparison operators.
enum JMESPathComparator: Sendable {
  case eq, ne, lt, lte, gt, gte
}
