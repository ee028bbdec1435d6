#!/usr/bin/env bash
# Records what Openfire's own GroupJID says of group names and decoy JIDs, for GroupJidsTest (GroupJids must
# agree with it: the requests package may not import Openfire, so it has its own copy of the rule).
#
#   src/test/openfire-groupjids/record.sh OPENFIRE_DIR [VERSION]
#
# OPENFIRE_DIR: an Openfire distribution (the directory an admin unpacks; its lib/ holds xmppserver-*.jar and
# every jar it needs), downloaded or built from Openfire's source. VERSION: the label of the file written,
# src/test/resources/net/mucaffiliationnotify/requests/openfire-VERSION-group-jids.tsv (default: the version in
# the xmppserver jar's name). Runs Recorder.java beside this script as a single-file program on those jars:
# no Maven, no server started (Openfire may still print that its home directory is not configured).
# Needs Java 17 or later.
set -euo pipefail
dir=${1:?usage: record.sh OPENFIRE_DIR [VERSION]}
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../../.." && pwd)
shopt -s nullglob
xmppserver=("$dir"/lib/xmppserver-*.jar)
if [ ${#xmppserver[@]} -ne 1 ]; then
    echo "$dir/lib must hold exactly one xmppserver-*.jar" >&2
    exit 1
fi
jar_version=$(basename "${xmppserver[0]}" .jar); jar_version=${jar_version#xmppserver-}
version=${2:-$jar_version}
if [ "$jar_version" != "$version" ]; then
    echo "note: $(basename "${xmppserver[0]}") recorded as $version" >&2
fi
origin="recorded $(date -u +%F) from $(basename "${xmppserver[0]}")"
if [ -f "$dir/BUILT_FROM" ]; then
    origin="$origin, built from Openfire's source, $(cut -d' ' -f1,2 "$dir/BUILT_FROM" | sed 's/ / commit /')"
fi
out="$project/src/test/resources/net/mucaffiliationnotify/requests/openfire-$version-group-jids.tsv"
mkdir -p "$(dirname "$out")"
java -cp "$(cd "$dir" && pwd)/lib/*" "$here/Recorder.java" "$out" "$version" "$origin"
