/// Draws a `Diagram` with box-drawing characters (or ASCII), one cell per character, optionally in colour.
public struct TextRenderer {
  /// Unicode box drawing; false draws with `+ - | v ^`.
  public var unicode: Bool
  /// ANSI colours (only for a terminal).
  public var color: Bool

  /// A renderer.
  public init(unicode: Bool, color: Bool) {
    self.unicode = unicode
    self.color = color
  }

  private enum Ink: Equatable {
    case plain, bold, dim, red, green, yellow, blue, cyan, boldRed, boldGreen
    var code: String? {
      switch self {
      case .plain: return nil
      case .bold: return "1"
      case .dim: return "2"
      case .red: return "31"
      case .green: return "32"
      case .yellow: return "33"
      case .blue: return "34"
      case .cyan: return "36"
      case .boldRed: return "1;31"
      case .boldGreen: return "1;32"
      }
    }
  }

  private struct Canvas {
    var chars: [[Character]]
    var inks: [[Ink]]
    init(width: Int, height: Int) {
      chars = Array(repeating: Array(repeating: " ", count: width), count: height)
      inks = Array(repeating: Array(repeating: .plain, count: width), count: height)
    }
    mutating func put(_ c: Character, _ x: Int, _ y: Int, _ ink: Ink = .plain) {
      guard y >= 0, y < chars.count, x >= 0, x < chars[y].count else { return }
      chars[y][x] = c
      inks[y][x] = ink
    }
    mutating func write(_ s: String, _ x: Int, _ y: Int, _ ink: Ink = .plain) {
      for (i, c) in s.enumerated() { put(c, x + i, y, ink) }
    }
  }

  // Directions a line leaves a cell by.
  private static let up = 1, down = 2, left = 4, right = 8

  /// The picture, one line per row, trailing spaces trimmed.
  public func render(_ diagram: Diagram) -> String {
    var canvas = Canvas(width: diagram.width, height: diagram.height)
    for box in diagram.boxes { drawBox(box, diagram.hasRun, &canvas) }
    for s in diagram.separators {
      for y in s.y..<(s.y + s.height) { canvas.put(unicode ? "┆" : ":", s.x, y, .dim) }
    }
    drawEdges(diagram, &canvas)
    for label in diagram.labels {
      let edge = diagram.edges[label.edge]
      var ink: Ink = edge.kind == .catch ? .yellow : .cyan
      if edge.taken == false { ink = .dim }
      canvas.write(label.text, label.origin.x, label.origin.y, ink)
    }
    return output(canvas)
  }

  private func inkFor(_ outcome: RunOutcome?) -> Ink {
    switch outcome {
    case .succeeded: return .green
    case .failed: return .red
    case .caught: return .yellow
    case .running: return .blue
    case .notRun: return .dim
    case nil: return .plain
    }
  }

  private func drawBox(_ box: DiagramBox, _ hasRun: Bool, _ canvas: inout Canvas) {
    let r = box.rect
    let ink = inkFor(box.outcome)
    if box.kind == .start {
      canvas.put(unicode ? "●" : "*", r.x, r.y, ink == .plain ? .bold : ink)
      return
    }
    let (h, v, tl, tr, bl, br): (Character, Character, Character, Character, Character, Character)
    if unicode {
      if box.terminal { (h, v, tl, tr, bl, br) = ("═", "║", "╔", "╗", "╚", "╝") }
      else if box.kind == .frame { (h, v, tl, tr, bl, br) = ("─", "│", "╭", "╮", "╰", "╯") }
      else { (h, v, tl, tr, bl, br) = ("─", "│", "┌", "┐", "└", "┘") }
    } else {
      (h, v, tl, tr, bl, br) = box.terminal ? ("=", "#", "#", "#", "#", "#") : ("-", "|", "+", "+", "+", "+")
    }
    // States the execution never reached get a dotted outline, so they read as dimmed without colour too.
    let (dh, dv): (Character, Character) = box.outcome == .notRun ? (unicode ? ("┄", "┆") : (".", ":")) : (h, v)
    for x in (r.x + 1)..<(r.maxX - 1) {
      canvas.put(dh, x, r.y, ink)
      canvas.put(dh, x, r.maxY - 1, ink)
    }
    for y in (r.y + 1)..<(r.maxY - 1) {
      canvas.put(dv, r.x, y, ink)
      canvas.put(dv, r.maxX - 1, y, ink)
    }
    canvas.put(tl, r.x, r.y, ink)
    canvas.put(tr, r.maxX - 1, r.y, ink)
    canvas.put(bl, r.x, r.maxY - 1, ink)
    canvas.put(br, r.maxX - 1, r.maxY - 1, ink)
    for (i, line) in box.lines.enumerated() {
      let x = box.kind == .frame ? r.x + 2 : r.x + (r.width - line.count) / 2
      var textInk: Ink = i == 0 ? .bold : (ink == .plain ? .dim : ink)
      if i == 0, box.outcome == .failed { textInk = .boldRed }
      if i == 0, box.outcome == .notRun { textInk = .dim }
      canvas.write(line, x, r.y + 1 + i, textInk)
    }
  }

