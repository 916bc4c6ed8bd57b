/// Writes a `StateGraph` in Graphviz's DOT language: states as boxes (terminal ones with a double border),
/// Parallel and Map states as clusters around their branches, Catch edges dashed.
public struct DOTRenderer {
  /// A writer.
  public init() {}

  /// The DOT text.
  public func render(_ graph: StateGraph, overlay: ExecutionOverlay? = nil) -> String {
    let ids = GraphIdentifiers(graph)
    var out = """
      digraph "state machine" {
        compound=true;
        rankdir=TB;
        node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];
        edge [fontname="Helvetica", fontsize=9];
        start [shape=circle, label="", width=0.18, style=filled, fillcolor="#2d3748"];

      """
    out += body(graph, ids: ids, overlay: overlay, indent: "  ")
    out += "  start -> \(entry(graph.startAt, graph, ids))\(graph.state(graph.startAt).flatMap { lhead($0, ids) } ?? "")"
    out += overlay.map { $0.run(of: graph.startAt) != nil ? " [color=\"#2f855a\", penwidth=2]" : "" } ?? ""
    out += ";\n"
    out += edges(graph, ids: ids, overlay: overlay)
    return out + "}\n"
  }

  private func body(_ graph: StateGraph, ids: GraphIdentifiers, overlay: ExecutionOverlay?, indent: String) -> String {
    var out = ""
    for state in graph.states {
      let id = ids[state.name]
      let colors = GraphText.colors(GraphText.outcome(state, overlay))
      let label = GraphText.lines(state, overlay).map(quoted).joined(separator: "\\n")
      if state.children.isEmpty {
        out += "\(indent)\(id) [label=\"\(label)\", fillcolor=\"\(colors.fill)\", color=\"\(colors.stroke)\"\(state.isTerminal ? ", peripheries=2" : "")];\n"
        continue
      }
      // A cluster cannot be an edge's end: its header node is, and lhead/ltail draw the edge to the cluster's border.
      out += "\(indent)subgraph cluster_\(id) {\n"
      out += "\(indent)  style=\"rounded,dashed\"; color=\"\(colors.stroke)\"; label=\"\";\n"
      out += "\(indent)  \(id) [label=\"\(label)\", shape=plaintext, style=\"\", fillcolor=none];\n"
      for (k, child) in state.children.enumerated() {
        out += "\(indent)  subgraph cluster_\(id)_\(k) {\n"
        out += "\(indent)    style=dotted; color=\"#a0aec0\"; label=\"\";\n"
        out += body(child, ids: ids, overlay: overlay, indent: indent + "    ")
        out += "\(indent)  }\n"
        out += "\(indent)  \(id) -> \(entry(child.startAt, child, ids)) [style=invis];\n"
      }
      out += "\(indent)}\n"
    }
    return out
  }

  private func edges(_ graph: StateGraph, ids: GraphIdentifiers, overlay: ExecutionOverlay?) -> String {
    var out = ""
    for e in graph.edges {
      guard let from = graph.state(e.from), let to = graph.state(e.to) else { continue }
      var attributes: [String] = []
      if let label = e.label { attributes.append("label=\"\(quoted(label))\"") }
      if e.kind == .catch { attributes.append("style=dashed") }
      if !from.children.isEmpty { attributes.append("ltail=cluster_\(ids[from.name])") }
      if !to.children.isEmpty { attributes.append("lhead=cluster_\(ids[to.name])") }
      if let overlay {
        if overlay.took(from: e.from, to: e.to, isCatch: e.kind == .catch) {
          attributes.append("color=\"\(e.kind == .catch ? "#b7791f" : "#2f855a")\", penwidth=2")
        } else {
          attributes.append("color=\"#b8bec7\", fontcolor=\"#b8bec7\"")
        }
      } else if e.kind == .catch {
        attributes.append("color=\"#b7791f\"")
      }
      out += "  \(ids[from.name]) -> \(ids[to.name])" + (attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]") + ";\n"
    }
    for state in graph.states { for child in state.children { out += edges(child, ids: ids, overlay: overlay) } }
    return out
  }

  private func entry(_ name: String, _ graph: StateGraph, _ ids: GraphIdentifiers) -> String { ids[name] }

  private func lhead(_ state: GraphState, _ ids: GraphIdentifiers) -> String? {
    state.children.isEmpty ? nil : " [lhead=cluster_\(ids[state.name])]"
  }

  private func quoted(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default: out.append(c)
      }
    }
    return out
  }
}
