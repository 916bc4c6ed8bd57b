#!/usr/bin/env zsh
# Prints, one per line, the matches zsh's completion offers for a command line, using the completion
# functions in a directory. Drives a real interactive zsh through zpty and records what reaches compadd.
#   zsh -f zsh-complete.zsh COMPLETIONS-DIR 'sfn desc'
# (The markers are written split, "MAT""CH", so the terminal's echo of these definitions never matches.)
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= RPROMPT=; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local h; for h in $__hits; do print -r -- "MAT""CH:$h"; done
}'
zpty -w z 'zle-finish() { print -r -- "END""MARK"; zle kill-whole-line; zle accept-line }; zle -N zle-finish'
zpty -w z 'bindkey "^I" complete-word; bindkey "^X" zle-finish; zstyle ":completion:*" insert-tab false'
zpty -n -w z "$2"$'\t'
zpty -n -w z $'\C-x'
local out
zpty -r z out '*ENDMARK*'
zpty -d z
local line
for line in ${(f)out}; do
  line=${line%$'\r'}
  [[ $line == *MATCH:* ]] && print -r -- ${line#*MATCH:}
done
return 0
