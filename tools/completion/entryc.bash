# bash completion for entryc. Commands and options are read from
# `entryc --help` and `entryc COMMAND --help`, so they follow the binary.
_entryc_commands() {
  "$1" --help 2>/dev/null | awk '/^commands:/{c=1; next} /^$/{c=0} c{print $1}'
}

_entryc_options() {
  "$1" "$2" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

_entryc() {
  local cur prev exe cmd i
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  exe="${COMP_WORDS[0]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      -*) ;;
      *) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version --color=auto --color=always --color=never" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_entryc_commands "$exe")" -- "$cur"))
    fi
    return 0
  fi
  case "$prev" in
    --plugin-dir|--state-dir) COMPREPLY=($(compgen -d -- "$cur")); return 0 ;;
    --project|--config|--state|--out|-o) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    --preset) COMPREPLY=($(compgen -W "recommended all" -- "$cur")); return 0 ;;
    --edition) COMPREPLY=($(compgen -W "ce ent" -- "$cur")); return 0 ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning note" -- "$cur")); return 0 ;;
    --format)
      case "$cmd" in
        graph) COMPREPLY=($(compgen -W "dot svg" -- "$cur")) ;;
        plan|check) COMPREPLY=($(compgen -W "human json" -- "$cur")) ;;
        emit) COMPREPLY=($(compgen -W "http curl consul-cli" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "pretty compact json sarif" -- "$cur")) ;;
      esac
      return 0 ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_entryc_options "$exe" "$cmd") --help" -- "$cur"))
  elif [[ "$cmd" == explain ]]; then
    COMPREPLY=($(compgen -W "$("$exe" rules --all 2>/dev/null | awk '{print $1}')" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -o bashdefault -F _entryc entryc
