#!/usr/bin/env bash
# The reference documentation is complete and its examples run.
#   1. Every public function and aggregate of the extension appears as `name(` in README.md,
#      README.zh-CN.md or docs/**/*.md, and every type and table of the extension by its name.
#      Support functions of types, operators, opclasses and aggregates, and private _zjgov_*
#      helpers, are internal and exempt from this check (not from the next one).
#   2. Every function, type and table of the extension has a COMMENT.
#   3. Every ```sql block of README*.md and docs/**/*.md (every page, including pages added
#      later) runs in a fresh database: one with postgis and zjgov installed, and
#      `SET search_path = zjgov, public` (a block that itself says CREATE EXTENSION gets an empty
#      database instead), under ON_ERROR_STOP from the project root (so `\i data/counties.sql`
#      works).  A block fenced ```sql error must fail, and ```sql error 22023 must fail with that
#      SQLSTATE: the documented error examples.  Any other word after ```sql is itself a failure.
#      DOC_ONLY=<substring of a file name> runs the blocks of matching files only.
#   4. Every relative link of those pages points to a file that exists.
#   5. No file of the project cites working papers kept outside the repository, or issue numbers.
set -uo pipefail
cd "$(dirname "$0")/../.."
ZJ_BIN=${ZJ_BIN:-$(/usr/lib/postgresql/15/bin/pg_config --bindir)}   # exported by scripts/cluster.sh
psql=("$ZJ_BIN/psql" -X -A -t -q -d "$PGDATABASE")
"${psql[@]}" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS zjgov CASCADE" >/dev/null

. test/lib/reliability.sh   # ok, bad, rel_result; crash detection
[ -n "${DOC_VERBOSE:-}" ] || REL_QUIET=1

mapfile -t docs < <(ls README.md README.*.md 2>/dev/null; find docs -name '*.md' 2>/dev/null | sort)
[ -f README.md ] && [ -d docs ] || bad "README.md and docs/ exist"

# ---------------------------------------------------------------- 1 and 2: coverage and comments
public=$("${psql[@]}" <<'SQL'
WITH members AS (
  SELECT p.oid, p.proname FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
   WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov'))
SELECT DISTINCT proname FROM members m
 WHERE proname NOT LIKE '\_zjgov\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE m.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
   AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = m.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_amproc a WHERE a.amproc = m.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_aggregate a WHERE m.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn))
 ORDER BY 1;
SQL
)
named=$("${psql[@]}" <<'SQL'
SELECT DISTINCT c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
 WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('r', 'p', 'v', 'm')
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
UNION
SELECT DISTINCT t.typname FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
 WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e' AND t.typelem = 0
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
ORDER BY 1;
SQL
)
uncommented=$("${psql[@]}" <<'SQL'
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
SELECT p.oid::regprocedure::text FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
 WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM ext)
   AND obj_description(p.oid, 'pg_proc') IS NULL
UNION ALL
SELECT 'type ' || t.oid::regtype::text FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
 WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM ext)
   AND t.typelem = 0 AND t.typrelid = 0 AND obj_description(t.oid, 'pg_type') IS NULL
UNION ALL
SELECT 'type ' || t.oid::regtype::text FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
  JOIN pg_type t ON t.oid = c.reltype
 WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM ext)
   AND c.relkind = 'c' AND obj_description(t.oid, 'pg_type') IS NULL AND obj_description(c.oid, 'pg_class') IS NULL
UNION ALL
SELECT 'table ' || c.oid::regclass::text FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
 WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM ext)
   AND c.relkind IN ('r', 'p', 'v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL;
SQL
)
[ -n "$public" ] || bad "the extension's public functions were read from the catalog"
alldocs=$(cat "${docs[@]}")
for f in $public; do
  if grep -qF "$f(" <<<"$alldocs"; then ok "documented: $f("; else bad "not in README or docs/: $f("; fi
done
for f in $named; do
  if grep -qwF "$f" <<<"$alldocs"; then ok "documented: $f"; else bad "type or table not in README or docs/: $f"; fi
done
while IFS= read -r f; do [ -n "$f" ] && bad "no COMMENT ON: $f"; done <<<"$uncommented"
[ -z "$uncommented" ] && ok "every function, type and table has a COMMENT"

# ---------------------------------------------------------------- links between the pages resolve
while IFS= read -r broken; do
  [ -n "$broken" ] && bad "broken link: $broken"
done < <(/usr/bin/python3 - "${docs[@]}" <<'PY'
import re, sys, os
for f in sys.argv[1:]:
    text = re.sub(r"```.*?```", "", open(f, encoding="utf-8").read(), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(f), target.split("#")[0]))
        if not os.path.exists(path):
            print(f"{f}: {target}")
