/// A layered (Sugiyama) layout on a grid of character cells: ranks from the start (loops' back edges reversed),
/// crossings reduced by barycentre sweeps, x coordinates by the priority method with the main path in one
/// column, and edges routed orthogonally through the channels between ranks, one track per bundle.
struct LayeredLayout {
  /// A box to place.
  struct Node {
    var width: Int
    var height: Int
  }

  /// A transition between two boxes; a label becomes a node of its own one rank below the source.
  struct Edge {
    var from: Int
    var to: Int
    var label: String?
    var isCatch: Bool
  }

  /// Where placed.
  struct Result {
    var positions: [Point]
    /// One polyline per edge, from the source to the target (empty for a state's transition to itself).
    var edgePoints: [[Point]]
    var labelOrigins: [Point?]
    var backward: [Bool]
    var width: Int
    var height: Int
  }

  /// Which side and slot of a box an edge uses: forward edges leave the bottom centre (Catch edges two cells to
  /// the right) and enter the top centre; a loop leaves the top two cells right of centre and comes back into the
  /// bottom two cells left of centre, so an arrow never shares a port with a line going the other way.
  enum Role { case out, catchOut, into, backIn, backOut }

  static func portOffset(width: Int, role: Role) -> Int {
    let c = (width - 1) / 2
    guard width >= 7 else { return c }
    switch role {
    case .out, .into: return c
    case .catchOut, .backOut: return c + 2
    case .backIn: return c - 2
    }
  }

  private struct LNode {
    var width: Int
    var height: Int
    var rank = 0
    var x = 0
    var main = false
    var isReal: Bool
    var isVirtual: Bool { !isReal }
  }

  private struct Segment {
    var upper: Int
    var lower: Int
    var upperPort: Int
    var lowerPort: Int
  }

  let gap = 2
  private var nodes: [LNode] = []
  private var segments: [Segment] = []
  private var chains: [[Int]] = []  // per input edge: segment indices, upper to lower
  private var ranks: [[Int]] = []

  /// Lays out `nodes` and `edges`; `start` is where ranking begins and `mainPath` the nodes kept in one column.
  static func run(nodes input: [Node], edges: [Edge], start: Int?, mainPath: [Int]) -> Result {
    var layout = LayeredLayout()
    return layout.place(input, edges, start, mainPath)
  }

  private mutating func place(_ input: [Node], _ edges: [Edge], _ start: Int?, _ mainPath: [Int]) -> Result {
    let reversed = Self.backEdges(count: input.count, edges: edges, start: start)
    nodes = input.map { LNode(width: $0.width, height: $0.height, isReal: true) }
    assignRanks(edges, reversed)
    buildChains(edges, reversed)
    markMain(mainPath, edges, reversed)
    order(start: start)
    assignX()
    let (rankTop, rows) = routeChannels()
    return result(edges, reversed, rankTop, rows)
  }

  // MARK: ranks

  /// Edges that close a loop, found by a depth-first walk from the start (then from any state not reached).
  static func backEdges(count: Int, edges: [Edge], start: Int?) -> [Bool] {
    var out = [[Int]](repeating: [], count: count)
    for (i, e) in edges.enumerated() where e.from != e.to { out[e.from].append(i) }
    var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on the stack, 2 done
    var back = [Bool](repeating: false, count: edges.count)
    func visit(_ n: Int) {
      state[n] = 1
      for e in out[n] {
        let t = edges[e].to
        if state[t] == 1 { back[e] = true } else if state[t] == 0 { visit(t) }
      }
      state[n] = 2
    }
    if let start { visit(start) }
    for n in 0..<count where state[n] == 0 { visit(n) }
    return back
  }

  private mutating func assignRanks(_ edges: [Edge], _ reversed: [Bool]) {
    var incoming = [Int](repeating: 0, count: nodes.count)
    var out = [[(Int, Int)]](repeating: [], count: nodes.count)
    for (i, e) in edges.enumerated() where e.from != e.to {
      let (u, v) = reversed[i] ? (e.to, e.from) : (e.from, e.to)
      out[u].append((v, e.label == nil ? 1 : 2))
      incoming[v] += 1
    }
    var queue = (0..<nodes.count).filter { incoming[$0] == 0 }
    var head = 0
    while head < queue.count {
      let u = queue[head]
      head += 1
      for (v, span) in out[u] {
        nodes[v].rank = max(nodes[v].rank, nodes[u].rank + span)
        incoming[v] -= 1
        if incoming[v] == 0 { queue.append(v) }
      }
    }
  }

