import ArgumentParser
import SFNKit

/// `sfn configure ...`: inspect the configuration sfn resolves.
struct Configure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure",
    abstract: "Inspect the profile, region, endpoint and credentials sfn would use.",
    subcommands: [ConfigureList.self])
}

/// `sfn configure list`: each setting with the type and location of its source, like `aws configure list`.
struct ConfigureList: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Show profile, region, endpoint and access key (masked), each with where it came from.",
    discussion: """
      TYPE says what set a value (parameter, env, config-file, imds, rules, default); for access_key it is the \
      credential provider (env, shared-credentials-file, assume-role, assume-role-with-web-identity, sso, \
      custom-process, config-file, container-role, iam-role). LOCATION is the option, variable, file:line or URL. \
      Resolving the credentials may call STS, SSO or instance metadata (cached credentials are reused). \
      --output json prints {"profile": {"value", "type", "location"}, "region": ..., "endpoint": ..., "access_key": ...}.
      """)

  @OptionGroup var global: GlobalOptions

  func run(_ runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    let setup = try context.setup()
    let report = try ConfigurationReport(setup: setup)
    let format = try context.outputFormat()
    if format == .table && global.query == nil {
      // Paths under HOME as ~/... so the file:line fits; JSON keeps full paths.
      let rows = report.entries.map {
        [$0.name, $0.value ?? "<not set>", $0.type, setup.context.locations.abbreviate($0.location)]
      }
      let renderer = TableRenderer(width: context.terminal.width, color: context.terminal.colorStdout)
      context.terminal.out(renderer.render(headers: ["name", "value", "type", "location"], rows: rows,
                                           statusColumn: nil))
    } else {
      try context.printer().print(report.json)
    }
  }
}
