/// Runs a transform expression `| pattern | update, delete |` on a copy of its input. jsonata-js mutates the
/// matched objects in place; values here are immutable, so the copy is held as a tree of reference nodes whose
/// objects carry ids, and each match is found again by its id.
struct Transformer {
  let evaluator: Evaluator
  let expr: Node
  let frame: Frame

  private final class MutableObject {
    let id: Int
    var keys: [String] = []
    var values: [String: MutableValue] = [:]

    init(id: Int) { self.id = id }

    func set(_ key: String, _ value: MutableValue) {
      if values[key] == nil { keys.append(key) }
      values[key] = value
    }

    func remove(_ key: String) {
      guard values.removeValue(forKey: key) != nil else { return }
      keys.removeAll { $0 == key }
    }
  }

  private indirect enum MutableValue {
    case leaf(Value)
    case object(MutableObject)
    case array(ArrayValue, [MutableValue])
  }

  private final class Registry {
    var objects: [Int: MutableObject] = [:]
    var nextID = 1

    func make(_ value: Value) -> MutableValue {
      switch value {
      case .object(let o):
        let node = MutableObject(id: nextID)
        nextID += 1
        objects[node.id] = node
        for (k, v) in o.entries { node.set(k, make(v)) }
        return .object(node)
      case .array(let a):
        return .array(a, a.items.map(make))
      default:
        return .leaf(value)
      }
    }

    func value(_ node: MutableValue, tagged: Bool) -> Value {
      switch node {
      case .leaf(let v): return v
      case .array(var a, let items):
        a.items = items.map { value($0, tagged: tagged) }
        return .array(a)
      case .object(let o):
        var object = ObjectValue(o.keys.map { ($0, value(o.values[$0]!, tagged: tagged)) })
        if tagged { object.transformID = o.id }
        return .object(object)
      }
    }
  }

  func run(_ input: Value?) throws -> Value? {
    guard let input else { return nil }
    guard case .function(let clone)? = frame.lookup("clone") else {
      throw JSONataError(code: "T2013", position: expr.position)
    }
    guard let copy = try evaluator.apply(.function(clone), [input], nil, frame) else { return nil }
    let registry = Registry()
    let root = registry.make(copy)
    let matches = try evaluator.evaluate(expr.pattern!, registry.value(root, tagged: true), frame)
    var matchList: [Value] = []
    if case .array(let a)? = matches { matchList = a.items } else if let matches { matchList = [matches] }
    for match in matchList {
      guard case .object(let matched) = match, let node = registry.objects[matched.transformID] else { continue }
      let current = registry.value(.object(node), tagged: true)
      let update = try evaluator.evaluate(expr.update!, current, frame)
      if let update {
        guard case .object(let fields) = update else {
          throw JSONataError(code: "T2011", position: expr.update!.position, value: update)
        }
        for (k, v) in fields.entries { node.set(k, registry.make(v)) }
      }
      if let deleteExpr = expr.delete {
        let afterUpdate = registry.value(.object(node), tagged: true)
        if let deletions = try evaluator.evaluate(deleteExpr, afterUpdate, frame) {
          var names: [Value]
          if case .array(let a) = deletions { names = a.items } else { names = [deletions] }
          guard names.allSatisfy({ if case .string = $0 { return true } else { return false } }) else {
            throw JSONataError(code: "T2012", position: deleteExpr.position, value: deletions)
          }
          for case .string(let name) in names { node.remove(name) }
        }
      }
    }
    return registry.value(root, tagged: false)
  }
}
