/// A cell position: x counts columns to the right, y rows down.
public struct Point: Sendable, Hashable {
  public var x: Int
  public var y: Int
  /// A point.
  public init(_ x: Int, _ y: Int) {
    self.x = x
    self.y = y
  }
}

/// A rectangle of cells (the cells `x ..< x + width`, `y ..< y + height`).
public struct Rect: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  /// A rectangle.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
  /// One past the last column.
  public var maxX: Int { x + width }
  /// One past the last row.
  public var maxY: Int { y + height }
  /// True when the cell `p` is inside.
  public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }
  /// True when the two share a cell.
  public func intersects(_ o: Rect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
  /// True when `o` lies wholly inside.
  public func encloses(_ o: Rect) -> Bool { o.x >= x && o.maxX <= maxX && o.y >= y && o.maxY <= maxY }
  func offset(_ dx: Int, _ dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width, height: height) }
}

/// A laid-out state machine: boxes, edges and labels on a grid of character cells. Every renderer draws this
/// one layout (text one cell per character, SVG scaled), so all formats show the same picture.
public struct Diagram: Sendable {
  /// Columns used.
  public var width: Int
  /// Rows used.
  public var height: Int
  /// States, frames (Parallel, Map) and the start marker; a frame comes before the boxes inside it.
  public var boxes: [DiagramBox]
  /// Transitions as orthogonal polylines from the source box to the target box.
  public var edges: [DiagramEdge]
  /// Edge labels (Choice rules, caught errors), each beside its edge.
  public var labels: [DiagramLabel]
  /// Dashed lines between the branches of a Parallel.
  public var separators: [Separator]
  /// True when an execution is drawn over the graph.
  public var hasRun: Bool

  mutating func translate(_ dx: Int, _ dy: Int) {
    for i in boxes.indices { boxes[i].rect = boxes[i].rect.offset(dx, dy) }
    for i in edges.indices { edges[i].points = edges[i].points.map { Point($0.x + dx, $0.y + dy) } }
    for i in labels.indices { labels[i].origin = Point(labels[i].origin.x + dx, labels[i].origin.y + dy) }
    for i in separators.indices { separators[i].x += dx; separators[i].y += dy }
  }

  /// Adds `other` (already placed) inside frame `parent` (nil: at the same level).
  mutating func absorb(_ other: Diagram, parent: Int?) {
    let base = boxes.count
    for var box in other.boxes {
      box.parent = box.parent.map { $0 + base } ?? parent
      boxes.append(box)
    }
    for var edge in other.edges {
      edge.from += base
      edge.to += base
      edges.append(edge)
    }
    labels += other.labels.map { var l = $0; l.edge += edges.count - other.edges.count; return l }
    separators += other.separators
  }

  /// The frames that contain box `index`, innermost first.
  public func ancestors(of index: Int) -> [Int] {
    var out: [Int] = []
    var current = boxes[index].parent
    while let p = current {
      out.append(p)
      current = boxes[p].parent
    }
    return out
  }
}

/// A dashed vertical line between two Parallel branches.
public struct Separator: Sendable {
  public var x: Int
  public var y: Int
  public var height: Int
}

/// How a state fared in the execution drawn.
public enum RunOutcome: String, Sendable {
  /// Entered and left normally.
  case succeeded
  /// Where the execution (or branch) failed.
  case failed
  /// Failed, and a Catch took over.
  case caught
  /// Entered and not yet left.
  case running
  /// Never entered.
  case notRun
}

/// A box: a state, a Parallel or Map frame with its sub-graphs inside, or the start marker.
public struct DiagramBox: Sendable {
  /// What the box stands for.
  public enum Kind: Sendable {
    /// A state drawn as a box with its text.
    case state
    /// A Parallel or Map state drawn around its branches or processor.
    case frame
    /// The dot that points at StartAt.
    case start
  }

  public var kind: Kind
  /// The state's name (empty for the start marker).
  public var name: String
  /// The state's type.
  public var type: String
  /// Where it is.
  public var rect: Rect
  /// The text inside (a frame: its header line), already cut to fit.
  public var lines: [String]
  /// Succeed, Fail or End: drawn with a double border.
  public var terminal: Bool
  /// The enclosing frame.
  public var parent: Int?
  /// How the state fared, when an execution is drawn.
  public var outcome: RunOutcome?
}

/// A transition drawn as an orthogonal polyline; the arrow is at the last point.
public struct DiagramEdge: Sendable {
  public var from: Int
  public var to: Int
  public var kind: GraphEdge.Kind
  /// Corner points, from just outside the source box to just outside the target box.
  public var points: [Point]
  /// The label text, also placed in `Diagram.labels`.
  public var label: String?
  /// Goes back up (a loop).
  public var backward: Bool
  /// Whether the execution drawn took this transition; nil without an execution.
  public var taken: Bool?

  /// Every cell the polyline passes through, in order.
  public var cells: [Point] {
    guard var current = points.first else { return [] }
    var out = [current]
    for p in points.dropFirst() {
      while current != p {
        current = Point(current.x + (p.x > current.x ? 1 : p.x < current.x ? -1 : 0),
                        current.y + (p.y > current.y ? 1 : p.y < current.y ? -1 : 0))
        out.append(current)
      }
    }
    return out
  }
}

/// An edge's label: text starting at `origin`, on one row.
public struct DiagramLabel: Sendable {
  public var text: String
  public var origin: Point
  /// The edge it belongs to.
  public var edge: Int
  /// The cells it covers.
  public var rect: Rect { Rect(x: origin.x, y: origin.y, width: text.count, height: 1) }
}
