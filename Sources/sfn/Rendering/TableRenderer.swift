import SFNKit

/// Aligned columns that fit a width; long cells are cut with `…`.
struct TableRenderer {
  var width: Int
  var color: Bool

  /// Renders `rows` under `headers`; the column named `statusColumn` is coloured by value.
  func render(headers: [String], rows: [[String]], statusColumn: String? = "status") -> String {
    guard !headers.isEmpty else { return "" }
    var widths = headers.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    shrink(&widths)
    let statusIndex = statusColumn.flatMap { name in headers.firstIndex { $0.lowercased() == name } }
    var out = line(headers.map { $0.uppercased() }, widths, style: .bold, statusIndex: nil)
    for row in rows { out += line(row, widths, style: nil, statusIndex: statusIndex) }
    return out
  }

  /// Cuts the widest columns until the row fits, keeping each at least 8 wide.
  private func shrink(_ widths: inout [Int]) {
    let gaps = 2 * (widths.count - 1)
    while widths.reduce(0, +) + gaps > width {
      guard let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 8 else { break }
      widths[i] -= 1
    }
  }

  private func line(_ cells: [String], _ widths: [Int], style: Style?, statusIndex: Int?) -> String {
    var parts: [String] = []
    for (i, w) in widths.enumerated() {
      var cell = i < cells.count ? cells[i] : ""
      if cell.count > w { cell = String(cell.prefix(max(0, w - 1))) + "…" }
      let padded = i == widths.count - 1 ? cell : cell + String(repeating: " ", count: w - cell.count)
      if let style {
        parts.append(style.apply(padded, enabled: color))
      } else if i == statusIndex, let s = Style.forStatus(cell) {
        parts.append(s.apply(padded, enabled: color))
      } else {
        parts.append(padded)
      }
    }
    return parts.joined(separator: "  ") + "\n"
  }
}
