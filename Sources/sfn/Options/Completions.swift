import ArgumentParser
import SFNKit

/// Completion kinds that ask the service (through a one-minute cache) for the user's resources.
/// Use them on any argument that names one: `@Argument(completion: .stateMachines) var machine: String`.
extension CompletionKind {
  /// State machine names (for verbs, which take a name or an ARN).
  static let stateMachines = CompletionKind.custom { words, _, _ in
    shellSafe(Completer(words: words).machines(arns: false))
  }

  /// State machine ARNs (for `--state-machine-arn`).
  static let stateMachineARNs = CompletionKind.custom { words, _, _ in
    shellSafe(Completer(words: words).machines(arns: true))
  }

  /// Activity names.
  static let activities = CompletionKind.custom { words, _, _ in
    shellSafe(Completer(words: words).activities(arns: false))
  }

  /// Activity ARNs (for `--activity-arn`).
  static let activityARNs = CompletionKind.custom { words, _, _ in
    shellSafe(Completer(words: words).activities(arns: true))
  }

  /// Executions as `MACHINE/NAME` or ARN (for verbs): `MACHINE/` first, then that machine's executions.
  static let executions = CompletionKind.custom { words, _, prefix in
    shellSafe(Completer(words: words).executions(prefix: prefix, arns: false))
  }

  /// Execution ARNs (for `--execution-arn`): per-machine ARN prefixes first, then that machine's executions.
  static let executionARNs = CompletionKind.custom { words, _, prefix in
    shellSafe(Completer(words: words).executions(prefix: prefix, arns: true))
  }
}

/// Candidates as the requesting shell's script reads them: zsh's `_describe` splits `value:description` at
/// unescaped colons, and every ARN has colons.
private func shellSafe(_ candidates: [String]) -> [String] {
  guard CompletionShell.requesting == .zsh else { return candidates }
  return candidates.map { $0.replacing("\\", with: "\\\\").replacing(":", with: "\\:") }
}
