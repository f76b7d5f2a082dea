#!/bin/sh
# regen.sh [CASE...] -- regenerate tests/js/expected from real node (v20).
# CI never runs this: it only compares ghjs with the committed outputs.
# stderr is kept (NAME.err) only for cases whose name starts with "err_"
# or "seed_uncaught"; other stderr (deprecation warnings...) is not compared.
here=$(cd "$(dirname "$0")" && pwd)
cases="$here/cases"
exp="$here/expected"
command -v node >/dev/null || { echo "regen.sh needs node" >&2; exit 1; }
mask() {
    sed -e "s#$cases#<DIR>#g" -e 's/(node:[0-9]*)/(node:PID)/g' \
        -e 's/[0-9][0-9]*\.[0-9][0-9] MB/N MB/g' -e 's/^\[[0-9]*:0x[0-9a-f]*\] .*/[GC LINE]/'
}
[ $# -gt 0 ] || set -- "$cases"/*.js
for js in "$@"; do
    name=$(basename "$js" .js)
    flags=
    args=
    [ -f "$cases/$name.flags" ] && flags=$(cat "$cases/$name.flags")
    [ -f "$cases/$name.args" ] && args=$(cat "$cases/$name.args")
    cd "$cases" || exit 1
    # shellcheck disable=SC2086
    node $flags "$name.js" $args >"$exp/$name.out.raw" 2>"$exp/$name.err.raw" </dev/null
    code=$?
    mask <"$exp/$name.out.raw" >"$exp/$name.out"
    case $name in
        err_* | seed_uncaught) mask <"$exp/$name.err.raw" >"$exp/$name.err" ;;
        *) rm -f "$exp/$name.err" ;;
    esac
    rm -f "$exp/$name.out.raw" "$exp/$name.err.raw"
    if [ "$code" != 0 ]; then echo "$code" >"$exp/$name.code"; else rm -f "$exp/$name.code"; fi
    echo "$name: exit $code"
done
