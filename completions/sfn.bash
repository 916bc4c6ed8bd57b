
__sfn_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__sfn_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__sfn_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__sfn_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_sfn() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __sfn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    start|wait|describe|output|history|executions|logs|machines|activities|stop|redrive|task|activity|run|graph|validate|test|deploy|whoami|configure|local|create-activity|create-state-machine|create-state-machine-alias|delete-activity|delete-state-machine|delete-state-machine-alias|delete-state-machine-version|describe-activity|describe-execution|describe-map-run|describe-state-machine|describe-state-machine-alias|describe-state-machine-for-execution|get-activity-task|get-execution-history|list-activities|list-executions|list-map-runs|list-state-machine-aliases|list-state-machine-versions|list-state-machines|list-tags-for-resource|publish-state-machine-version|redrive-execution|send-task-failure|send-task-heartbeat|send-task-success|start-execution|start-sync-execution|stop-execution|tag-resource|test-state|untag-resource|update-map-run|update-state-machine|update-state-machine-alias|validate-state-machine-definition|help)
        # Offer subcommand argument completions
        "_sfn_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'start wait describe output history executions logs machines activities stop redrive task activity run graph validate test deploy whoami configure local create-activity create-state-machine create-state-machine-alias delete-activity delete-state-machine delete-state-machine-alias delete-state-machine-version describe-activity describe-execution describe-map-run describe-state-machine describe-state-machine-alias describe-state-machine-for-execution get-activity-task get-execution-history list-activities list-executions list-map-runs list-state-machine-aliases list-state-machine-versions list-state-machines list-tags-for-resource publish-state-machine-version redrive-execution send-task-failure send-task-heartbeat send-task-success start-execution start-sync-execution stop-execution tag-resource test-state untag-resource update-map-run update-state-machine update-state-machine-alias validate-state-machine-definition help' -- "${cur}"))
        ;;
    esac
}

_sfn_start() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --wait --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --input --name --timeout --trace-header)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--input')
        return
        ;;
    '--name')
        return
        ;;
    '--timeout')
        return
        ;;
    '--trace-header')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion start -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_wait() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --timeout)
    __sfn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion wait -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_describe() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_output() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion output -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_history() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --follow --reverse --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --limit)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--limit')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion history -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_executions() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --status --since --until --name-prefix --limit)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--status')
        __sfn_add_completions -W 'RUNNING'$'\n''SUCCEEDED'$'\n''FAILED'$'\n''TIMED_OUT'$'\n''ABORTED'$'\n''PENDING_REDRIVE'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--name-prefix')
        return
        ;;
    '--limit')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion executions -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_logs() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --follow --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --since --until --status --limit)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--status')
        __sfn_add_completions -W 'RUNNING'$'\n''SUCCEEDED'$'\n''FAILED'$'\n''TIMED_OUT'$'\n''ABORTED'$'\n''PENDING_REDRIVE'
        return
        ;;
    '--limit')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion logs -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_machines() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_activities() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_stop() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --error --cause)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--error')
        return
        ;;
    '--cause')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion stop -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_redrive() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --wait --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --timeout)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion redrive -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_task() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sfn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    success|failure|heartbeat)
        # Offer subcommand argument completions
        "_sfn_task_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'success failure heartbeat' -- "${cur}"))
        ;;
    esac
}

_sfn_task_success() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --task-output)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--task-output')
        return
        ;;
    esac
}

_sfn_task_failure() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --error --cause)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--error')
        return
        ;;
    '--cause')
        return
        ;;
    esac
}

_sfn_task_heartbeat() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_activity() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sfn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    worker)
        # Offer subcommand argument completions
        "_sfn_activity_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'worker' -- "${cur}"))
        ;;
    esac
}

_sfn_activity_worker() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --worker-name --heartbeat --max-tasks)
    __sfn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--worker-name')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--max-tasks')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion activity worker -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_run() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --raw --history --version -h --help)
    repeating_options=(--task --state-machine)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --input --name --mock-config --test-case --s3-root --wait-scale --timeout)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--input')
        return
        ;;
    '--name')
        return
        ;;
    '--mock-config')
        return
        ;;
    '--test-case')
        return
        ;;
    '--task')
        return
        ;;
    '--s3-root')
        return
        ;;
    '--state-machine')
        return
        ;;
    '--wait-scale')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_sfn_graph() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --ascii --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --format --output-file --history)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--format')
        __sfn_add_completions -W 'text'$'\n''svg'$'\n''dot'$'\n''mermaid'
        return
        ;;
    '--output-file')
        __sfn_add_completions -f
        return
        ;;
    '--history')
        __sfn_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -f
        return
        ;;
    esac
}

_sfn_validate() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --remote --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --type)
    __sfn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--type')
        __sfn_add_completions -W 'STANDARD'$'\n''EXPRESS'
        return
        ;;
    esac
}

