/// How text inside boxes is written.
public struct GraphStyle: Sendable {
  /// Unicode symbols (↻ ✓ ✗ ×) or plain ASCII.
  public var unicode: Bool
  /// Longest line inside a box; longer names are cut with an ellipsis.
  public var maxText: Int

  /// A style.
  public init(unicode: Bool = true, maxText: Int = 32) {
    self.unicode = unicode
    self.maxText = max(6, maxText)
  }

  func cut(_ s: String) -> String {
    s.count <= maxText ? s : String(s.prefix(maxText - 1)) + (unicode ? "…" : "~")
  }

  func ascii(_ s: String) -> String {
    guard !unicode else { return s }
    return s.replacing("×", with: "x").replacing("λ", with: "lambda").replacing("…", with: "~")
      .replacing("→", with: "->")
  }
}

/// Lays out a `StateGraph` (with an execution drawn over it, if given) as a `Diagram`: each Parallel branch and
/// Map processor is laid out on its own and placed inside its state's frame, which the enclosing layout treats as
/// one big box.
public struct DiagramBuilder {
  let style: GraphStyle
  let overlay: ExecutionOverlay?

  /// A builder writing text in `style`, drawing `overlay` when given.
  public init(style: GraphStyle, overlay: ExecutionOverlay? = nil) {
    self.style = style
    self.overlay = overlay
  }

  /// The whole state machine, with a start marker pointing at StartAt.
  public func diagram(_ graph: StateGraph) -> Diagram {
    layout(graph, top: true)
  }

  private func layout(_ graph: StateGraph, top: Bool) -> Diagram {
    var sizes: [LayeredLayout.Node] = []
    var inner: [Diagram?] = []
    var lines: [[String]] = []
    if top { sizes.append(LayeredLayout.Node(width: 1, height: 1)) }
    for state in graph.states {
      let text = boxLines(state)
      lines.append(text)
      let textWidth = text.map(\.count).max() ?? 0
      if state.children.isEmpty {
        inner.append(nil)
        sizes.append(LayeredLayout.Node(width: max(9, textWidth + 4), height: text.count + 2))
      } else {
        let content = branches(state.children)
        inner.append(content)
        sizes.append(LayeredLayout.Node(width: max(content.width + 4, textWidth + 4, 9), height: content.height + text.count + 3))
      }
    }
    let base = top ? 1 : 0
    let index = Dictionary(graph.states.enumerated().map { ($0.element.name, $0.offset + base) }, uniquingKeysWith: { a, _ in a })
    var edges: [LayeredLayout.Edge] = []
    var graphEdges: [GraphEdge?] = []
    if top, let s = index[graph.startAt] {
      edges.append(LayeredLayout.Edge(from: 0, to: s, label: nil, isCatch: false))
      graphEdges.append(nil)
    }
    for e in graph.edges {
      guard let a = index[e.from], let b = index[e.to] else { continue }
      edges.append(LayeredLayout.Edge(from: a, to: b, label: e.label.map { style.ascii($0) }, isCatch: e.kind == .catch))
      graphEdges.append(e)
    }
    let main = (top ? [0] : []) + graph.mainPath.compactMap { index[$0] }
    let placed = LayeredLayout.run(nodes: sizes, edges: edges, start: top ? 0 : index[graph.startAt], mainPath: main)

    var diagram = Diagram(width: placed.width, height: placed.height, boxes: [], edges: [], labels: [], separators: [],
                          hasRun: overlay != nil)
    if top {
      diagram.boxes.append(DiagramBox(kind: .start, name: "", type: "", rect: Rect(x: placed.positions[0].x, y: placed.positions[0].y, width: 1, height: 1),
                                      lines: [], terminal: false, parent: nil, outcome: overlay.map { _ in .succeeded }))
    }
    for (i, state) in graph.states.enumerated() {
      let p = placed.positions[i + base]
      let size = sizes[i + base]
      diagram.boxes.append(DiagramBox(kind: inner[i] == nil ? .state : .frame, name: state.name, type: state.type,
                                      rect: Rect(x: p.x, y: p.y, width: size.width, height: size.height),
                                      lines: lines[i], terminal: state.isTerminal, parent: nil, outcome: outcome(state)))
    }
    for (i, e) in edges.enumerated() where !placed.edgePoints[i].isEmpty {
      let g = graphEdges[i]
      let taken: Bool? = overlay.map { run in
        guard let g else { return run.run(of: graph.startAt) != nil }
        return run.took(from: g.from, to: g.to, isCatch: g.kind == .catch)
      }
      diagram.edges.append(DiagramEdge(from: e.from, to: e.to, kind: g?.kind ?? .next, points: placed.edgePoints[i],
                                       label: e.label, backward: placed.backward[i], taken: taken))
      if let label = e.label, let origin = placed.labelOrigins[i] {
        diagram.labels.append(DiagramLabel(text: label, origin: origin, edge: diagram.edges.count - 1))
      }
    }
    for (i, content) in inner.enumerated() {
      guard var content else { continue }
      let frame = diagram.boxes[i + base].rect
      let header = lines[i].count
      content.translate(frame.x + (frame.width - content.width) / 2, frame.y + header + 2)
      diagram.absorb(content, parent: i + base)
    }
    return diagram
  }

