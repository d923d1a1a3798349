# bash completion for claimtrack
_claimtrack()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    local commands="validate check review topics show sources export init help"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
    --format|-f)
        if [ "$cmd" = export ]; then
            COMPREPLY=($(compgen -W "json xml" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "text json xml markdown junit sarif html csv" -- "$cur"))
        fi
        return ;;
    --fail-on) COMPREPLY=($(compgen -W "unreviewed stale conflict new none" -- "$cur")); return ;;
    --status) COMPREPLY=($(compgen -W "confirmed dismissed resolved" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --archive) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o|--output|--reviews) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    local opts=""
    case $cmd in
    validate) opts="--archive --jobs --max-input-size --help" ;;
    check) opts="--format --output --report --fail-on --baseline --reviews --color --archive --jobs --max-input-size --help" ;;
    review) opts="--status --prefer --note --by --date --reviews --prune --upgrade --help" ;;
    show) opts="--color --help" ;;
    export) opts="--format --output --help" ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    *) opts="--help" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _claimtrack claimtrack
