/// Writes a `StateGraph` as a Mermaid flowchart (GitHub draws these in Markdown): Parallel and Map states as
/// subgraphs, Catch edges dotted, terminal states as stadiums, the execution as classes and link styles.
public struct MermaidRenderer {
  /// A writer.
  public init() {}

  /// The Mermaid text.
  public func render(_ graph: StateGraph, overlay: ExecutionOverlay? = nil) -> String {
    let ids = GraphIdentifiers(graph)
    var out = "flowchart TD\n  start((\" \"))\n"
    out += body(graph, ids: ids, overlay: overlay, indent: "  ")
    var links: [(String, Bool?, Bool)] = []  // text, taken, catch
    links.append(("  start --> \(ids[graph.startAt])\n", overlay.map { $0.run(of: graph.startAt) != nil }, false))
    collectEdges(graph, ids: ids, overlay: overlay, into: &links)
    var styles = ""
    for (i, link) in links.enumerated() {
      out += link.0
      if link.1 == true { styles += "  linkStyle \(i) stroke:\(link.2 ? "#b7791f" : "#2f855a"),stroke-width:3px\n" }
      else if link.1 == false { styles += "  linkStyle \(i) stroke:#c4c9d0\n" }
    }
    out += styles
    if overlay != nil {
      for outcome in [RunOutcome.succeeded, .failed, .caught, .running, .notRun] {
        let c = GraphText.colors(outcome)
        out += "  classDef \(outcome.rawValue) fill:\(c.fill),stroke:\(c.stroke)\(outcome == .notRun ? ",color:#a0a7b1" : "")\n"
      }
      out += classes(graph, ids: ids, overlay: overlay)
    }
    return out
  }

  private func body(_ graph: StateGraph, ids: GraphIdentifiers, overlay: ExecutionOverlay?, indent: String) -> String {
    var out = ""
    for state in graph.states {
      let id = ids[state.name]
      let label = GraphText.lines(state, overlay).map(escaped).joined(separator: "<br/>")
      if state.children.isEmpty {
        out += state.isTerminal ? "\(indent)\(id)([\"\(label)\"])\n" : "\(indent)\(id)[\"\(label)\"]\n"
        continue
      }
      out += "\(indent)subgraph \(id) [\"\(label)\"]\n\(indent)  direction TB\n"
      if state.children.count == 1 {
        out += body(state.children[0], ids: ids, overlay: overlay, indent: indent + "  ")
      } else {
        for (k, child) in state.children.enumerated() {
          out += "\(indent)  subgraph \(id)_b\(k) [\"branch \(k + 1)\"]\n\(indent)    direction TB\n"
          out += body(child, ids: ids, overlay: overlay, indent: indent + "    ")
          out += "\(indent)  end\n"
        }
      }
      out += "\(indent)end\n"
    }
    return out
  }

  private func collectEdges(_ graph: StateGraph, ids: GraphIdentifiers, overlay: ExecutionOverlay?,
                            into links: inout [(String, Bool?, Bool)]) {
    for e in graph.edges {
      let arrow: String
      let isCatch = e.kind == .catch
      if let label = e.label {
        arrow = isCatch ? " -. \"\(escaped(label))\" .-> " : " -->|\"\(escaped(label))\"| "
      } else {
        arrow = isCatch ? " -.-> " : " --> "
      }
      let taken = overlay.map { $0.took(from: e.from, to: e.to, isCatch: isCatch) }
      links.append(("  \(ids[e.from])\(arrow)\(ids[e.to])\n", taken, isCatch))
    }
    for state in graph.states { for child in state.children { collectEdges(child, ids: ids, overlay: overlay, into: &links) } }
  }

  private func classes(_ graph: StateGraph, ids: GraphIdentifiers, overlay: ExecutionOverlay?) -> String {
    var out = ""
    for state in graph.states {
      if let outcome = GraphText.outcome(state, overlay) { out += "  class \(ids[state.name]) \(outcome.rawValue)\n" }
      for child in state.children { out += classes(child, ids: ids, overlay: overlay) }
    }
    return out
  }

  /// Mermaid's entity codes for characters that end a quoted label or start markup.
  private func escaped(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\"": out += "#quot;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "#": out += "#35;"
      default: out.append(c)
      }
    }
    return out
  }
}
