import SFNKit

/// Renders history timeline rows one at a time (so they can stream) in fixed columns that fit the width.
struct TimelineRenderer {
  var width: Int
  var color: Bool

  static let headers = ["TIME", "ELAPSED", "EVENT", "STATE", "DETAIL"]
  private static let timeWidth = 12, elapsedWidth = 8

  /// Widths of the event and state columns: narrower on narrow terminals.
  private var eventWidth: Int { width >= 100 ? 24 : width >= 70 ? 20 : 16 }
  private var stateWidth: Int { width >= 100 ? 20 : width >= 70 ? 12 : 10 }

  /// The header line.
  func header() -> String {
    let cells = [pad(Self.headers[0], Self.timeWidth), pad(Self.headers[1], Self.elapsedWidth, right: true),
                 pad(Self.headers[2], eventWidth), pad(Self.headers[3], stateWidth), Self.headers[4]]
    return Style.bold.apply(fit(cells.joined(separator: "  ")), enabled: color) + "\n"
  }

  /// One row for `entry`.
  func row(_ entry: TimelineEntry) -> String {
    let elapsed = entry.elapsed.map { "+" + DurationParser.format(max(0, $0)) } ?? ""
    let fixed = [pad(LocalTime.timeOfDay(entry.timestamp), Self.timeWidth), pad(elapsed, Self.elapsedWidth, right: true),
                 pad(entry.type, eventWidth), pad(entry.stateName ?? "", stateWidth)].joined(separator: "  ") + "  "
    let room = max(0, width - fixed.count)
    let detail = cut(entry.detail, room)
    guard color, let style = style(entry.outcome) else { return (fixed + detail).trimmingTrailingSpaces() + "\n" }
    // Colour the event name and the detail; the time columns stay plain.
    let parts = fixed.count - eventWidth - stateWidth - 4
    let head = String(fixed.prefix(parts))
    let event = String(fixed.dropFirst(parts).prefix(eventWidth))
    let rest = String(fixed.dropFirst(parts + eventWidth))
    return (head + style.apply(event, enabled: true) + rest + style.apply(detail, enabled: true)).trimmingTrailingSpaces() + "\n"
  }

  /// The closing summary line of a finished execution.
  func summary(_ s: TimelineSummary) -> String {
    var parts = ["\(s.statesRun) state\(s.statesRun == 1 ? "" : "s") run", "\(s.retries) retr\(s.retries == 1 ? "y" : "ies")",
                 "\(s.failures) failure\(s.failures == 1 ? "" : "s")"]
    if let total = s.totalTime { parts.append("total " + DurationParser.format(total)) }
    let status = s.status ?? "RUNNING"
    let statusText = Style.forStatus(status).map { $0.apply(status, enabled: color) } ?? status
    return fit(status + ": " + parts.joined(separator: ", "), extra: statusText.count - status.count, replacing: status, with: statusText) + "\n"
  }

  private func style(_ outcome: TimelineEntry.Outcome) -> Style? {
    switch outcome {
    case .failed: return .red
    case .succeeded: return .green
    case .retry: return .yellow
    case .neutral: return nil
    }
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let cutText = cut(text, width)
    let fill = String(repeating: " ", count: max(0, width - cutText.count))
    return right ? fill + cutText : cutText + fill
  }

  private func cut(_ text: String, _ width: Int) -> String {
    guard text.count > width else { return text }
    return width <= 0 ? "" : String(text.prefix(width - 1)) + "…"
  }

  private func fit(_ line: String, extra: Int = 0, replacing: String? = nil, with styled: String? = nil) -> String {
    let plain = cut(line, width)
    guard let replacing, let styled, plain.hasPrefix(replacing) else { return plain }
    return styled + plain.dropFirst(replacing.count)
  }
}

extension String {
  /// The text without trailing spaces.
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
