#!/usr/bin/env bash
# Starts the console with zero setup: SQLite in memory, memory cache, guest
# sign-in. Open http://localhost:3000 (the backend listens on :7007).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
set -euo pipefail
exec yarn start
