#!/usr/bin/env bash
# A plain CI step: check every unit's tables, write the ledgers, fail the pipeline on errors.
# Usage: Samples/ci/check-and-publish.sh [SHARD]   e.g. SHARD=2/4 on the second of four runners.
set -euo pipefail
cd "$(dirname "$0")/../.."
make release
shard=${1:-1/1}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
# Exit status: 0 all ok (warnings allowed), 1 a job has errors or failed: the pipeline stops on 1.
.build/release/tracksheet batch run Samples/ci/jobs.toml -o out/ci --shard "$shard" \
    --junit out/ci/junit.xml --no-timing
echo "ledgers and manifest in out/ci/"
