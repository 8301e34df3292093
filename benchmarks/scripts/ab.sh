#!/usr/bin/env bash
# A/B of sensor-stats launcher runs, interleaved: ab.sh ROUNDS INPUT_GLOB "label|bundle|flags" "label|bundle|flags" ...
# Prints processing (in-JVM wall) and CPU seconds per run; compare CPU time on a busy machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
rounds=$1; input=$2; shift 2
opens=$(sed -n '/^JAVA17_OPENS=(/,/^)/p' "$ROOT/beamline" | grep -- '^ *-' | tr -d ' ' | tr '\n' ' ')
for r in $(seq 1 "$rounds"); do
  for cfg in "$@"; do
    IFS='|' read -r label bundle flags <<<"$cfg"
    out=$(mktemp -d)
    # shellcheck disable=SC2086
    res=$(java $opens -Xmx4g -Dbeamline.home="$ROOT" -cp "$bundle" dev.beamline.launcher.Main run sensor-stats \
      --input="$input" --output="$out/r" --deadLetters="$out/d" $flags 2>/dev/null \
      | awk '/^  wall time /{w=$3} /^  cpu time /{c=$3} /^  valid_events /{v=$2} END{print w, c, v}')
    echo "round $r  $label  processing/cpu/valid: $res"
    rm -rf "$out"
  done
done