  /// A Parallel's branches side by side (a dashed line between them), or a Map's processor.
  private func branches(_ graphs: [StateGraph]) -> Diagram {
    var combined = Diagram(width: 0, height: 0, boxes: [], edges: [], labels: [], separators: [], hasRun: overlay != nil)
    let parts = graphs.map { layout($0, top: false) }
    var x = 0
    for (k, var part) in parts.enumerated() {
      if k > 0 {
        combined.separators.append(Separator(x: x + 2, y: 0, height: parts.map(\.height).max() ?? 0))
        x += 5
      }
      part.translate(x, 0)
      combined.absorb(part, parent: nil)
      x += part.width
    }
    combined.width = x
    combined.height = parts.map(\.height).max() ?? 0
    return combined
  }

  /// The text inside a state's box (a frame's header): name, type and detail, Retry, what the execution did.
  func boxLines(_ state: GraphState) -> [String] {
    var typeLine = state.type
    if let d = state.detail { typeLine += " · " + d }
    if state.type == "Parallel" { typeLine += " · \(state.children.count) branch" + (state.children.count == 1 ? "" : "es") }
    var out = [state.name, style.unicode ? typeLine : typeLine.replacing(" · ", with: " - ")]
    if let retry = state.retry { out.append((style.unicode ? "↻ " : "retry ") + retry) }
    if let overlay, let run = overlay.run(of: state.name) { out += runLines(state, run) }
    return out.map { style.cut(style.ascii($0)) }
  }

  /// What the execution did in the state: outcome, time, repeats, retries, Map items or failed branches; a failure's
  /// error on a line of its own.
  private func runLines(_ state: GraphState, _ run: ExecutionOverlay.StateRun) -> [String] {
    let u = style.unicode
    var parts: [String] = []
    let time = DurationText.seconds(run.seconds)
    switch run.outcome {
    case .succeeded: parts.append((u ? "✓ " : "ok ") + time)
    case .failed: parts.append((u ? "✗ " : "") + "failed " + time)
    case .caught: parts.append((u ? "✗ " : "") + "caught " + time)
    case .running: parts.append("running " + time)
    case .notRun: break
    }
    if state.type == "Map" {
      let n = max(run.iterations, overlay?.run(of: state.children.first?.startAt ?? "")?.entries ?? 0)
      parts.append("\(n) item" + (n == 1 ? "" : "s") + (run.failedIterations > 0 ? ", \(run.failedIterations) failed" : ""))
    } else if state.type == "Parallel" {
      let failed = state.children.filter { branch in
        branch.states.contains { overlay?.run(of: $0.name)?.outcome == .failed }
      }.count
      if failed > 0 { parts.append("\(failed)/\(state.children.count) failed") }
    } else if run.entries > 1 {
      parts.append("×\(run.entries)")
    }
    if run.retries > 0 { parts.append("\(run.retries) retr" + (run.retries == 1 ? "y" : "ies")) }
    var lines = [parts.joined(separator: u ? " · " : ", ")]
    if run.outcome == .failed || run.outcome == .caught, let error = Self.error(state, run, overlay) { lines.append(error) }
    return lines
  }

  /// The error a state failed with: from its failure event, else a Fail state's own Error, else (ErrorPath) the
  /// execution's error.
  static func error(_ state: GraphState, _ run: ExecutionOverlay.StateRun, _ overlay: ExecutionOverlay?) -> String? {
    if let e = run.error { return e }
    guard state.type == "Fail" else { return nil }
    if let d = state.detail, !d.hasPrefix("$") { return d }
    return overlay?.error
  }

  private func outcome(_ state: GraphState) -> RunOutcome? {
    guard let overlay else { return nil }
    return overlay.run(of: state.name)?.outcome ?? .notRun
  }
}
