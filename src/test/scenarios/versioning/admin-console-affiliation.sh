#!/usr/bin/env bash
# Change a MUC room affiliation through the Openfire ADMIN CONSOLE (HTTP, like a human admin would),
# i.e. muc-room-affiliations.jsp, which calls the room's IQ admin handler directly (no packet interceptors).
#
#   admin-console-affiliation.sh ROOMNAME BAREJID AFFILIATION
#     ROOMNAME     room node on conference.localhost (or a full room JID)
#     BAREJID      e.g. tybalt@localhost
#     AFFILIATION  owner|admin|member|outcast|none   (none = the page's delete link)
#
# Env: OF_URL (default http://127.0.0.1:9090), OF_ADMIN_USER/OF_ADMIN_PASS (admin/admin), MUC_SERVICE (conference.localhost)
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 ROOMNAME BAREJID owner|admin|member|outcast|none" >&2; exit 2; }
ROOM=$1; JID=${2,,}; AFF=$3   # JIDs are stored nodeprep-ed (lower case)
case "$AFF" in owner|admin|member|outcast|none) ;; *) echo "bad affiliation: $AFF" >&2; exit 2;; esac
URL=${OF_URL:-http://127.0.0.1:9090}
SERVICE=${MUC_SERVICE:-conference.localhost}
case "$ROOM" in *@*) ROOMJID=$ROOM;; *) ROOMJID="$ROOM@$SERVICE";; esac

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
JAR=$TMP/cookies; PAGE=$TMP/page.html
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
csrf() { awk '$6=="csrf"{v=$7} END{print v}' "$JAR"; }
C() { curl -sS -b "$JAR" -c "$JAR" "$@"; }

# 1. login (GET sets the csrf cookie, POST must echo it)
C -o /dev/null "$URL/login.jsp"
code=$(C -o "$PAGE" -w '%{http_code}' --data-urlencode "username=${OF_ADMIN_USER:-admin}" \
       --data-urlencode "password=${OF_ADMIN_PASS:-admin}" --data "login=true" --data-urlencode "csrf=$(csrf)" "$URL/login.jsp")
if [ "$code" != 302 ] || ! grep -q JSESSIONID "$JAR"; then
  echo "ERROR: admin console login failed (HTTP $code)" >&2; exit 1
fi

R=$(enc "$ROOMJID"); J=$(enc "$JID")
PAGEURL="$URL/muc-room-affiliations.jsp?roomJID=$R"

# 2. load the page (room must exist; otherwise Openfire redirects to muc-room-summary.jsp)
code=$(C -o "$PAGE" -w '%{http_code}' "$PAGEURL")
[ "$code" = 200 ] || { echo "ERROR: room $ROOMJID not found in the admin console (HTTP $code)" >&2; exit 1; }

# 3. change
if [ "$AFF" = none ]; then
  # The page's delete link: muc-room-affiliations.jsp?roomJID=..&userJID=..&delete=true&affiliation=X&csrf=..
  cur=$(grep -o "userJID=$J&amp;delete=true&amp;affiliation=[a-z]*\|userJID=$J&delete=true&affiliation=[a-z]*" "$PAGE" | head -1 | sed 's/.*affiliation=//' || true)
  [ -n "$cur" ] || echo "note: $JID has no affiliation listed in $ROOMJID; sending the delete anyway" >&2
  code=$(C -o "$PAGE" -w '%{http_code}' "$URL/muc-room-affiliations.jsp?roomJID=$R&userJID=$J&delete=true&affiliation=${cur:-member}&csrf=$(csrf)")
else
  code=$(C -o "$PAGE" -w '%{http_code}' --data-urlencode "roomJID=$ROOMJID" --data-urlencode "userJID=$JID" \
         --data "affiliation=$AFF" --data-urlencode "csrf=$(csrf)" "$URL/muc-room-affiliations.jsp?add")
fi
if [ "$code" != 302 ]; then
  err=$(grep -o 'class="jive-error-text"[^<]*\|CSRF[^<]*\|ConflictException\|NotAllowed[^<]*' "$PAGE" | head -3 || true)
  echo "ERROR: admin console did not accept the change (HTTP $code) $err" >&2
  sed -n '/jive-error/,+6p' "$PAGE" | sed 's/<[^>]*>//g' | grep -v '^\s*$' | head -5 >&2 || true
  exit 1
fi

# 4. verify on the page
C -o "$PAGE" "$PAGEURL"
listed=$(grep -o "userJID=$J&amp;delete=true&amp;affiliation=[a-z]*\|userJID=$J&delete=true&affiliation=[a-z]*" "$PAGE" | sed 's/.*affiliation=//' | sort -u | tr '\n' ' ' | sed 's/ $//' || true)
if [ "$AFF" = none ]; then
  [ -z "$listed" ] || { echo "ERROR: $JID still listed as '$listed' in $ROOMJID" >&2; exit 1; }
  echo "OK: $JID has no affiliation in $ROOMJID (admin console)"
else
  [ "$listed" = "$AFF" ] || { echo "ERROR: $JID listed as '${listed:-nothing}' in $ROOMJID, expected $AFF" >&2; exit 1; }
  echo "OK: $JID is $AFF of $ROOMJID (admin console)"
fi
