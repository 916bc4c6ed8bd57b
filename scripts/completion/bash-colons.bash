
# --- Added by scripts/generate-docs (from scripts/completion/bash-colons.bash) ---
# ARNs contain colons, and bash splits the words it hands to completion functions at colons
# (COMP_WORDBREAKS). _sfn_colons glues those pieces back so _sfn sees each ARN as one word, then removes from
# each reply the part before the last colon, which bash keeps on the line (as bash-completion's
# __ltrim_colon_completions does). ARN replies are inserted without filename quoting, so no `\:` appears, and
# a reply that is only a prefix to go on from gets no space after it.
_sfn_colons() {
    local -a words=()
    local -i i pos=0 start cword=0
    local word
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        word=${COMP_WORDS[i]}
        start=pos
        while [[ "${COMP_LINE:pos:1}" == [[:space:]] ]]; do pos+=1; done
        if ((i > 0 && pos == start)) && [[ "${word}" == :* || "${words[${#words[@]}-1]}" == *: ]]; then
            words[${#words[@]}-1]+=${word}
        else
            words+=("${word}")
        fi
        pos+=${#word}
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    local -a COMP_WORDS=("${words[@]}")
    local -i COMP_CWORD=cword
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
    _sfn "${1}" "${cur}" "${prev}"
    local reply
    for reply in "${COMPREPLY[@]}"; do
        [[ "${reply}" == *:* ]] && compopt +o filenames 2>/dev/null
        # A prefix to go on from (`arn:...:execution:MACHINE:`, `MACHINE/`): no space after it.
        [[ "${reply}" == *[:/] ]] && compopt -o nospace 2>/dev/null
    done
    if [[ "${cur}" == *:* ]]; then
        local -r colon_prefix=${cur%"${cur##*:}"}
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"${colon_prefix}"}
        done
    fi
}

complete -o filenames -F _sfn_colons sfn