_sfn_test() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --coverage --remote --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --junit --min-coverage --role-arn --init)
    __sfn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--junit')
        return
        ;;
    '--min-coverage')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--init')
        return
        ;;
    esac
}

_sfn_deploy() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --publish --include-execution-data --tracing --no-tracing --dry-run --check-role --version -h --help)
    repeating_options=(--tags)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --definition --role-arn --type --version-description --alias --logging --log-group)
    __sfn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--definition')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--type')
        __sfn_add_completions -W 'STANDARD'$'\n''EXPRESS'
        return
        ;;
    '--version-description')
        return
        ;;
    '--alias')
        return
        ;;
    '--logging')
        __sfn_add_completions -W 'ALL'$'\n''ERROR'$'\n''FATAL'$'\n''OFF'
        return
        ;;
    '--log-group')
        return
        ;;
    '--tags')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion deploy -- positional@0 "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_whoami() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_configure() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sfn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list)
        # Offer subcommand argument completions
        "_sfn_configure_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list' -- "${cur}"))
        ;;
    esac
}

_sfn_configure_list() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_sfn_local() {
    repeating_flags=()
    non_repeating_flags=(--in-memory --require-signature --version -h --help)
    repeating_options=()
    non_repeating_options=(--port --host --data --mock-config --wait-scale --s3-root --region --account --credentials)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--port')
        return
        ;;
    '--host')
        return
        ;;
    '--data')
        __sfn_add_completions -d
        return
        ;;
    '--mock-config')
        __sfn_add_completions -f
        return
        ;;
    '--wait-scale')
        return
        ;;
    '--s3-root')
        __sfn_add_completions -d
        return
        ;;
    '--region')
        return
        ;;
    '--account')
        return
        ;;
    '--credentials')
        __sfn_add_completions -f
        return
        ;;
    esac
}

_sfn_create-activity() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=(--tags)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --name --encryption-configuration)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--name')
        return
        ;;
    '--tags')
        return
        ;;
    '--encryption-configuration')
        return
        ;;
    esac
}

_sfn_create-state-machine() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --publish --no-publish --no-validate --version -h --help)
    repeating_options=(--tags)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --name --definition --role-arn --type --logging-configuration --tracing-configuration --version-description --encryption-configuration)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--name')
        return
        ;;
    '--definition')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--type')
        return
        ;;
    '--logging-configuration')
        return
        ;;
    '--tags')
        return
        ;;
    '--tracing-configuration')
        return
        ;;
    '--version-description')
        return
        ;;
    '--encryption-configuration')
        return
        ;;
    esac
}

_sfn_create-state-machine-alias() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=(--routing-configuration)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --description --name)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--description')
        return
        ;;
    '--name')
        return
        ;;
    '--routing-configuration')
        return
        ;;
    esac
}

_sfn_delete-activity() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --activity-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--activity-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion delete-activity -- --activity-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_delete-state-machine() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion delete-state-machine -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_delete-state-machine-alias() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-alias-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-alias-arn')
        return
        ;;
    esac
}

_sfn_delete-state-machine-version() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-version-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-version-arn')
        return
        ;;
    esac
}

_sfn_describe-activity() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --activity-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--activity-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion describe-activity -- --activity-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_sfn_describe-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --execution-arn --included-data)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion describe-execution -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--included-data')
        return
        ;;
    esac
}

_sfn_describe-map-run() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --map-run-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--map-run-arn')
        return
        ;;
    esac
}

_sfn_describe-state-machine() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn --included-data)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion describe-state-machine -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--included-data')
        return
        ;;
    esac
}

_sfn_describe-state-machine-alias() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-alias-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-alias-arn')
        return
        ;;
    esac
}

_sfn_describe-state-machine-for-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --execution-arn --included-data)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion describe-state-machine-for-execution -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--included-data')
        return
        ;;
    esac
}

_sfn_get-activity-task() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --activity-arn --worker-name)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--activity-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion get-activity-task -- --activity-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--worker-name')
        return
        ;;
    esac
}

_sfn_get-execution-history() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --reverse-order --no-reverse-order --include-execution-data --no-include-execution-data --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --execution-arn --max-results --next-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion get-execution-history -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--max-results')
        return
        ;;
    '--next-token')
        return
        ;;
    esac
}

_sfn_list-activities() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --max-results --next-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--max-results')
        return
        ;;
    '--next-token')
        return
        ;;
    esac
}

_sfn_list-executions() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --state-machine-arn --status-filter --max-results --next-token --map-run-arn --redrive-filter)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion list-executions -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--status-filter')
        return
        ;;
    '--max-results')
        return
        ;;
    '--next-token')
        return
        ;;
    '--map-run-arn')
        return
        ;;
    '--redrive-filter')
        return
        ;;
    esac
}

_sfn_list-map-runs() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --execution-arn --max-results --next-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion list-map-runs -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--max-results')
        return
        ;;
    '--next-token')
        return
        ;;
    esac
}

