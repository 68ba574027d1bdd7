#!/usr/bin/env bash
# The kit's speed beside PyTorch's on the same machine: teacher training (images/s) and one
# classification back-distillation step (ms), both on one thread (the kit's bench times one worker
# with one native thread). Usage: bench/side-by-side.sh [--install] [--steps N]
#   --install  first installs Debian's python3-torch (needs root; apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=100
while [ $# -gt 0 ]; do
  case "$1" in
    --install) apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-torch; shift ;;
    --steps) STEPS="$2"; shift 2 ;;
    *) echo "usage: $0 [--install] [--steps N]" >&2; exit 2 ;;
  esac
done
# Debian's python3-torch lives in the system Python; PYTHON overrides.
PY=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )}
if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "error: PyTorch is not installed for $PY; rerun with --install (Debian's python3-torch), install it yourself, or set PYTHON" >&2
  exit 2
fi
[ -f lib/target/ntk.jar ] || mvn -B -q package -DskipTests

KIT=$(java -Xmx512m -jar lib/target/ntk.jar bench --main-job none --steps "$STEPS")
TORCH=$("$PY" bench/torch_side_by_side.py --steps "$STEPS" --threads 1)
echo "$KIT"; echo; echo "$TORCH"; echo

kit_ips=$(echo "$KIT" | sed -n 's/^teacher training *\([0-9.]*\) images\/s.*/\1/p')
torch_ips=$(echo "$TORCH" | sed -n 's/^teacher training: \([0-9.]*\) images\/s/\1/p')
kit_ms=$(echo "$KIT" | sed -n 's/^back-distillation step (classification, batch 64) *\([0-9.]*\) ms.*/\1/p')
torch_ms=$(echo "$TORCH" | sed -n 's/^back-distillation step (classification, batch 64): \([0-9.]*\) ms/\1/p')
"$PY" - "$kit_ips" "$torch_ips" "$kit_ms" "$torch_ms" <<'PY'
import sys
ki, ti, km, tm = (float(a) for a in sys.argv[1:])
print("%-42s %12s %12s %8s" % ("", "kit", "PyTorch", "ratio"))
print("%-42s %12.0f %12.0f %8.2f  (kit / PyTorch; > 1: the kit is faster)" % ("teacher training, images/s", ki, ti, ki / ti))
print("%-42s %12.2f %12.2f %8.2f  (PyTorch / kit; > 1: the kit is faster)" % ("back-distillation step, ms", km, tm, tm / km))
PY
