import ArgumentParser
import SFNKit

/// `sfn deploy NAME --definition FILE --role-arn ARN`: validate, then create or update, publish, alias, tag.
struct Deploy: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "deploy",
    abstract: "Create or update a state machine from a definition file, validating it first.",
    discussion: """
      Validates the definition locally (errors: exit 65, nothing sent; --type EXPRESS adds the Express checks), \
      with --check-role reads the role's trust policy through IAM GetRole, then creates the state machine or \
      updates what differs (definition compared as JSON, role, logging, tracing). On a terminal the definition \
      diff is shown on stderr; --dry-run prints the plan and the diff and changes nothing. --alias implies \
      --publish and points the alias at the new version. Deploying the same thing twice changes nothing. \
      Prints {stateMachineArn, stateMachineVersionArn, stateMachineAliasArn, changed, actions} as JSON when \
      piped, a short summary on a terminal.
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: "State machine name.", completion: .stateMachines)
  var name: String

  @Option(help: ArgumentHelp("Definition file, JSON or YAML (- reads standard input).", valueName: "file"))
  var definition: String

  @Option(name: .customLong("role-arn"), help: ArgumentHelp("IAM role the state machine runs as.", valueName: "arn"))
  var roleArn: String

  @Option(help: ArgumentHelp("STANDARD or EXPRESS (default STANDARD for a new machine).", valueName: "type"))
  var type: StateMachineType?

  @Flag(help: "Publish a version of the deployed revision.")
  var publish = false

  @Option(name: .customLong("version-description"),
          help: ArgumentHelp("Description of the published version.", valueName: "text"))
  var versionDescription: String?

  @Option(help: ArgumentHelp("Point this alias at the published version (implies --publish).", valueName: "name"))
  var alias: String?

  @Option(help: ArgumentHelp("Log level (unset: leave logging as it is).", valueName: "level"))
  var logging: LogLevelOption?

  @Option(name: .customLong("log-group"),
          help: ArgumentHelp("CloudWatch Logs log group ARN for --logging.", valueName: "arn"))
  var logGroup: String?

  @Flag(name: .customLong("include-execution-data"), help: "Log execution input and output (with --logging).")
  var includeExecutionData = false

  @Flag(inversion: .prefixedNo, help: "Turn X-Ray tracing on or off (unset: leave it as it is).")
  var tracing: Bool?

  @Option(parsing: .upToNextOption, help: ArgumentHelp("Tags as KEY=VALUE words.", valueName: "key=value"))
  var tags: [String] = []

  @Flag(name: .customLong("dry-run"), help: "Show what would change and the definition diff; change nothing.")
  var dryRun = false

  @Flag(name: .customLong("check-role"),
        help: "Read the role's trust policy (IAM GetRole) first; stop when Step Functions may not assume it.")
  var checkRole = false

  func validate() throws {
    if logging == nil, logGroup != nil || includeExecutionData {
      throw ValidationError("--log-group and --include-execution-data need --logging LEVEL")
    }
    if versionDescription != nil, !publish, alias == nil {
      throw ValidationError("--version-description needs --publish or --alias")
    }
  }

  func run(_ runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    let source = try context.definition(definition)
    let findings = source.lint(type: type)
      .map { ValidationFinding(file: source.name, diagnostic: $0) }
    guard let json = source.json, ASLLinter.isValid(findings.map(\.diagnostic)) else {
      throw CommandError.invalidDefinition(name: source.name, flagHint: nil, findings: findings)
    }
    context.errorWriter().findings(findings)
    let spec = DeploySpec(
      name: name, definition: json, definitionLabel: source.name, roleArn: roleArn, type: type?.rawValue,
      logging: logging.map { DeploySpec.loggingConfiguration(level: $0.value, logGroupArn: logGroup,
                                                             includeExecutionData: includeExecutionData) },
      tracing: tracing, publish: publish, versionDescription: versionDescription, alias: alias,
      tags: try DeploySpec.parseTags(tags))
    let printer = try context.printer()
    let client = try context.client()
    let call: ServiceCall = { try client.call($0, $1) }
    if checkRole { try checkTrust(context, client: client) }
    let plan = try DeployPlanner(call: call).plan(spec)
    if type == nil, plan.existingType == .express { try checkExpress(source, context) }
    if dryRun { return try showPlan(plan, context, printer) }
    if context.terminal.stderrIsTTY, !plan.diff.isEmpty {
      context.terminal.err(colored(String(plan.diff.dropLast()), enabled: context.terminal.colorStderr))
    }
    let result: DeployResult
    do { result = try DeployExecutor(call: call).apply(plan) } catch let e as ServiceError {
      throw ExecutionRoleError.recognise(e, roleArn: roleArn) ?? e
    }
    if try context.outputFormat() == .table {
      context.terminal.out(summary(result))
    } else {
      try printer.print(result.json)
    }
  }

  /// Without --type, an update keeps the machine's type: an EXPRESS machine's definition gets the Express checks
  /// once the plan has read the type (nothing has been changed yet).
  func checkExpress(_ source: DefinitionSource, _ context: CommandContext) throws {
    let express = source.lint(type: .express).filter { $0.code?.hasPrefix("express-") == true }
      .map { ValidationFinding(file: source.name, diagnostic: $0) }
    guard ASLLinter.isValid(express.map(\.diagnostic)) else {
      throw CommandError.invalidDefinition(name: source.name, flagHint: nil, findings: express)
    }
    context.errorWriter().findings(express)
  }

  /// `--check-role`: stops with the fix when the role is missing or does not trust Step Functions; a policy that
  /// cannot be read (no iam:GetRole permission) is a warning and the deploy goes on.
  func checkTrust(_ context: CommandContext, client: StepFunctionsClient) throws {
    let setup = try context.setup()
    let iam = try IAMClient(setup: setup, transport: try context.transport(),
                            credentials: RefreshingCredentials(setup.credentialChain))
    let check = ExecutionRoleCheck(region: client.configuration.region, trustPolicy: iam.trustPolicy(ofRole:))
    switch try check.check(roleArn: roleArn) {
    case .trusted:
      if context.terminal.stderrIsTTY {
        context.terminal.err("role \(ExecutionRoleError.roleName(roleArn)) trusts states.amazonaws.com")
      }
    case .unreadable(let e):
      context.errorWriter().warning(code: e.code, "--check-role: cannot read the trust policy of role "
                                    + "\(ExecutionRoleError.roleName(roleArn)) (\(e.description)); deploying without the check")
    }
  }

  /// `--dry-run`: the actions and the diff, as text on a terminal or `{dryRun, changed, actions, diff}` JSON.
  func showPlan(_ plan: DeployPlan, _ context: CommandContext, _ printer: OutputPrinter) throws {
    if try context.outputFormat() != .table {
      var o = JSONObject([("dryRun", true), ("changed", .bool(plan.hasChanges))])
      if let arn = plan.existingArn { o["stateMachineArn"] = .string(arn) }
      o["actions"] = .array(plan.actions.map(JSON.string))
      o["diff"] = .string(plan.diff)
      return try printer.print(.object(o))
    }
    let actions = plan.actions
    var text = actions.isEmpty ? "\(name) is up to date; nothing would change\n"
      : actions.map { "would \($0)\n" }.joined()
    if !plan.diff.isEmpty { text += colored(plan.diff, enabled: context.terminal.colorStdout) }
    context.terminal.out(text)
  }

  /// The terminal summary: what changed (or that nothing did) and the ARNs.
  func summary(_ result: DeployResult) -> String {
    var text = result.changed ? result.actions.map { "\($0)\n" }.joined() : "\(name) is up to date; nothing changed\n"
    text += "  state machine  \(result.stateMachineArn)\n"
    if let v = result.versionArn { text += "  version        \(v)\n" }
    if let a = result.aliasArn { text += "  alias          \(a)\n" }
    return text
  }

  /// A unified diff with deletions red, additions green and hunk headers cyan.
  func colored(_ diff: String, enabled: Bool) -> String {
    guard enabled else { return diff }
    return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      let s = String(line)
      if s.hasPrefix("+++") || s.hasPrefix("---") { return Style.bold.apply(s, enabled: true) }
      if s.hasPrefix("+") { return Style.green.apply(s, enabled: true) }
      if s.hasPrefix("-") { return Style.red.apply(s, enabled: true) }
      if s.hasPrefix("@@") { return Style.cyan.apply(s, enabled: true) }
      return s
    }.joined(separator: "\n")
  }
}
