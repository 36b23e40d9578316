#!/usr/bin/env bash
# svg_map output is a valid standalone SVG (xmllint), with one <path> per drawn row and the legend;
# the state survives a binary COPY round trip; a large map stays fast.
set -uo pipefail
cd "$(dirname "$0")/../.."
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass + 1)); echo "ok - $1"; else fail=$((fail + 1)); echo "not ok - $1"; fi; }
ZJ_BIN=${ZJ_BIN:-$(/usr/lib/postgresql/15/bin/pg_config --bindir)}   # exported by scripts/cluster.sh; this for a bare run
PSQL=("$ZJ_BIN/psql" -X -q -v ON_ERROR_STOP=1)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=zjgov_svgmap
"$ZJ_BIN/createdb" "$db" || { echo "RESULT 0 1"; exit 1; }
trap '"$ZJ_BIN/dropdb" --if-exists "$db"; rm -rf "$tmp"' EXIT
"${PSQL[@]}" -d "$db" -c "SET client_min_messages = warning; CREATE EXTENSION zjgov CASCADE" || { echo "RESULT 0 1"; exit 1; }
"${PSQL[@]}" -d "$db" -f data/counties.sql >/dev/null 2>&1 || { echo "RESULT 0 1"; exit 1; }

# 1. the county map with Chinese labels and markup characters
"${PSQL[@]}" -d "$db" -At -o "$tmp/counties.svg" -c "
  SELECT zjgov.svg_map(geom, c::zjgov.colour, name || CASE WHEN code = '331002' THEN ' <&\">' ELSE '' END)
    FROM (SELECT *, (ARRAY['green','blue','yellow','orange','red'])[1 + (row_number() OVER (ORDER BY code))::int % 5] AS c
            FROM zj_county) AS s" 2>"$tmp/err" || cat "$tmp/err"
n=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM zj_county")
check "county map parses as XML" "xmllint --noout '$tmp/counties.svg'"
check "county map is SVG" "xmllint --xpath 'name(/*)' '$tmp/counties.svg' | grep -qx svg"
paths=$(xmllint --xpath "count(//*[local-name()='g'][@id='features']/*[local-name()='path'])" "$tmp/counties.svg")
check "one path per county ($paths of $n)" "[ '$paths' = '$n' ]"
labels=$(xmllint --xpath "count(//*[local-name()='g'][@id='labels']/*[local-name()='text'])" "$tmp/counties.svg")
check "one label per county ($labels)" "[ '$labels' = '$n' ]"
check "the escaped label reads back" "xmllint --xpath \"string(//*[local-name()='text'][contains(., '<&')])\" '$tmp/counties.svg' | grep -q '<&\">'"
legend=$(xmllint --xpath "count(//*[local-name()='g'][@id='legend']/*[local-name()='rect'])" "$tmp/counties.svg")
check "legend has the five colours ($legend)" "[ '$legend' = 5 ]"
check "legend counts add up" "[ \$(xmllint --xpath \"//*[local-name()='g'][@id='legend']/*[local-name()='text'][@class]/text()\" '$tmp/counties.svg' | sed 's/.*(\([0-9]*\)).*/\1/' | paste -sd+ | bc) = '$n' ]"
if command -v rsvg-convert >/dev/null; then
  check "rsvg-convert renders it" "rsvg-convert '$tmp/counties.svg' -o '$tmp/counties.png' && [ -s '$tmp/counties.png' ]"
fi

# 2. the aggregate state survives a binary COPY round trip (send/recv) and a text one (out/in)
"${PSQL[@]}" -d "$db" -c "CREATE TABLE st AS SELECT zjgov._zjgov_svg_map_accum(zjgov._zjgov_svg_map_accum(NULL, geom, 'red', name), geom, 'green') AS s FROM zj_county WHERE code = '331002'; CREATE TABLE st2 (LIKE st); CREATE TABLE st3 (LIKE st);"
"${PSQL[@]}" -d "$db" -c "COPY st TO STDOUT (FORMAT binary)" > "$tmp/st.bin"
"${PSQL[@]}" -d "$db" -c "COPY st2 FROM STDIN (FORMAT binary)" < "$tmp/st.bin"
"${PSQL[@]}" -d "$db" -c "COPY st TO STDOUT" | "${PSQL[@]}" -d "$db" -c "COPY st3 FROM STDIN"
same=$("${PSQL[@]}" -d "$db" -At -c "SELECT (SELECT s::text FROM st) = (SELECT s::text FROM st2) AND (SELECT s::text FROM st) = (SELECT s::text FROM st3)")
check "state binary and text round trips" "[ '$same' = t ]"

# 3. a large map: 40 000 cells in a few seconds, precision fitted (no more than 2 decimals)
start=$(date +%s.%N)
"${PSQL[@]}" -d "$db" -At -o "$tmp/big.svg" -c "
  SELECT zjgov.svg_map(ST_MakeEnvelope(x * 100, y * 100, x * 100 + 100, y * 100 + 100, 4549),
                       (ARRAY['green','blue','yellow','orange','red'])[1 + (x * y) % 5]::zjgov.colour)
    FROM generate_series(0, 199) x, generate_series(0, 199) y"
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "NOTE svg_map of 40000 cells: ${secs}s, $(wc -c < "$tmp/big.svg") bytes"
check "large map parses" "xmllint --noout --huge '$tmp/big.svg'"
check "large map has 40000 paths" "[ \$(grep -c '^<path ' '$tmp/big.svg') = 40000 ]"
check "large map in under 20 s" "[ \$(echo '$secs < 20' | bc) = 1 ]"
check "coordinates have at most two decimals" "! grep -qE '[0-9]\.[0-9]{3}' '$tmp/big.svg'"

echo "RESULT $pass $fail"