  private mutating func buildChains(_ edges: [Edge], _ reversed: [Bool]) {
    for (i, e) in edges.enumerated() {
      guard e.from != e.to else {
        chains.append([])
        continue
      }
      let back = reversed[i]
      let (u, v) = back ? (e.to, e.from) : (e.from, e.to)
      var path = [u]
      var rank = nodes[u].rank + 1
      if let label = e.label, rank < nodes[v].rank {
        nodes.append(LNode(width: label.count + 2, height: 1, rank: rank, isReal: false))
        path.append(nodes.count - 1)
        rank += 1
      }
      while rank < nodes[v].rank {
        nodes.append(LNode(width: 1, height: 1, rank: rank, isReal: false))
        path.append(nodes.count - 1)
        rank += 1
      }
      path.append(v)
      let upRole: Role = back ? .backIn : (e.isCatch ? .catchOut : .out)
      let downRole: Role = back ? .backOut : .into
      var chain: [Int] = []
      for k in 0..<(path.count - 1) {
        let a = path[k], b = path[k + 1]
        let up = k == 0 ? Self.portOffset(width: nodes[a].width, role: upRole) : 0
        let down = k == path.count - 2 ? Self.portOffset(width: nodes[b].width, role: downRole) : 0
        segments.append(Segment(upper: a, lower: b, upperPort: up, lowerPort: down))
        chain.append(segments.count - 1)
      }
      chains.append(chain)
    }
  }

  private mutating func markMain(_ mainPath: [Int], _ edges: [Edge], _ reversed: [Bool]) {
    for n in mainPath { nodes[n].main = true }
    for (a, b) in zip(mainPath, mainPath.dropFirst()) {
      guard let i = edges.indices.first(where: { edges[$0].from == a && edges[$0].to == b && !reversed[$0] && !edges[$0].isCatch })
      else { continue }
      for s in chains[i] { nodes[segments[s].lower].main = true }
    }
  }

  // MARK: order within ranks

  private mutating func order(start: Int?) {
    let maxRank = nodes.map(\.rank).max() ?? 0
    ranks = Array(repeating: [], count: maxRank + 1)
    var down = [[Int]](repeating: [], count: nodes.count)
    var up = [[Int]](repeating: [], count: nodes.count)
    for s in segments {
      down[s.upper].append(s.lower)
      up[s.lower].append(s.upper)
    }
    var seen = [Bool](repeating: false, count: nodes.count)
    func visit(_ n: Int) {
      seen[n] = true
      ranks[nodes[n].rank].append(n)
      for m in down[n] where !seen[m] { visit(m) }
    }
    if let start { visit(start) }
    for n in 0..<nodes.count where !seen[n] { visit(n) }

    var pos = [Int](repeating: 0, count: nodes.count)
    func index() { for r in ranks { for (i, n) in r.enumerated() { pos[n] = i } } }
    index()
    var best = ranks
    var bestCrossings = crossings(pos)
    for iteration in 0..<16 where bestCrossings > 0 {
      let downward = iteration % 2 == 0
      let sequence = downward ? Array(stride(from: 1, through: maxRank, by: 1)) : Array(stride(from: maxRank - 1, through: 0, by: -1))
      for r in sequence {
        let keyed = ranks[r].map { n -> (Int, Double) in
          let neighbours = downward ? up[n] : down[n]
          guard !neighbours.isEmpty else { return (n, Double(pos[n])) }
          return (n, Double(neighbours.map { pos[$0] }.reduce(0, +)) / Double(neighbours.count))
        }
        ranks[r] = keyed.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
        for (i, n) in ranks[r].enumerated() { pos[n] = i }
      }
      let c = crossings(pos)
      if c < bestCrossings {
        bestCrossings = c
        best = ranks
      }
    }
    ranks = best
  }

