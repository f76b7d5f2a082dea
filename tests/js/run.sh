#!/bin/sh
# run.sh GHJS CASE.js EXPECTED_DIR -- run one test script under ghjs and
# compare with what node printed (tests/js/regen.sh wrote EXPECTED_DIR):
#   NAME.out   stdout (memory figures and paths masked, see mask below)
#   NAME.err   stderr, compared only when the file exists
#   NAME.code  the exit status, when not 0
# A case may have NAME.flags (interpreter flags) and NAME.args (script
# arguments) next to it.  GENHEAP_STRESS and the like pass through.
# Where ghjs may legitimately differ from node in how far it gets (the OOM
# seed dies after a different number of steps: genheap counts large objects
# against the old-space limit), NAME.lines holds a regular expression that
# every stdout line must match instead, and NAME.errgrep one that stderr
# must contain, and NAME.outgrep regular expressions (one a line) that
# stdout must contain.  These look at the unmasked output.
ghjs=$1
js=$2
exp=$(cd "$3" && pwd)
dir=$(cd "$(dirname "$js")" && pwd)
name=$(basename "$js" .js)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=
args=
[ -f "$dir/$name.flags" ] && flags=$(cat "$dir/$name.flags")
[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
mask() {
    sed -e "s#$dir#<DIR>#g" -e 's/(node:[0-9]*)/(node:PID)/g' \
        -e 's/[0-9][0-9]*\.[0-9][0-9] MB/N MB/g' -e 's/^\[[0-9]*:0x[0-9a-f]*\] .*/[GC LINE]/'
}
cd "$dir" || exit 2
# shellcheck disable=SC2086
"$ghjs" $flags "$name.js" $args >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
code=$?
fail=0
mask <"$tmp/stdout" >"$tmp/stdout.m"
if [ -f "$dir/$name.lines" ]; then
    if [ ! -s "$tmp/stdout" ] || grep -v -E -q "$(cat "$dir/$name.lines")" "$tmp/stdout"; then
        echo "FAIL: stdout of $name has lines not matching $(cat "$dir/$name.lines")"
        cat "$tmp/stdout"
        fail=1
    fi
    if [ -f "$dir/$name.outgrep" ]; then
        while read -r re; do
            grep -q -E "$re" "$tmp/stdout" || { echo "FAIL: stdout of $name lacks $re"; fail=1; }
        done <"$dir/$name.outgrep"
    fi
    if [ -f "$dir/$name.errgrep" ] && ! grep -q -E "$(cat "$dir/$name.errgrep")" "$tmp/stderr"; then
        echo "FAIL: stderr of $name lacks $(cat "$dir/$name.errgrep")"
        fail=1
    fi
elif ! diff -u "$exp/$name.out" "$tmp/stdout.m"; then
    echo "FAIL: stdout of $name differs"
    fail=1
fi
want=0
[ -f "$exp/$name.code" ] && want=$(cat "$exp/$name.code")
if [ "$code" != "$want" ]; then
    echo "FAIL: $name exited with $code, expected $want"
    cat "$tmp/stderr"
    fail=1
fi
if [ -f "$exp/$name.err" ]; then
    mask <"$tmp/stderr" >"$tmp/stderr.m"
    if ! diff -u "$exp/$name.err" "$tmp/stderr.m"; then
        echo "FAIL: stderr of $name differs"
        fail=1
    fi
fi
# sanitizer builds: UBSan reports do not always stop the program
if grep -q -E "runtime error:|AddressSanitizer" "$tmp/stderr"; then
    echo "FAIL: sanitizer report from $name"
    cat "$tmp/stderr"
    fail=1
fi
exit $fail
