#!/usr/bin/env bash
# Runs the real game window under a virtual X server with software Vulkan,
# plays a scripted game through every screen and saves a screenshot of each.
# Usage: scripts/tour.sh [OUT_DIR] [extra tour options, e.g. --agents 100000,
# --size 1920x1080 (the window's size, 1280x720 by default), --scale 150]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
shift || true

if ! command -v xvfb-run >/dev/null 2>&1 || [ ! -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth mesa-vulkan-drivers libvulkan1 >/dev/null
    else
        echo "scripts/tour.sh needs xvfb, xauth, mesa-vulkan-drivers and libvulkan1 (apt)" >&2
        exit 2
    fi
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
# The same build as `cargo test` (dev-dependencies unify features), so CI
# does not compile the dependencies a second time.
cargo build --quiet --tests
runtime_dir="$(mktemp -d)"
export XDG_RUNTIME_DIR="$runtime_dir"
trap 'rm -rf "$runtime_dir"' EXIT

# The virtual screen is the window's size (the tour's --size, if given).
size="1280x720"
previous=""
for arg in "$@"; do
    if [ "$previous" = "--size" ]; then size="$arg"; fi
    case "$arg" in --size=*) size="${arg#--size=}" ;; esac
    previous="$arg"
done

mkdir -p "$out"
xvfb-run -a -s "-screen 0 ${size}x24" "$CARGO_TARGET_DIR/debug/rapport" tour --out "$out" "$@" 2> >(grep -v -E "WARN|XDG_RUNTIME" >&2)

missing=0
for shot in 01_title 02_choose 03_plan 04_running 05_report 06_debrief 07_help 08_replays 09_compare 10_damaged_save \
    11_report_ghosts 12_rewinding 13_rewound_plan 14_branch_debrief 15_continuing 16_continued_plan \
    17_market_plan 18_market_audience 19_market_report 20_market_debrief 21_join_class 22_pause 23_settings \
    24_tutorial_move 25_tutorial_debrief; do
    if [ ! -s "$out/$shot.png" ]; then
        echo "missing or empty screenshot: $out/$shot.png" >&2
        missing=1
    fi
done
exit "$missing"
