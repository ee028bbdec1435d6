#!/usr/bin/env bash
# Plays 03_admin_console_change.scs against a live Openfire with the plugin, and while it waits makes the
# change it expects through the admin console (no XMPP request): tybalt@localhost becomes a member of
# afn-v3-console. The scenario then needs the occupant to be told within the sweep interval and the next
# rejoin's diff to carry the change.
#   admin-console-change.sh [path/to/run_scs.py]    (admin console at $OF_URL, admin/admin by default)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runner=${1:-$here/../../../../../shared/tools/scansion/run_scs.py}
python3 "$runner" --lenient --timeout 40 "$here/03_admin_console_change.scs" &
scenario=$!
sleep 4 # the room exists and Juliet has left by then
"$here/admin-console-affiliation.sh" afn-v3-console tybalt@localhost member
wait "$scenario"
