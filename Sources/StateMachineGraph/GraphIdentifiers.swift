/// Stable identifiers for the states of a graph and its sub-graphs (`s0`, `s1`, ...), in definition order,
/// depth first, for formats that need plain names (DOT, Mermaid).
struct GraphIdentifiers {
  private(set) var ids: [String: String] = [:]

  init(_ graph: StateGraph) {
    var next = 0
    func walk(_ g: StateGraph) {
      for state in g.states {
        if ids[state.name] == nil {
          ids[state.name] = "s\(next)"
          next += 1
        }
        state.children.forEach(walk)
      }
    }
    walk(graph)
  }

  subscript(_ name: String) -> String { ids[name] ?? "unknown" }
}

/// Shared by the DOT and Mermaid writers: box text and the execution's colours.
enum GraphText {
  /// The text of a state's box as the text and SVG pictures show it (not cut short).
  static func lines(_ state: GraphState, _ overlay: ExecutionOverlay?) -> [String] {
    DiagramBuilder(style: GraphStyle(unicode: true, maxText: 200), overlay: overlay).boxLines(state)
  }

  static func outcome(_ state: GraphState, _ overlay: ExecutionOverlay?) -> RunOutcome? {
    guard let overlay else { return nil }
    return overlay.run(of: state.name)?.outcome ?? .notRun
  }

  /// Fill and line colours for an outcome.
  static func colors(_ outcome: RunOutcome?) -> (fill: String, stroke: String) {
    switch outcome {
    case .succeeded: return ("#e7f5ec", "#2f855a")
    case .failed: return ("#fdeaea", "#c53030")
    case .caught: return ("#fff5e0", "#b7791f")
    case .running: return ("#e8f1fb", "#2b6cb0")
    case .notRun: return ("#f7f7f7", "#c4c9d0")
    case nil: return ("#f1f4f8", "#4a5568")
    }
  }
}