PY
)
ok "links checked"
# pages the README does not link yet (its Reference list is written by hand): a NOTE, not a failure
for page in docs/*.md docs/zh-CN/*.md; do
  [ -f "$page" ] || continue
  grep -qF "($page)" README.md README.zh-CN.md 2>/dev/null || echo "NOTE not linked from README.md or README.zh-CN.md: $page"
done

# ---------------------------------------------------------------- the project is self-contained
# No file points at papers outside the repository (the two working papers) or at process history (issue
# numbers): facts live in docs/.  zjgov--1.0.sql is released and never edited, so it is exempt.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard)
else
  mapfile -t files < <(find . -type f -not -path './.git/*' | sed 's|^\./||')
fi
selfref=$(printf '%s\n' "${files[@]}" | grep -vxE 'zjgov--1\.0\.sql|test/suites/readme_reference\.sh' |
  while IFS= read -r f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
  xargs -0 grep -nIiE '\b(SP[E]C|AP[I])\.md\b|\bissues? #?[0-9]+\b' 2>/dev/null | head -n 20)
if [ -z "$selfref" ]; then ok "no file cites the working papers or issue numbers"; else
  bad "files cite papers outside the repository or issue numbers (point to docs/ instead):"
  echo "$selfref" | sed 's/^/    /'
fi

# ---------------------------------------------------------------- 3: the examples run
work=$(mktemp -d /tmp/zjgov-docs.XXXXXX)
tpl=zjgov_doc_template
cleanup() {
  for d in $("${psql[@]}" -c "SELECT datname FROM pg_database WHERE datname LIKE 'zjgov\_doc\_%'"); do
    [ "$d" = "$tpl" ] && "${psql[@]}" -c "ALTER DATABASE $tpl IS_TEMPLATE false" >/dev/null 2>&1
    "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT
cleanup; mkdir -p "$work"

# blocks: one file per block plus a manifest line "<n>\t<file>:<line>\t<fence info>"
/usr/bin/python3 - "$work" "${docs[@]}" <<'PY' || bad "the sql blocks could be extracted"
import re, sys, os
work, files = sys.argv[1], sys.argv[2:]
only = os.environ.get("DOC_ONLY", "")
n = 0
with open(os.path.join(work, "manifest"), "w", encoding="utf-8") as man:
    for f in files:
        if only and only not in f:
            continue
        lines = open(f, encoding="utf-8").read().split("\n")
        i = 0
        while i < len(lines):
            m = re.match(r"^(\s*)```sql\b(.*)$", lines[i])
            if not m:
                i += 1
                continue
            start, indent, info = i + 1, m.group(1), m.group(2).strip()
            body = []
            i += 1
            while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
                body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
                i += 1
            if i == len(lines):
                print(f"{f}:{start}: unterminated ```sql block", file=sys.stderr)
                sys.exit(1)
            i += 1
            n += 1
            open(os.path.join(work, f"block{n}.sql"), "w", encoding="utf-8").write("\n".join(body) + "\n")
            man.write(f"{n}\t{f}:{start}\t{info}\n")
PY
"$ZJ_BIN/createdb" --strategy=file_copy "$tpl" &&
  "${psql[@]}" -d "$tpl" -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION zjgov CASCADE" >/dev/null &&
  "${psql[@]}" -c "ALTER DATABASE $tpl IS_TEMPLATE true" >/dev/null ||
  bad "template database with postgis and zjgov"

logpos=$(rel_log_size)
blocks=0
while IFS=$'\t' read -r n where info; do
  blocks=$((blocks + 1))
  db=zjgov_doc_$n
  want=ok; state=
  case "$info" in
    "") ;;
    error) want=error ;;
    error\ [0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]) want=error; state=${info#error } ;;
    *) bad "$where: unknown fence \`\`\`sql $info (use \`\`\`sql, \`\`\`sql error or \`\`\`sql error SQLSTATE)"; continue ;;
  esac
  if grep -qiE '^[^-]*create[[:space:]]+extension' "$work/block$n.sql"; then
    "$ZJ_BIN/createdb" --strategy=file_copy -T template0 "$db" || { bad "$where: createdb"; continue; }
  else
    "$ZJ_BIN/createdb" --strategy=file_copy -T "$tpl" "$db" || { bad "$where: createdb"; continue; }
  fi
  out=$work/out$n
  { printf '\\set ON_ERROR_STOP 1\n\\set VERBOSITY verbose\nSET client_min_messages = warning;\n'
    printf 'SET statement_timeout = %s;\nSET search_path = zjgov, public;\n' "'${DOC_TIMEOUT:-60s}'"
    cat "$work/block$n.sql"; } |
    "$ZJ_BIN/psql" -X -q -d "$db" -f - >"$out" 2>&1
  rc=$?
  if rel_conn_lost "$(cat "$out")"; then
    bad "$where: the connection was lost"; sed 's/^/    /' "$out" | tail -n 20
    rel_wait_ready
  elif [ $want = ok ] && [ $rc -ne 0 ]; then
    bad "$where: the example fails"; grep -E 'ERROR|psql:' "$out" | head -n 5 | sed 's/^/    /'
  elif [ $want = error ] && [ $rc -eq 0 ]; then
    bad "$where: the error example does not raise an error"
  elif [ $want = error ] && ! grep -qE 'ERROR:  [0-9A-Z]{5}:' "$out"; then
    bad "$where: the error example fails without an SQL error"; head -n 5 "$out" | sed 's/^/    /'
  elif [ -n "$state" ] && ! grep -qE "ERROR:  $state:" "$out"; then
    bad "$where: the error example raises $(grep -oE 'ERROR:  [0-9A-Z]{5}' "$out" | head -n 1 | cut -c9-), not $state"
  else
    ok "$where"
  fi
  "$ZJ_BIN/dropdb" --if-exists "$db" >/dev/null 2>&1
done <"$work/manifest"
[ $blocks -gt 0 ] || bad "the docs have sql examples"
crashes=$(rel_log_crashes "$logpos")
[ -z "$crashes" ] || bad "the server log shows a crashed backend: $crashes"
echo "NOTE $blocks sql examples from ${#docs[@]} pages"
rel_result
