/// ANSI styles for terminal output; used only when colour is on.
enum Style: String {
  case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"

  /// `text` wrapped in this style when `enabled`.
  func apply(_ text: String, enabled: Bool) -> String {
    enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }

  /// The colour for an execution or map run status.
  static func forStatus(_ status: String) -> Style? {
    switch status {
    case "SUCCEEDED", "ACTIVE": return .green
    case "FAILED", "TIMED_OUT": return .red
    case "ABORTED", "PENDING_REDRIVE": return .yellow
    case "RUNNING": return .blue
    default: return nil
    }
  }
}
