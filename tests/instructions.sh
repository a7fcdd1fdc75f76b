#!/usr/bin/env bash
# Instructions per call of the benchmark's contenders on its inputs, counted by callgrind: the figures no
# other load on the machine changes (docs/performance.md). Each contender runs on each input N and then 2N
# times in `tests/src/bin/profile.rs`; the difference divided by N cancels the set-up (reading the input,
# compiling the tables, the process itself).
#
#   bash tests/instructions.sh                                   # the default contenders and inputs
#   CONTENDERS="project project-detected" INPUTS="confirm create-1" bash tests/instructions.sh
#   PROFILE=path/to/profile bash tests/instructions.sh           # another build's binary, to compare
#
# Prints a Markdown table: one row per input, one column per contender, then each contender's ratio to the
# floor (serde_json reading the same bytes into IgnoredAny) when the floor is among the contenders, and
# project-typed ÷ serde-typed when both are. N is 200 for the small documents and create-1, 100 for
# create-10, 20 for create-100 and the invalid inputs, 2 for create-1000 (set N to override). Needs valgrind.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
command -v valgrind >/dev/null || { echo "error: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
contenders=(${CONTENDERS:-floor project project-detected project-schema project-typed serde-typed})
inputs=(${INPUTS:-confirm pay-invoice payment-confirmation payment-confirmation-response payment-response create-1 create-10 create-100 invalid-1 invalid-20})
profile="${PROFILE:-}"
if [ -z "$profile" ]; then
    (cd "$root" && cargo build --quiet --release --locked -p bc-invoice-tests --bin profile)
    profile="${CARGO_TARGET_DIR:-$root/target}/release/profile"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

runs_for() {
    if [ -n "${N:-}" ]; then echo "$N"; return; fi
    case "$1" in
        create-10) echo 100 ;;
        create-100 | invalid-*) echo 20 ;;
        create-1000) echo 2 ;;
        *) echo 200 ;;
    esac
}

# Instructions of one run of the profiler.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$work/out" "$profile" "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

header="| input |"
rule="|---|"
for contender in "${contenders[@]}"; do header+=" $contender |"; rule+="---:|"; done
has_floor=false
for contender in "${contenders[@]}"; do [ "$contender" = floor ] && has_floor=true; done
if $has_floor; then
    for contender in "${contenders[@]}"; do
        case "$contender" in floor | project-typed | serde-typed) ;; *) header+=" $contender ÷ floor |"; rule+="---:|" ;; esac
    done
fi
has_typed=false
case " ${contenders[*]} " in *" project-typed "*) case " ${contenders[*]} " in *" serde-typed "*) has_typed=true ;; esac ;; esac
if $has_typed; then header+=" project-typed ÷ serde-typed |"; rule+="---:|"; fi
built="$(git -C "$root" rev-parse --short HEAD)"
[ -n "${PROFILE:-}" ] && built="$PROFILE"
echo "Instructions per call (callgrind, (I(2N) − I(N)) ÷ N), $built, $(rustc --version | cut -d' ' -f1-2):"
echo
echo "$header"
echo "$rule"
for input in "${inputs[@]}"; do
    n=$(runs_for "$input")
    row="| $input |"
    declare -A per_call=()
    for contender in "${contenders[@]}"; do
        once=$(count "$contender" "$input" "$n")
        twice=$(count "$contender" "$input" "$((2 * n))")
        per_call[$contender]=$(( (twice - once) / n ))
        row+=" ${per_call[$contender]} |"
    done
    if $has_floor; then
        for contender in "${contenders[@]}"; do
            case "$contender" in
                floor | project-typed | serde-typed) ;;
                *) row+=" $(awk -v a="${per_call[$contender]}" -v b="${per_call[floor]}" 'BEGIN { printf "%.2f×", a / b }') |" ;;
            esac
        done
    fi
    if $has_typed; then
        row+=" $(awk -v a="${per_call[project-typed]}" -v b="${per_call[serde-typed]}" 'BEGIN { printf "%.2f×", a / b }') |"
    fi
    echo "$row"
    unset per_call
done
