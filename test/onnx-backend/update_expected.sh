#!/usr/bin/env bash
# Regenerates test/onnx-backend/expected.txt from a run of every case of the
# ONNX backend test data with BUILD/bin/nnc (default build/).
#   test/onnx-backend/update_expected.sh [BUILD] [DATA]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
data="${2:-/usr/share/libonnx-testdata/data}"
out="$here/expected.txt"
: > "$out.new"
for folder in node pytorch-converted pytorch-operator simple; do
  /usr/bin/python3 "$here/check_backend.py" --nnc "$build/bin/nnc" \
    --data "$data" --folder "$folder" --expected "$out" --jobs "${JOBS:-2}" \
    --write "$out.new"
done
mv "$out.new" "$out"
echo "$(grep -c '^PASS' "$out") of $(wc -l < "$out") cases pass"
