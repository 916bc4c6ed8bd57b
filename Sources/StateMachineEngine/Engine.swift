import JSONata
import SFNKit

/// Runs Step Functions state machines in process, as AWS runs them.
public enum StateMachineEngine {}
