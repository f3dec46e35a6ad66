# bash completion for curtail(1); installed as
# share/bash-completion/completions/curtail by `make install`.
_curtail()
{
    local cur prev cmd
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "validate plan schedule explain export policy --help --version" -- "$cur"))
        return 0
    fi
    case "$prev" in
    --format)
        case "$cmd" in
        export) COMPREPLY=($(compgen -W "lp mps" -- "$cur")) ;;
        plan | schedule) COMPREPLY=($(compgen -W "json csv md html xlsx" -- "$cur")) ;;
        explain) COMPREPLY=($(compgen -W "md json" -- "$cur")) ;;
        esac
        return 0
        ;;
    --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return 0 ;;
    --level) COMPREPLY=($(compgen -W "yellow orange red" -- "$cur")); return 0 ;;
    --solver) COMPREPLY=($(compgen -W "glpk clp" -- "$cur")); return 0 ;;
    --time-limit | --enterprise) return 0 ;;
    -o | --output)
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    esac
    if [[ "$cur" == -* ]]; then
        case "$cmd" in
        plan)
            COMPREPLY=($(compgen -W "--format --output -o --lang --bom --public --time-limit --solver --help" -- "$cur")) ;;
        schedule)
            COMPREPLY=($(compgen -W "--format --output -o --lang --bom --time-limit --solver --help" -- "$cur")) ;;
        explain)
            COMPREPLY=($(compgen -W "--enterprise --level --format --output -o --lang --time-limit --solver --help" -- "$cur")) ;;
        export) COMPREPLY=($(compgen -W "--level --format --output -o --solver --help" -- "$cur")) ;;
        validate) COMPREPLY=($(compgen -W "--lang --help" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
        esac
        return 0
    fi
    case "$cmd" in
    validate | plan | schedule | explain | export)
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
        ;;
    esac
    return 0
}
complete -F _curtail curtail
