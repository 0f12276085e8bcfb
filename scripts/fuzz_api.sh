#!/usr/bin/env bash
# Fuzz the API with schemathesis against its own OpenAPI schema, on a live local server.
#
# A throw-away SQLite database gets the seed and a staff token; runserver serves it with
# DEBUG off (so errors are what clients see) and no throttle. schemathesis then runs every
# operation twice (anonymously, then with the token of a fact-checker and editor)
# for a bounded time and fails on any server error or any response that breaks the schema.
# Bounded: each pass spends FUZZ_MAX_TIME seconds (default 15; schemathesis keeps fuzzing until
# the budget is spent), at most FUZZ_MAX_EXAMPLES cases per operation and phase (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
ST=.venv/bin/schemathesis
PORT="${FUZZ_PORT:-8765}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-15}"
MAX_TIME="${FUZZ_MAX_TIME:-15}"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
export DEBUG=0 SECRET_KEY="fuzz-only-not-secret" ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_COOKIES=0 API_ANON_THROTTLE_RATE="100000/minute" SITE_URL="http://127.0.0.1:$PORT" ALLOW_LOCAL_SITE_URL=1

"$PY" manage.py migrate --noinput -v0
# With DEBUG off the pages need the collected, hashed static files, as in production.
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py load_seed >/dev/null
TOKEN="$("$PY" manage.py shell -c "
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
user = get_user_model().objects.create_user('fuzzer', is_staff=True)
user.groups.set(Group.objects.filter(name__in=['fact-checker', 'editor']))
print(Token.objects.create(user=user).key)
" | tail -n 1 | tr -d '[:space:]')"

"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
  "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/api/schema/', timeout=2)" 2>/dev/null && break
  sleep 0.2
done

run() {
  timeout "$((MAX_TIME + 60))" "$ST" run "http://127.0.0.1:$PORT/api/schema/" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --workers 1 \
    --phases examples,coverage,fuzzing --generation-database none --seed 20261129 \
    --request-timeout 10 --no-color "$@"
}

status=0
echo "== schemathesis, anonymous =="
run || status=$?
echo "== schemathesis, fact-checker and editor token =="
run -H "Authorization: Token $TOKEN" || status=$?
if grep -q "Internal Server Error" "$WORK/server.log"; then
  echo "The server logged errors:" >&2
  grep -A30 "Internal Server Error" "$WORK/server.log" | head -80 >&2
  status=1
fi
exit "$status"
