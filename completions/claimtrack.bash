# bash completion for claimtrack                                  -*- sh -*-
#
# Commands, options and their values; report formats from the program itself
# (claimtrack --list-formats), for --format and --report FORMAT:FILE; conflict
# ids for review and show (from claimtrack check --format json of the paths on
# the line); file names with spaces.

# The words of the line up to the cursor, with "FORMAT" ":" "FILE" joined back
# into one word (bash splits words at ':', which is in COMP_WORDBREAKS).
# Sets the caller's words and cword.
_claimtrack_words()
{
    words=()
    local i w
    for ((i = 0; i <= COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if ((${#words[@]} > 1)) && [[ $w == : || ${words[-1]} == *: ]]; then
            words[-1]+=$w
        else
            words+=("$w")
        fi
    done
    cword=$((${#words[@]} - 1))
}

# A word as the shell will read it: backslash escapes and a leading quote dropped.
_claimtrack_dequote()
{
    local in=$1 out="" c
    in=${in#[\"\']}
    in=${in%[\"\']}
    while [[ -n $in ]]; do
        c=${in:0:1}
        in=${in:1}
        if [[ $c == \\ && -n $in ]]; then
            c=${in:0:1}
            in=${in:1}
        fi
        out+=$c
    done
    printf '%s' "$out"
}

# Reply with the lines of standard input that start with the current word
# (no word splitting: names with spaces stay whole).
_claimtrack_reply()
{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        [[ $line == "$1"* ]] && COMPREPLY+=("$line")
    done
}

_claimtrack_files()
{
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$(_claimtrack_dequote "$1")")
}

_claimtrack()
{
    local bin=${1:-claimtrack} words cword cur prev cmd
    [[ $bin == */* || $bin == claimtrack ]] || bin=claimtrack
    _claimtrack_words
    cur=${words[cword]}
    prev=${words[cword - 1]}
    cmd=${words[1]}
    local commands="validate check review topics show sources claims export suggest init serve help"
    if [ "$cword" -eq 1 ]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
        return
    fi
    case $prev in
    --format | -f)
        if [ "$cmd" = export ]; then
            mapfile -t COMPREPLY < <(compgen -W "json xml csv" -- "$cur")
        elif [ "$cmd" = suggest ]; then
            mapfile -t COMPREPLY < <(compgen -W "jsonl json text" -- "$cur")
        elif [ "$cmd" = claims ]; then
            mapfile -t COMPREPLY < <(compgen -W "text json csv" -- "$cur")
        else
            _claimtrack_reply "$cur" < <("$bin" --list-formats 2>/dev/null)
        fi
        return
        ;;
    --report)
        if [[ $cur == *:* ]]; then
            # FORMAT:FILE: complete the file; bash replaces only the text after ':'
            local file
            file=$(_claimtrack_dequote "${cur#*:}")
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$file")
        else
            compopt -o nospace 2>/dev/null
            _claimtrack_reply "$cur" < <("$bin" --list-formats 2>/dev/null | sed 's/$/:/')
        fi
        return
        ;;
    --fail-on)
        mapfile -t COMPREPLY < <(compgen -W "unreviewed stale conflict new none" -- "$cur")
        return
        ;;
    --status)
        mapfile -t COMPREPLY < <(compgen -W "confirmed dismissed resolved" -- "$cur")
        return
        ;;
    --color)
        mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
        return
        ;;
    --archive)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$(_claimtrack_dequote "$cur")")
        return
        ;;
    --port | -p | --bind)
        return
        ;;
    -o | --output | --reviews | --baseline)
        _claimtrack_files "$cur"
        return
        ;;
    --source | -s | --topic | -t | --published | --subject)
        [[ $cmd == suggest || $cmd == claims ]] && return
        ;;
    --note | --by | --date | --prefer | --jobs | -j | --max-input-size)
        return
        ;;
    esac
    local opts=""
    case $cmd in
    validate) opts="--archive --require-archive --jobs --max-input-size --help" ;;
    check) opts="--format --output --report --fail-on --baseline --reviews --color --archive --jobs --max-input-size --junit-extensions --sarif-include-reviewed --csv-bom --only-blocking --help" ;;
    review) opts="--status --prefer --note --by --date --reviews --prune --upgrade --help" ;;
    show) opts="--color --help" ;;
    sources) opts="--matrix --help" ;;
    claims) opts="--topic --subject --source --format --output --reviews --csv-bom --help" ;;
    export) opts="--format --csv-bom --output --help" ;;
    suggest) opts="--source --topic --published --format --help" ;;
    serve) opts="--port --bind --reviews --help" ;;
    help)
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
        return
        ;;
    *) opts="--help" ;;
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return
    fi
    # review and show: the first operand is a conflict id, of the paths given
    # anywhere on the line (default: claims/)
    if [[ $cmd == review || $cmd == show ]]; then
        local i w has_id=0 paths=()
        for ((i = 2; i < ${#COMP_WORDS[@]}; i++)); do
            w=${COMP_WORDS[i]}
            case $w in
            --status | --prefer | --note | --by | --date | --reviews | --color) ((i++)) ;;
            -* | '') ;;
            *)
                if ((i == COMP_CWORD)); then
                    continue
                elif [[ $w == [Cc][Tt]-* ]]; then
                    ((i < COMP_CWORD)) && has_id=1
                else
                    paths+=("$(_claimtrack_dequote "$w")")
                fi
                ;;
            esac
        done
        if ((!has_id)); then
            _claimtrack_reply "$cur" < <("$bin" check --fail-on none --format json "${paths[@]}" 2>/dev/null |
                sed -n 's/^ *"id": "\(CT-[0-9a-f]*\)".*/\1/p' | sort -u)
            return
        fi
    fi
    _claimtrack_files "$cur"
}
complete -F _claimtrack claimtrack
