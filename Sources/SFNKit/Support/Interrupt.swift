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
///
/// A value, handed to what checks it (the CLI's runtime holds one); only `process` is raised by the signal.
public final class Interrupt: Sendable {
  fileprivate let flag = Atomic<Bool>(false)

  /// A flag nothing has raised yet; only `raise()` raises it (tests, other front ends).
  public init() {}

  /// The flag SIGINT raises once `installHandler()` ran. A signal handler receives no context through which it
  /// could reach an object, so this one instance is what it touches (an atomic store, async-signal-safe).
  public static let process = Interrupt()

  /// Routes SIGINT to `process`; call once at start-up, before any other thread exists.
  public static func installHandler() {
    // Touch the instance before the handler can run: a static's first access runs its (lazy) initialiser, which
    // is not async-signal-safe; afterwards an access is a plain load.
    _ = process.requested
    signal(SIGINT, interruptHandler)
  }

  /// True once the flag was raised (Ctrl-C pressed, for `process`).
  public var requested: Bool { flag.load(ordering: .acquiring) }

  /// Raises the flag, as the signal does.
  public func raise() { flag.store(true, ordering: .releasing) }

  /// Sleeps up to `seconds`, returning early once the flag is raised (nanosleep is never restarted after a signal).
  public func sleep(_ seconds: Double) {
    guard seconds > 0, !requested else { return }
    let whole = seconds.rounded(.down)
    var request = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1, errno == EINTR, !requested { request = remaining }
  }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
  Interrupt.process.flag.store(true, ordering: .releasing)
  signal(SIGINT, SIG_DFL)  // a second Ctrl-C ends the process without waiting for a check
}
