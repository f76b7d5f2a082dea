#!/bin/sh
# Install the library into a scratch prefix, then build and run a consumer
# with find_package(genheap) and with pkg-config.
# usage: run.sh SOURCE_DIR BUILD_DIR CMAKE
set -eu
src=$1 build=$2 cmake=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
"$cmake" -S "$src/tests/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake" --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer"
"$work/cmake-build/consumer_diag"
if command -v pkg-config >/dev/null 2>&1; then
  pc_dir=$(dirname "$(find "$work/prefix" -name genheap.pc | head -n 1)")
  flags=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs genheap)
  # shellcheck disable=SC2086
  cc -std=c11 -o "$work/consumer-pc" "$src/tests/consumer/consumer.c" $flags
  "$work/consumer-pc"
else
  echo "pkg-config not installed: skipped the pkg-config half" >&2
fi