  private func crossings(_ pos: [Int]) -> Int {
    var byRank: [Int: [(Int, Int)]] = [:]
    for s in segments { byRank[nodes[s.upper].rank, default: []].append((pos[s.upper], pos[s.lower])) }
    var count = 0
    for list in byRank.values {
      for i in 0..<list.count {
        for j in (i + 1)..<max(list.count, i + 1) {
          let (a, b) = (list[i], list[j])
          if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) { count += 1 }
        }
      }
    }
    return count
  }

  // MARK: x coordinates

  private mutating func assignX() {
    for r in ranks {
      var x = 0
      for n in r {
        nodes[n].x = x
        x += nodes[n].width + gap
      }
    }
    var upSegs = [[Int]](repeating: [], count: nodes.count)
    var downSegs = [[Int]](repeating: [], count: nodes.count)
    for (i, s) in segments.enumerated() {
      downSegs[s.upper].append(i)
      upSegs[s.lower].append(i)
    }
    let last = ranks.count - 1
    for pass in 0..<5 {
      let downward = pass % 2 == 0
      let sequence = downward ? Array(stride(from: 1, through: last, by: 1)) : Array(stride(from: last - 1, through: 0, by: -1))
      for r in sequence { placeRank(r, segs: downward ? upSegs : downSegs, fromAbove: downward) }
    }
    let minX = nodes.map(\.x).min() ?? 0
    for i in nodes.indices { nodes[i].x -= minX }
  }

  /// Moves the nodes of rank `r` towards their neighbours on the other side of `segs`, most important first,
  /// never past a node already placed.
  private mutating func placeRank(_ r: Int, segs: [[Int]], fromAbove: Bool) {
    let row = ranks[r]
    func desired(_ n: Int) -> Int? {
      var list = segs[n]
      if nodes[n].main {
        let mainOnly = list.filter { nodes[other(segments[$0], fromAbove)].main }
        if !mainOnly.isEmpty { list = mainOnly }
      }
      guard !list.isEmpty else { return nil }
      let sum = list.reduce(0) { acc, i in
        let s = segments[i]
        return acc + (fromAbove ? nodes[s.upper].x + s.upperPort - s.lowerPort : nodes[s.lower].x + s.lowerPort - s.upperPort)
      }
      return Int((Double(sum) / Double(list.count)).rounded(.down))
    }
    func priority(_ n: Int) -> Int {
      if nodes[n].main { return 1 << 40 }
      return nodes[n].isVirtual ? 1 << 20 + segs[n].count : segs[n].count
    }
    let processing = row.indices.sorted { (priority(row[$0]), -$0) > (priority(row[$1]), -$1) }
    var fixed = [Bool](repeating: false, count: row.count)
    for i in processing {
      defer { fixed[i] = true }
      guard let target = desired(row[i]) else { continue }
      let current = nodes[row[i]].x
      if target > current {
        var limit = Int.max
        var needed = nodes[row[i]].width + gap
        for j in (i + 1)..<max(row.count, i + 1) {
          if fixed[j] { limit = nodes[row[j]].x - needed; break }
          needed += nodes[row[j]].width + gap
        }
        nodes[row[i]].x = max(current, min(target, limit))
        for j in (i + 1)..<max(row.count, i + 1) {
          nodes[row[j]].x = max(nodes[row[j]].x, nodes[row[j - 1]].x + nodes[row[j - 1]].width + gap)
        }
      } else if target < current {
        var limit = Int.min
        var needed = 0
        for j in stride(from: i - 1, through: 0, by: -1) {
          needed += nodes[row[j]].width + gap
          if fixed[j] { limit = nodes[row[j]].x + needed; break }
        }
        nodes[row[i]].x = min(current, max(target, limit))
        for j in stride(from: i - 1, through: 0, by: -1) {
          nodes[row[j]].x = min(nodes[row[j]].x, nodes[row[j + 1]].x - gap - nodes[row[j]].width)
        }
      }
    }
  }

  private func other(_ s: Segment, _ fromAbove: Bool) -> Int { fromAbove ? s.upper : s.lower }

  // MARK: channels

  /// The top row of each rank, and each segment's track row (nil: straight down).
  private func routeChannels() -> ([Int], [Int?]) {
    var rows = [Int?](repeating: nil, count: segments.count)
    var rankTop = [Int](repeating: 0, count: ranks.count)
    var y = 0
    for r in ranks.indices {
      rankTop[r] = y
      let bandHeight = ranks[r].map { nodes[$0].height }.max() ?? 1
      let tracks = assignTracks(rank: r, into: &rows)
      y += bandHeight + tracks + 2
    }
    return (rankTop, rows)
  }

  /// Gives every bundle of bent segments leaving rank `r` (one bundle per source port) a track row so that no
  /// two tracks share a row where they overlap and no vertical line of one bundle runs along another's.
  private func assignTracks(rank r: Int, into rows: inout [Int?]) -> Int {
    struct Bundle {
      var source: Int
      var segs: [Int] = []
      var targets: [Int] = []
      var bent: [Int] { targets.filter { $0 != source } }
      var lo: Int { min(source, bent.min() ?? source) }
      var hi: Int { max(source, bent.max() ?? source) }
    }
    var bundles: [Bundle] = []
    var index: [String: Int] = [:]
    for (i, s) in segments.enumerated() where nodes[s.upper].rank == r {
      let sx = nodes[s.upper].x + s.upperPort
      let key = "\(s.upper):\(sx)"
      if index[key] == nil {
        index[key] = bundles.count
        bundles.append(Bundle(source: sx))
      }
      bundles[index[key]!].segs.append(i)
      bundles[index[key]!].targets.append(nodes[s.lower].x + s.lowerPort)
    }
    let bent = bundles.indices.filter { !bundles[$0].bent.isEmpty }.sorted { bundles[$0].source < bundles[$1].source }
    guard !bent.isEmpty else { return 0 }
    // A's vertical comes down at A.source to A's track; B's goes down from B's track at the same x: A goes above B.
    var before: [Int: [Int]] = [:]
    var pending: [Int: Int] = [:]
    for a in bent where !bundles[a].targets.contains(bundles[a].source) {
      for b in bent where b != a && bundles[b].bent.contains(bundles[a].source) {
        before[a, default: []].append(b)
        pending[b, default: 0] += 1
      }
    }
    var remaining = bent
    var row: [Int: Int] = [:]
    // Tracks overlapping on one row are fine when both only lead into the same port: the lines merge into it.
    var occupied: [[(lo: Int, hi: Int, join: Int?)]] = []
    func join(_ b: Int) -> Int? {
      let bent = Set(bundles[b].bent)
      return bent.count == 1 && !bundles[b].targets.contains(bundles[b].source) ? bent.first : nil
    }
    while !remaining.isEmpty {
      let pick = remaining.first { pending[$0, default: 0] == 0 } ?? remaining[0]
      remaining.removeAll { $0 == pick }
      let preds = bent.filter { before[$0]?.contains(pick) == true }.compactMap { row[$0] }
      var r = (preds.max() ?? -1) + 1
      let (lo, hi) = (bundles[pick].lo, bundles[pick].hi)
      let target = join(pick)
      while r < occupied.count, occupied[r].contains(where: { !(hi + 1 < $0.lo || $0.hi + 1 < lo) && (target == nil || $0.join != target) }) {
        r += 1
      }
      if r == occupied.count { occupied.append([]) }
      occupied[r].append((lo, hi, target))
      row[pick] = r
      for b in before[pick] ?? [] { pending[b, default: 0] -= 1 }
    }
    for (b, r) in row { for s in bundles[b].segs { rows[s] = r } }
    return occupied.count
  }

  // MARK: result

  private func result(_ edges: [Edge], _ reversed: [Bool], _ rankTop: [Int], _ rows: [Int?]) -> Result {
    func bandHeight(_ r: Int) -> Int { ranks[r].map { nodes[$0].height }.max() ?? 1 }
    var points: [[Point]] = []
    var labels: [Point?] = []
    for (i, e) in edges.enumerated() {
      let chain = chains[i]
      guard let first = chain.first else {
        points.append([])
        labels.append(nil)
        continue
      }
      let s0 = segments[first]
      var line = [Point(nodes[s0.upper].x + s0.upperPort, rankTop[nodes[s0.upper].rank] + nodes[s0.upper].height)]
      for (k, si) in chain.enumerated() {
        let s = segments[si]
        let r = nodes[s.upper].rank
        let ax = nodes[s.upper].x + s.upperPort
        let bx = nodes[s.lower].x + s.lowerPort
        if let row = rows[si], ax != bx {
          let trackY = rankTop[r] + bandHeight(r) + 1 + row
          line.append(Point(ax, trackY))
          line.append(Point(bx, trackY))
        }
        if k == chain.count - 1 { line.append(Point(bx, rankTop[nodes[s.lower].rank] - 1)) }
      }
      points.append(Self.simplified(reversed[i] ? line.reversed() : line))
      if e.label != nil, chain.count > 1, !nodes[segments[chain[0]].lower].isReal, nodes[segments[chain[0]].lower].width > 1 {
        let l = segments[chain[0]].lower
        labels.append(Point(nodes[l].x + 2, rankTop[nodes[l].rank]))
      } else {
        labels.append(nil)
      }
    }
    let last = ranks.count - 1
    return Result(positions: nodes.indices.filter { nodes[$0].isReal }
                    .map { Point(nodes[$0].x, rankTop[nodes[$0].rank]) },
                  edgePoints: points, labelOrigins: labels, backward: reversed,
                  width: nodes.map { $0.x + $0.width }.max() ?? 0,
                  height: last >= 0 ? rankTop[last] + bandHeight(last) : 0)
  }

  /// Drops repeated points and the middle of three points on one line.
  static func simplified(_ points: [Point]) -> [Point] {
    var out: [Point] = []
    for p in points {
      if out.last == p { continue }
      if out.count >= 2 {
        let a = out[out.count - 2], b = out[out.count - 1]
        if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) { out.removeLast() }
      }
      out.append(p)
    }
    return out
  }
}
