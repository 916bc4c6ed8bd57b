#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C (SIGINT) as a request to stop: the handler only raises a flag, which the transport's progress callback,
/// the client between attempts and sleepers check, so the command ends with "interrupted" (exit 130) instead of
/// being killed mid-write. A second Ctrl-C kills the process at once (the handler restores the default action).
public enum Interrupt {
  /// Installs the SIGINT handler; call once at start-up, before any other thread exists.
  public static func install() {
    // Touch the flag before the handler can run: a global's first access runs its (lazy) initialiser, which is
    // not async-signal-safe; afterwards an access is a plain atomic operation.
    _ = interruptRequested.load(ordering: .relaxed)
    signal(SIGINT, interruptHandler)
  }

  /// True once Ctrl-C was pressed.
  public static var requested: Bool { interruptRequested.load(ordering: .acquiring) }

  /// Raises the flag, as the signal does (for tests and other front ends).
  public static func raise() { interruptRequested.store(true, ordering: .releasing) }

  /// Sleeps up to `seconds`, returning early when Ctrl-C is pressed (nanosleep is never restarted after a signal).
  public static func sleep(_ seconds: Double) {
    guard seconds > 0, !requested else { return }
    let whole = seconds.rounded(.down)
    var request = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1, errno == EINTR, !requested { request = remaining }
  }
}

// The only global mutable state in SFNKit, because a signal handler receives no context argument through which
// it could reach an object: an atomic flag is all it touches (async-signal-safe), and everything else reads it.
private let interruptRequested = Atomic<Bool>(false)

private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
  interruptRequested.store(true, ordering: .releasing)
  signal(SIGINT, SIG_DFL)  // a second Ctrl-C ends the process without waiting for a check
}
