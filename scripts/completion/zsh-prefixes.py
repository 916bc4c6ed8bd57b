#!/usr/bin/env python3
"""Edits argument-parser's zsh completion script (stdin to stdout) so that a candidate which is only a prefix to
go on from (`arn:...:execution:MACHINE:` or `MACHINE/`) gets no space after it, as the bash wrapper does.

Fails when the generated __sfn_complete function no longer looks as expected, so an argument-parser upgrade
is noticed by scripts/generate-docs instead of silently losing the change.
"""
import sys

GENERATED = """__sfn_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\\'\\''
}
"""

EDITED = """__sfn_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    # Added by scripts/generate-docs (scripts/completion/zsh-prefixes.py): prefixes take no space after them.
    local -ar prefix_completions=("${(M)non_empty_completions[@]:#*(\\\\:|/)}")
    local -ar whole_completions=("${non_empty_completions[@]:#*(\\\\:|/)}")
    _describe -V '' whole_completions -- prefix_completions -S '' -- empty_completions -P $'\\'\\''
}
"""

script = sys.stdin.read()
if GENERATED not in script:
    sys.exit("zsh-prefixes.py: __sfn_complete in the generated zsh script has changed; update this script")
sys.stdout.write(script.replace(GENERATED, EDITED, 1))
