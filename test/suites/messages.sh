#!/usr/bin/env bash
# messages: zjgov's server messages in the session's language.  With lc_messages = 'zh_CN.UTF-8'
# zjgov's errors come in Chinese (po/zh_CN.po, text domain zjgov-<major>) with the same SQLSTATE
# as in English; the catalogue compiles (msgfmt -c) and covers every message of the sources
# (xgettext over src/*.c: none untranslated, none fuzzy).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
db=zjgov_messages
work=$(mktemp -d /tmp/zjgov-msg.XXXXXX)
trap 'rm -rf "$work"; "$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db >/dev/null || { echo "RESULT 0 1"; exit 1; }

# err LANG SQL: "SQLSTATE|message|hint" of the error SQL raises under lc_messages LANG
err() {
  "$ZJ_BIN/psql" -X -q -d $db -v VERBOSITY=verbose -c "SET lc_messages = '$1'" -c "$2" 2>&1 |
    awk '/^ERROR:/ {sub(/^ERROR: +/, ""); st = substr($0, 1, 5); sub(/^[0-9A-Z]{5}: /, ""); msg = $0}
         /^HINT:/ {sub(/^HINT: +/, ""); hint = $0}
         END {print st "|" msg "|" hint}'
}
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  bad "the OS has no zh_CN.UTF-8 locale (bash scripts/deps.sh creates it)"
else
  while IFS='|' read -r sql state en zh; do
    e=$(err C "$sql"); z=$(err zh_CN.UTF-8 "$sql")
    check "English: $sql -> $state $en" [ "${e%%|*}" = "$state" ] && [ "$(echo "$e" | cut -d'|' -f2)" = "$en" ]
    check "中文: $sql -> $state $zh" [ "${z%%|*}" = "$state" ] && [ "$(echo "$z" | cut -d'|' -f2)" = "$zh" ]
  done <<'CASES'
SELECT 'purplish'::zjgov.colour|22P02|invalid input syntax for type colour: "purplish"|类型 colour 的输入语法无效: "purplish"
SELECT zjgov.credit_grade(75, 'county')|22023|unknown grade scale "county"|未知的信用等级标尺 "county"
SELECT zjgov.risk_colour(7, 3)|22023|likelihood must be between 1 and 5|可能性 (likelihood) 必须在 1 到 5 之间
CASES
  h=$(err zh_CN.UTF-8 "SELECT zjgov.credit_grade(75, 'county')" | cut -d'|' -f3)
  check "the hint is translated too: $h" [ "$h" = "内置标尺有 public、tax、market 和 bank；自定义标尺请加入 zjgov.grade_scale。" ]
  e=$(err zh_CN.UTF-8 "SELECT 1/0")
  check "PostgreSQL's own messages keep their domain (division by zero stays 22012)" [ "${e%%|*}" = "22012" ]
fi

# the catalogue: compiles, and covers the messages of the sources
check "po/zh_CN.po compiles (msgfmt -c)" msgfmt -c -o "$work/zh.mo" po/zh_CN.po
xgettext --from-code=UTF-8 --no-location -k -kerrmsg -kerrmsg_plural:1,2 -kerrdetail -kerrdetail_plural:1,2 \
  -kerrhint -kerrcontext --flag=errmsg:1:c-format --flag=errdetail:1:c-format --flag=errhint:1:c-format \
  -o "$work/zjgov.pot" src/*.c
msgmerge --quiet --no-location -o "$work/merged.po" po/zh_CN.po "$work/zjgov.pot"
stats=$(msgfmt --statistics -o /dev/null "$work/merged.po" 2>&1)
total=$(grep -c '^msgid ' "$work/zjgov.pot"); total=$((total - 1))
echo "NOTE: $total messages in the sources; po/zh_CN.po: $stats"
if [ "${ZJ_MESSAGES_STRICT:-1}" = 1 ]; then
  check "every message of the sources has a Chinese translation ($stats)" \
    bash -c "echo '$stats' | grep -q '^[0-9]* translated messages\.$'"
fi
rel_result
