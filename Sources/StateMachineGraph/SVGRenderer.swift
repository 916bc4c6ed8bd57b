/// Draws a `Diagram` as a self-contained SVG (no scripts, no external fonts or images), one cell of the layout
/// being `cellWidth` × `cellHeight` pixels.
public struct SVGRenderer {
  public var cellWidth = 8.0
  public var cellHeight = 17.0

  /// A renderer with the default cell size.
  public init() {}

  private struct Palette {
    var fill: String
    var stroke: String
    var text: String
  }

  private func palette(_ outcome: RunOutcome?, frame: Bool) -> Palette {
    switch outcome {
    case .succeeded: return Palette(fill: "#e7f5ec", stroke: "#2f855a", text: "#1c4532")
    case .failed: return Palette(fill: "#fdeaea", stroke: "#c53030", text: "#742a2a")
    case .caught: return Palette(fill: "#fff5e0", stroke: "#b7791f", text: "#744210")
    case .running: return Palette(fill: "#e8f1fb", stroke: "#2b6cb0", text: "#1a365d")
    case .notRun: return Palette(fill: "#f7f7f7", stroke: "#c4c9d0", text: "#a0a7b1")
    case nil: return Palette(fill: frame ? "#fafbfc" : "#f1f4f8", stroke: "#4a5568", text: "#1a202c")
    }
  }

  /// The SVG document.
  public func render(_ diagram: Diagram) -> String {
    let w = Double(diagram.width + 2) * cellWidth, h = Double(diagram.height + 2) * cellHeight
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(n(w))" height="\(n(h))" viewBox="0 0 \(n(w)) \(n(h))" \
      font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="13">
      <defs>
      \(marker("arrow-plain", "#4a5568"))
      \(marker("arrow-taken", "#2f855a"))
      \(marker("arrow-catch", "#b7791f"))
      \(marker("arrow-dim", "#b8bec7"))
      </defs>
      <rect width="100%" height="100%" fill="#ffffff"/>
      <g transform="translate(\(n(cellWidth)),\(n(cellHeight)))">

      """
    for box in diagram.boxes { out += boxSVG(box) }
    for s in diagram.separators {
      let x = cx(s.x)
      out += "<line x1=\"\(n(x))\" y1=\"\(n(cy(s.y)))\" x2=\"\(n(x))\" y2=\"\(n(cy(s.y + s.height - 1)))\" stroke=\"#a0aec0\" stroke-dasharray=\"3 4\"/>\n"
    }
    for edge in diagram.edges { out += edgeSVG(edge, diagram) }
    for label in diagram.labels {
      let edge = diagram.edges[label.edge]
      let color = edge.taken == false ? "#b8bec7" : edge.kind == .catch ? "#975a16" : "#2c5282"
      out += "<text x=\"\(n(Double(label.origin.x) * cellWidth))\" y=\"\(n(cy(label.origin.y) + 4.5))\" font-size=\"12\" fill=\"\(color)\">\(escape(label.text))</text>\n"
    }
    return out + "</g>\n</svg>\n"
  }

  private func marker(_ id: String, _ color: String) -> String {
    "<marker id=\"\(id)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
      + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(color)\"/></marker>"
  }

  private func boxSVG(_ box: DiagramBox) -> String {
    let r = box.rect
    let colors = palette(box.outcome, frame: box.kind == .frame)
    if box.kind == .start {
      return "<circle cx=\"\(n(cx(r.x)))\" cy=\"\(n(cy(r.y)))\" r=\"6\" fill=\"\(box.outcome == nil ? "#2d3748" : colors.stroke)\"/>\n"
    }
    let x = cx(r.x), y = cy(r.y), w = Double(r.width - 1) * cellWidth, h = Double(r.height - 1) * cellHeight
    let radius = box.kind == .frame ? 10.0 : 6.0
    var out = "<g>\n<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" rx=\"\(n(radius))\" fill=\"\(colors.fill)\" "
      + "stroke=\"\(colors.stroke)\" stroke-width=\"\(box.terminal ? "1.5" : "1.2")\"\(box.kind == .frame ? " stroke-dasharray=\"6 3\"" : "")/>\n"
    if box.terminal {
      out += "<rect x=\"\(n(x + 3))\" y=\"\(n(y + 3))\" width=\"\(n(w - 6))\" height=\"\(n(h - 6))\" rx=\"\(n(radius - 2))\" fill=\"none\" stroke=\"\(colors.stroke)\" stroke-width=\"1\"/>\n"
    }
    for (i, line) in box.lines.enumerated() {
      let baseline = cy(r.y + 1 + i) + 4.5
      let weight = i == 0 ? " font-weight=\"bold\"" : ""
      let fill = i == 0 ? colors.text : (box.outcome == nil ? "#4a5568" : colors.text)
      if box.kind == .frame {
        out += "<text x=\"\(n(cx(r.x + 2) - cellWidth / 2))\" y=\"\(n(baseline))\" fill=\"\(fill)\"\(weight)>\(escape(line))</text>\n"
      } else {
        out += "<text x=\"\(n(x + w / 2))\" y=\"\(n(baseline))\" text-anchor=\"middle\" fill=\"\(fill)\"\(weight)\(i == 0 ? "" : " font-size=\"12\"")>\(escape(line))</text>\n"
      }
    }
    return out + "</g>\n"
  }

  private func edgeSVG(_ edge: DiagramEdge, _ diagram: Diagram) -> String {
    guard let first = edge.points.first, let last = edge.points.last else { return "" }
    // Lines reach the box borders, which run through the centres of the boxes' outer cells.
    let source = diagram.boxes[edge.from].rect
    let target = diagram.boxes[edge.to].rect
    let startY = first.y >= source.maxY ? cy(first.y) - cellHeight : cy(first.y) + cellHeight
    let fromStart = diagram.boxes[edge.from].kind == .start
    var coords: [(Double, Double)] = [(cx(first.x), fromStart ? cy(first.y) - cellHeight + 6 : startY)]
    coords += edge.points.map { (cx($0.x), cy($0.y)) }
    let endY = last.y < target.y ? cy(last.y) + cellHeight : cy(last.y) - cellHeight
    coords[coords.count - 1] = (cx(last.x), endY)
    let path = coords.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    let (color, markerID): (String, String)
    if edge.taken == true { (color, markerID) = edge.kind == .catch ? ("#b7791f", "arrow-catch") : ("#2f855a", "arrow-taken") }
    else if edge.taken == false { (color, markerID) = ("#b8bec7", "arrow-dim") }
    else if edge.kind == .catch { (color, markerID) = ("#b7791f", "arrow-catch") }
    else { (color, markerID) = ("#4a5568", "arrow-plain") }
    let width = edge.taken == true ? "2.2" : "1.3"
    let dash = edge.kind == .catch ? " stroke-dasharray=\"5 3\"" : ""
    return "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\"\(dash) marker-end=\"url(#\(markerID))\"/>\n"
  }

  private func cx(_ x: Int) -> Double { (Double(x) + 0.5) * cellWidth }
  private func cy(_ y: Int) -> Double { (Double(y) + 0.5) * cellHeight }

  private func n(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }
}

/// Text made safe inside XML.
func escape(_ s: String) -> String {
  var out = ""
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    default: out.append(c)
    }
  }
  return out
}