  private func drawEdges(_ diagram: Diagram, _ canvas: inout Canvas) {
    // Every edge's direction bits per cell, kept apart so crossings can be told from junctions.
    var masks: [Point: [(edge: Int, mask: Int)]] = [:]
    var arrows: [Point: (Character, Int)] = [:]
    for (index, edge) in diagram.edges.enumerated() {
      let cells = edge.cells
      guard let first = cells.first, let last = cells.last else { continue }
      var local: [Point: Int] = [:]
      for (a, b) in zip(cells, cells.dropFirst()) {
        local[a, default: 0] |= Self.direction(a, b)
        local[b, default: 0] |= Self.direction(b, a)
      }
      let source = diagram.boxes[edge.from].rect
      local[first, default: 0] |= first.y >= source.maxY ? Self.up : Self.down
      if cells.count == 1 { local[first, default: 0] |= first.y >= source.maxY ? Self.down : Self.up }
      for (p, m) in local { masks[p, default: []].append((index, m)) }
      let before = cells.count > 1 ? cells[cells.count - 2] : Point(first.x, first.y - (first.y >= source.maxY ? 1 : -1))
      let arrow: Character = last.y > before.y ? (unicode ? "▼" : "v") : (unicode ? "▲" : "^")
      arrows[last] = (arrow, index)
      // The source's border shows where the line leaves.
      let borderY = first.y >= source.maxY ? source.maxY - 1 : source.y
      if diagram.boxes[edge.from].kind != .start, canvas.chars.indices.contains(borderY) {
        let box = diagram.boxes[edge.from]
        let down = first.y >= source.maxY
        let tee: Character = !unicode ? "+" : box.terminal ? (down ? "╤" : "╧")
          : edge.taken == true ? (down ? "┰" : "┸") : (down ? "┬" : "┴")
        canvas.put(tee, first.x, borderY, canvas.inks[borderY][first.x])
      }
    }
    for (p, entries) in masks {
      let union = entries.reduce(0) { $0 | $1.mask }
      var mask = union
      let horizontal = Self.left | Self.right, vertical = Self.up | Self.down
      if union == horizontal | vertical,
        entries.allSatisfy({ $0.mask == horizontal || $0.mask & horizontal == 0 }),
        entries.contains(where: { $0.mask == horizontal }) {
        mask = vertical  // a crossing, not a junction: the vertical line hops over
      }
      let dashed = entries.allSatisfy { diagram.edges[$0.edge].kind == .catch }
      let heavy = entries.contains { diagram.edges[$0.edge].taken == true }
      canvas.put(lineChar(mask, dashed: dashed, heavy: heavy), p.x, p.y, ink(for: entries.map { diagram.edges[$0.edge] }))
    }
    for (p, arrow) in arrows { canvas.put(arrow.0, p.x, p.y, ink(for: [diagram.edges[arrow.1]])) }
  }

  private func ink(for edges: [DiagramEdge]) -> Ink {
    if edges.contains(where: { $0.taken == true }) {
      return edges.contains { $0.taken == true && $0.kind == .catch } ? .yellow : .green
    }
    if edges.contains(where: { $0.taken == false }) { return .dim }
    return edges.allSatisfy { $0.kind == .catch } ? .yellow : .plain
  }

  private static func direction(_ from: Point, _ to: Point) -> Int {
    if to.y < from.y { return up }
    if to.y > from.y { return down }
    return to.x < from.x ? left : right
  }

  /// The box-drawing character for the directions in `mask`; the path an execution took is drawn heavy.
  private func lineChar(_ mask: Int, dashed: Bool, heavy: Bool) -> Character {
    let u = mask & Self.up != 0, d = mask & Self.down != 0, l = mask & Self.left != 0, r = mask & Self.right != 0
    if !unicode {
      if (u || d) && !(l || r) { return dashed ? ":" : heavy ? "H" : "|" }
      if (l || r) && !(u || d) { return dashed ? "." : heavy ? "=" : "-" }
      return "+"
    }
    if heavy {
      switch (u, d, l, r) {
      case (_, _, false, false): return dashed ? "┇" : "┃"
      case (false, false, _, _): return dashed ? "┅" : "━"
      case (false, true, false, true): return "┏"
      case (false, true, true, false): return "┓"
      case (true, false, false, true): return "┗"
      case (true, false, true, false): return "┛"
      case (true, true, false, true): return "┣"
      case (true, true, true, false): return "┫"
      case (false, true, true, true): return "┳"
      case (true, false, true, true): return "┻"
      default: return "╋"
      }
    }
    switch (u, d, l, r) {
    case (_, _, false, false): return dashed ? "┆" : "│"
    case (false, false, _, _): return dashed ? "┄" : "─"
    case (false, true, false, true): return "┌"
    case (false, true, true, false): return "┐"
    case (true, false, false, true): return "└"
    case (true, false, true, false): return "┘"
    case (true, true, false, true): return "├"
    case (true, true, true, false): return "┤"
    case (false, true, true, true): return "┬"
    case (true, false, true, true): return "┴"
    default: return "┼"
    }
  }

  private func output(_ canvas: Canvas) -> String {
    var out = ""
    for (row, inks) in zip(canvas.chars, canvas.inks) {
      var end = row.count
      while end > 0, row[end - 1] == " " { end -= 1 }
      var current = Ink.plain
      for i in 0..<end {
        let ink = color ? inks[i] : .plain
        if ink != current {
          if current != .plain { out += "\u{1B}[0m" }
          if let code = ink.code { out += "\u{1B}[\(code)m" }
          current = ink
        }
        out.append(row[i])
      }
      if current != .plain { out += "\u{1B}[0m" }
      out += "\n"
    }
    return out
  }
}
