#!/usr/bin/env bash
# Records the linkable API of one Openfire release from its real jars, for OpenfireApiCompatibilityTest.
#
#   src/test/openfire-api/record.sh OPENFIRE_DIR VERSION
#
# OPENFIRE_DIR: an Openfire distribution (the directory an admin unpacks; its lib/ holds xmppserver-*.jar and
# the tinder-*.jar it ships), downloaded or built from Openfire's source. VERSION: the label of the file
# written, src/test/openfire-api/VERSION.api (e.g. 5.1.1, 5.2.0-SNAPSHOT). Every .api file in this folder is a
# supported release: the test fails when the plugin links against anything one of them lacks.
# Run from anywhere; needs Maven (to compile the recorder, a test class) and Java 17.
set -euo pipefail
dir=${1:?usage: record.sh OPENFIRE_DIR VERSION}
version=${2:?usage: record.sh OPENFIRE_DIR VERSION}
project=$(cd "$(dirname "$0")/../../.." && pwd)
shopt -s nullglob
xmppserver=("$dir"/lib/xmppserver-*.jar)
tinder=("$dir"/lib/tinder-*.jar)
if [ ${#xmppserver[@]} -ne 1 ] || [ ${#tinder[@]} -ne 1 ]; then
    echo "$dir/lib must hold exactly one xmppserver-*.jar and one tinder-*.jar" >&2
    exit 1
fi
jar_version=$(basename "${xmppserver[0]}" .jar); jar_version=${jar_version#xmppserver-}
if [ "$jar_version" != "$version" ]; then
    echo "note: $(basename "${xmppserver[0]}") recorded as $version" >&2
fi
origin="recorded $(date -u +%F)"
if [ -f "$dir/BUILT_FROM" ]; then
    origin="$origin; built from Openfire's source, $(cut -d' ' -f1,2 "$dir/BUILT_FROM" | sed 's/ / commit /')"
fi
cd "$project"
mvn -B -q -DskipTests test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "target/test-classes:$(cat "$classpath_file")" net.mucaffiliationnotify.compat.ApiRecorder \
    "src/test/openfire-api/$version.api" "$version" "$origin" "${xmppserver[0]}" "${tinder[0]}"
