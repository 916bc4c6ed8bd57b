#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SFNKit

/// Asks for an MFA code on the controlling terminal (`/dev/tty`, echo off), as botocore's getpass prompt does.
enum MFAPrompter {
  /// The prompt, or nil when the process has no terminal (CI): the library then fails with a clear error.
  static func terminal() -> MFAPrompt? {
    let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
    guard fd >= 0 else { return nil }
    close(fd)
    return { serial in
      let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
      guard fd >= 0 else { throw CommandError.noTerminalForMFA }
      defer { close(fd) }
      // Echo goes off before the prompt appears, and without flushing, so a code typed (or pasted) right after
      // the prompt is neither shown nor lost.
      var saved = termios()
      let hasTermios = tcgetattr(fd, &saved) == 0
      if hasTermios {
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSANOW, &quiet)
      }
      defer {
        if hasTermios { tcsetattr(fd, TCSANOW, &saved) }
        _ = write(fd, "\n", 1)
      }
      let prompt = "Enter MFA code for \(serial): "
      _ = prompt.withCString { write(fd, $0, strlen($0)) }
      var bytes: [UInt8] = []
      var byte: UInt8 = 0
      while read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
      let code = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
      guard !code.isEmpty else { throw CommandError.noMFACode(serial: serial) }
      return code
    }
  }
}