_sfn_list-state-machine-aliases() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --state-machine-arn --next-token --max-results)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion list-state-machine-aliases -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--next-token')
        return
        ;;
    '--max-results')
        return
        ;;
    esac
}

_sfn_list-state-machine-versions() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --state-machine-arn --next-token --max-results)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion list-state-machine-versions -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--next-token')
        return
        ;;
    '--max-results')
        return
        ;;
    esac
}

_sfn_list-state-machines() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --max-items --starting-token --page-size --max-results --next-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--max-items')
        return
        ;;
    '--starting-token')
        return
        ;;
    '--page-size')
        return
        ;;
    '--max-results')
        return
        ;;
    '--next-token')
        return
        ;;
    esac
}

_sfn_list-tags-for-resource() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --resource-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--resource-arn')
        return
        ;;
    esac
}

_sfn_publish-state-machine-version() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn --revision-id --description)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion publish-state-machine-version -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--revision-id')
        return
        ;;
    '--description')
        return
        ;;
    esac
}

_sfn_redrive-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --execution-arn --client-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion redrive-execution -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--client-token')
        return
        ;;
    esac
}

_sfn_send-task-failure() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --task-token --error --cause)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--task-token')
        return
        ;;
    '--error')
        return
        ;;
    '--cause')
        return
        ;;
    esac
}

_sfn_send-task-heartbeat() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --task-token)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--task-token')
        return
        ;;
    esac
}

_sfn_send-task-success() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --task-token --task-output)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--task-token')
        return
        ;;
    '--task-output')
        return
        ;;
    esac
}

_sfn_start-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn --name --input --trace-header)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion start-execution -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--name')
        return
        ;;
    '--input')
        return
        ;;
    '--trace-header')
        return
        ;;
    esac
}

_sfn_start-sync-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn --name --input --trace-header --included-data)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion start-sync-execution -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--name')
        return
        ;;
    '--input')
        return
        ;;
    '--trace-header')
        return
        ;;
    '--included-data')
        return
        ;;
    esac
}

_sfn_stop-execution() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --execution-arn --error --cause)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--execution-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion stop-execution -- --execution-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--error')
        return
        ;;
    '--cause')
        return
        ;;
    esac
}

_sfn_tag-resource() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=(--tags)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --resource-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--resource-arn')
        return
        ;;
    '--tags')
        return
        ;;
    esac
}

_sfn_test-state() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --reveal-secrets --no-reveal-secrets --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --definition --role-arn --input --inspection-level --variables --state-name --mock --context --state-configuration)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--definition')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--input')
        return
        ;;
    '--inspection-level')
        return
        ;;
    '--variables')
        return
        ;;
    '--state-name')
        return
        ;;
    '--mock')
        return
        ;;
    '--context')
        return
        ;;
    '--state-configuration')
        return
        ;;
    esac
}

_sfn_untag-resource() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=(--tag-keys)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --resource-arn)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--resource-arn')
        return
        ;;
    '--tag-keys')
        return
        ;;
    esac
}

_sfn_update-map-run() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --map-run-arn --max-concurrency --tolerated-failure-percentage --tolerated-failure-count)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--map-run-arn')
        return
        ;;
    '--max-concurrency')
        return
        ;;
    '--tolerated-failure-percentage')
        return
        ;;
    '--tolerated-failure-count')
        return
        ;;
    esac
}

_sfn_update-state-machine() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --publish --no-publish --no-validate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-arn --definition --role-arn --logging-configuration --tracing-configuration --version-description --encryption-configuration)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-arn')
        __sfn_add_completions -W "$(__sfn_custom_complete ---completion update-state-machine -- --state-machine-arn "${COMP_CWORD}" "$(__sfn_cursor_index_in_current_word)")"
        return
        ;;
    '--definition')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--logging-configuration')
        return
        ;;
    '--tracing-configuration')
        return
        ;;
    '--version-description')
        return
        ;;
    '--encryption-configuration')
        return
        ;;
    esac
}

_sfn_update-state-machine-alias() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=(--routing-configuration)
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --state-machine-alias-arn --description)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--state-machine-alias-arn')
        return
        ;;
    '--description')
        return
        ;;
    '--routing-configuration')
        return
        ;;
    esac
}

_sfn_validate-state-machine-definition() {
    repeating_flags=()
    non_repeating_flags=(--debug --no-verify-ssl --no-paginate --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --output --query --color --ca-bundle --cli-connect-timeout --cli-read-timeout --max-attempts --error-format --cli-input-json --generate-cli-skeleton --definition --type --severity --max-results)
    __sfn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--output')
        __sfn_add_completions -W 'json'$'\n''table'$'\n''text'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __sfn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--max-attempts')
        return
        ;;
    '--error-format')
        __sfn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--generate-cli-skeleton')
        return
        ;;
    '--definition')
        return
        ;;
    '--type')
        return
        ;;
    '--severity')
        return
        ;;
    '--max-results')
        return
        ;;
    esac
}

_sfn_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __sfn_offer_flags_options -1
}


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
