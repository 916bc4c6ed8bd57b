#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process produced.
public struct ProcessOutput: Sendable, Equatable {
  /// The exit status (128 + signal when killed by a signal, as a shell reports it).
  public var status: Int32
  /// The signal that killed it, or nil when it exited.
  public var signal: Int32?
  /// What it wrote to stdout (cut at the run's `stdoutLimit` + 1 bytes).
  public var stdout: [UInt8]
  /// What it wrote to stderr (the last `stderrLimit` bytes when the run has one).
  public var stderr: [UInt8]

  /// An outcome with the given parts.
  public init(status: Int32, signal: Int32? = nil, stdout: [UInt8], stderr: [UInt8]) {
    self.status = status
    self.signal = signal
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Why a child process could not be started.
public enum SubprocessError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The argument list is empty.
  case noProgram
  /// pipe(2) failed with this errno.
  case pipes(code: Int32)
  /// posix_spawnp failed for `program` with this errno (not found, not executable, ...).
  case spawn(program: String, code: Int32)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .noProgram: return "no command to run"
    case .pipes(let code): return "cannot create pipes: \(String(cString: strerror(code)))"
    case .spawn(let program, let code): return "cannot run \(program): \(String(cString: strerror(code)).lowercased())"
    }
  }
}

/// The one way SFNKit runs another program: directly (no shell) via `posix_spawnp`, stdin fed from bytes (or
/// /dev/null), stdout and stderr read with poll() so a child filling one pipe cannot deadlock it.
public struct Subprocess {
  /// The program (looked up in PATH) and its arguments.
  public var arguments: [String]
  /// The child's whole environment.
  public var environment: [String: String]
  /// Bytes written to the child's stdin; nil connects stdin to /dev/null.
  public var input: [UInt8]?
  /// Keep at most this many stdout bytes plus one (enough to tell the output was too long); nil keeps all.
  public var stdoutLimit: Int?
  /// Keep only the last this many stderr bytes; nil keeps all.
  public var stderrLimit: Int?
  /// Also hands the child's stderr to this sink as it arrives (the caller's stderr, for a command the user gave).
  public var stderrSink: (@Sendable ([UInt8]) -> Void)?
  /// Start the child in its own process group with default signal handling (a command the user gave): a Ctrl-C
  /// on the terminal then reaches us only, and a stop ends the child's whole process tree.
  public var ownProcessGroup = false

  /// A run of `arguments` with `environment`, stdin from `input` (nil: /dev/null).
  public init(arguments: [String], environment: [String: String], input: [UInt8]? = nil) {
    self.arguments = arguments
    self.environment = environment
    self.input = input
  }

  /// Runs the child to its end. `tick` is called every `tickInterval` seconds while it runs; once `shouldStop`
  /// says so, the child (its group with `ownProcessGroup`) gets SIGTERM, and SIGKILL five seconds later.
  public func run(tickInterval: Double? = nil, tick: () -> Void = {}, shouldStop: () -> Bool = { false }) throws
    -> ProcessOutput
  {
    guard let program = arguments.first else { throw SubprocessError.noProgram }
    var pipes = ChildPipes()
    defer { pipes.closeAll() }
    for end in [ChildPipes.End.stdin, .stdout, .stderr] where end != .stdin || input != nil {
      guard pipes.make(end) else { throw SubprocessError.pipes(code: errno) }
    }
    let pid = try spawn(program, pipes: &pipes)
    // A child that exits without reading its stdin makes our write raise SIGPIPE, which would kill a process that
    // has not ignored it (a library user, a test runner). Block it on this thread while writing: the write then
    // fails with EPIPE, and the pending signal is taken back below.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var savedMask = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &savedMask)
    defer {
      var none = timespec()
      while sigtimedwait(&pipeSignal, nil, &none) == SIGPIPE {}
      pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }
    var output = exchange(with: pid, pipes: &pipes, tickInterval: tickInterval, tick: tick, shouldStop: shouldStop)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS are macros Swift cannot import; decode the wait status by hand.
    let signal = status & 0x7f
    output.status = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    output.signal = signal == 0 ? nil : signal
    return output
  }

  private func spawn(_ program: String, pipes: inout ChildPipes) throws -> pid_t {
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #else
    var actions: posix_spawn_file_actions_t?
    var attributes: posix_spawnattr_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdin = pipes.fds[.stdin] {
      posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, pipes.fds[.stdout]!.write, 1)
    posix_spawn_file_actions_adddup2(&actions, pipes.fds[.stderr]!.write, 2)
    for fd in pipes.fds.values.flatMap({ [$0.read, $0.write] }) { posix_spawn_file_actions_addclose(&actions, fd) }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    if ownProcessGroup {
      // The activity worker blocks SIGINT/SIGTERM to read them on a thread; the child gets normal handling.
      var empty = sigset_t()
      sigemptyset(&empty)
      posix_spawnattr_setsigmask(&attributes, &empty)
      var defaults = sigset_t()
      sigemptyset(&defaults)
      for s in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, s) }
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      posix_spawnattr_setpgroup(&attributes, 0)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
    pipes.closeChildEnds()
    guard spawned == 0 else { throw SubprocessError.spawn(program: program, code: spawned) }
    return pid
  }

  /// Feeds stdin and reads stdout and stderr until both close, ticking and stopping as asked.
  private func exchange(with pid: pid_t, pipes: inout ChildPipes, tickInterval: Double?, tick: () -> Void,
                        shouldStop: () -> Bool) -> ProcessOutput {
    var output = ProcessOutput(status: 0, stdout: [], stderr: [])
    let input = self.input ?? []
    var written = 0
    var stdinFD = pipes.take(.stdin)
    if let fd = stdinFD {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      if input.isEmpty { close(fd); stdinFD = nil }
    }
    let stdoutFD = pipes.fds[.stdout]!.read
    var open: Set<Int32> = [stdoutFD, pipes.fds[.stderr]!.read]
    var killedAt: Double?
    var nextTick = tickInterval.map { Clock.monotonicSeconds() + $0 }
    var chunk = [UInt8](repeating: 0, count: 16384)
    while !open.isEmpty {
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      if let stdinFD { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
      let wait = nextTick.map { max(0, min($0 - Clock.monotonicSeconds(), 0.25)) } ?? 0.25
      if poll(&fds, nfds_t(fds.count), Int32(wait * 1000)) < 0, errno != EINTR { break }
      for entry in fds where entry.revents != 0 {
        if entry.fd == stdinFD {
          let n = input.withUnsafeBytes { write(entry.fd, $0.baseAddress! + written, input.count - written) }
          if n > 0 { written += n }
          if n < 0 && errno != EAGAIN && errno != EINTR || written == input.count {
            close(entry.fd)
            stdinFD = nil
          }
          continue
        }
        let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
        if count > 0 {
          keep(chunk[0..<count], fromStdout: entry.fd == stdoutFD, in: &output)
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          pipes.closeRead(entry.fd)
          open.remove(entry.fd)
        }
      }
      if let interval = tickInterval, let due = nextTick, Clock.monotonicSeconds() >= due {
        tick()
        nextTick = Clock.monotonicSeconds() + interval
      }
      let target = ownProcessGroup ? -pid : pid
      if let killedAt {
        if Clock.monotonicSeconds() - killedAt > 5 { kill(target, SIGKILL) }
      } else if shouldStop() {
        kill(target, SIGTERM)
        killedAt = Clock.monotonicSeconds()
      }
    }
    if let stdinFD { close(stdinFD) }
    return output
  }

  private func keep(_ bytes: ArraySlice<UInt8>, fromStdout: Bool, in output: inout ProcessOutput) {
    if fromStdout {
      guard let limit = stdoutLimit else { return output.stdout.append(contentsOf: bytes) }
      if output.stdout.count <= limit { output.stdout.append(contentsOf: bytes.prefix(limit + 1 - output.stdout.count)) }
      return
    }
    stderrSink?(Array(bytes))
    output.stderr.append(contentsOf: bytes)
    if let limit = stderrLimit, output.stderr.count > limit { output.stderr.removeFirst(output.stderr.count - limit) }
  }
}

/// The pipes between us and a child, closed exactly once each.
private struct ChildPipes {
  enum End { case stdin, stdout, stderr }
  var fds: [End: (read: Int32, write: Int32)] = [:]
  private var closed: Set<Int32> = []

  /// Creates the pipe for `end`; false when pipe(2) fails.
  mutating func make(_ end: End) -> Bool {
    var pair: [Int32] = [0, 0]
    guard pipe(&pair) == 0 else { return false }
    fds[end] = (pair[0], pair[1])
    return true
  }

  /// Closes the ends the child uses (after the spawn, which duplicated them).
  mutating func closeChildEnds() {
    for (end, pair) in fds { closeOnce(end == .stdin ? pair.read : pair.write) }
  }

  /// Hands over stdin's write end: the caller closes it.
  mutating func take(_ end: End) -> Int32? {
    guard let fd = fds[end]?.write else { return nil }
    closed.insert(fd)
    return fd
  }

  /// Closes the read end `fd` of stdout or stderr.
  mutating func closeRead(_ fd: Int32) { closeOnce(fd) }

  /// Closes whatever is still open (a failed spawn, an early return).
  mutating func closeAll() {
    for pair in fds.values { closeOnce(pair.read); closeOnce(pair.write) }
  }

  private mutating func closeOnce(_ fd: Int32) {
    if closed.insert(fd).inserted { close(fd) }
  }
}

/// Runs a program and collects what it printed: the function to call for a plain run.
public enum ProcessRunner {
  /// Runs `arguments[0]` (looked up in PATH) with `arguments` and `environment`; stdin gets `input` (nil:
  /// /dev/null). Returns the exit status, stdout and stderr.
  public static func run(_ arguments: [String], environment: [String: String], input: [UInt8]? = nil) throws
    -> ProcessOutput
  {
    try Subprocess(arguments: arguments, environment: environment, input: input).run()
  }
}
