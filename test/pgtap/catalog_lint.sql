-- Catalog lint: rules every object of the zjgov extension follows, read from pg_depend so that
-- objects added later are checked too.  Each test lists the offenders (empty = pass).
BEGIN;
SELECT plan(16);
SET LOCAL search_path = pg_catalog, public;

-- The members of the extension.
CREATE TEMP VIEW zj_member AS
SELECT d.classid, d.objid
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov');

CREATE TEMP VIEW zj_proc AS
SELECT p.*, p.oid::regprocedure::text AS sig, l.lanname
  FROM pg_proc p JOIN zj_member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
  JOIN pg_language l ON l.oid = p.prolang;

-- Functions that read the catalog or the clock and are therefore STABLE (docs/conventions.md); every other
-- function of the extension is IMMUTABLE.  The support functions of a STABLE aggregate may be
-- STABLE too.  Add a name here only together with the docs/ entry that says STABLE.
CREATE TEMP TABLE zj_stable_allowed (proname name PRIMARY KEY);
INSERT INTO zj_stable_allowed VALUES ('overdue_colour'), ('credit_grade'), ('decayed'), ('score'),
    ('score_detail');
-- rules: catalog reads (warning_rule, workday_calendar) and the session time zone
INSERT INTO zj_stable_allowed VALUES ('warn'), ('warn_measure'), ('is_workday'), ('add_workdays'),
    ('workdays_between'), ('overdue_colour_workdays');
-- they read the catalog tables
INSERT INTO zj_stable_allowed VALUES ('catalog_fingerprint'), ('grade_scale_min_scores'), ('grade_scale_grades');
-- VOLATILE: it writes the catalogs of the Citus workers
CREATE TEMP TABLE zj_volatile_allowed (proname name PRIMARY KEY);
INSERT INTO zj_volatile_allowed VALUES ('sync_catalogs');

SELECT ok((SELECT count(*) FROM zj_proc) >= 20, 'the extension has its functions (pg_depend finds them)');

SELECT is_empty($$
    SELECT sig FROM zj_proc WHERE obj_description(oid, 'pg_proc') IS NULL ORDER BY 1 $$,
    'every function and aggregate has a COMMENT');

SELECT is_empty($$
    SELECT t.oid::regtype::text FROM pg_type t JOIN zj_member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
     WHERE obj_description(t.oid, 'pg_type') IS NULL ORDER BY 1 $$,
    'every type has a COMMENT');

SELECT is_empty($$
    SELECT c.oid::regclass::text FROM pg_class c JOIN zj_member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
     WHERE obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1 $$,
    'every table, view and sequence has a COMMENT');

SELECT is_empty($$
    SELECT o.oid::regoperator::text FROM pg_operator o JOIN zj_member m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
     WHERE obj_description(o.oid, 'pg_operator') IS NULL AND obj_description(o.oprcode, 'pg_proc') IS NULL ORDER BY 1 $$,
    'every operator has a COMMENT (its own or its function''s)');

SELECT is_empty($$
    SELECT sig FROM zj_proc WHERE prosecdef ORDER BY 1 $$,
    'no SECURITY DEFINER function');

SELECT is_empty($$
    SELECT sig || ' is ' || proparallel::text FROM zj_proc WHERE lanname = 'c' AND proparallel <> 's' ORDER BY 1 $$,
    'every C function is PARALLEL SAFE');

SELECT is_empty($$
    SELECT sig || ' is ' || proparallel::text FROM zj_proc WHERE prokind IN ('a', 'w') AND proparallel <> 's' ORDER BY 1 $$,
    'every aggregate and window function is PARALLEL SAFE');

SELECT is_empty($$
    SELECT p.sig FROM zj_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid
     WHERE a.aggcombinefn = 0 ORDER BY 1 $$,
    'every aggregate has a combine function');

SELECT is_empty($$
    SELECT p.sig || ' keeps ' || a.aggtranstype::regtype::text FROM zj_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid
      JOIN pg_type t ON t.oid = a.aggtranstype
     WHERE t.typtype = 'p' ORDER BY 1 $$,
    'every aggregate state is a real type (not internal or another pseudo-type)');

SELECT is_empty($$
    SELECT p.sig || ' is ' || p.provolatile::text FROM zj_proc p
     WHERE p.provolatile <> 'i'
       AND NOT EXISTS (SELECT 1 FROM zj_stable_allowed s WHERE s.proname = p.proname)
       AND NOT EXISTS (SELECT 1 FROM zj_volatile_allowed s WHERE s.proname = p.proname AND p.provolatile = 'v')
       AND NOT EXISTS (SELECT 1 FROM pg_aggregate a JOIN pg_proc ap ON ap.oid = a.aggfnoid
                         JOIN zj_stable_allowed s ON s.proname = ap.proname
                        WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn))
     ORDER BY 1 $$,
    'every function outside the STABLE allow-list is IMMUTABLE');

SELECT is_empty($$
    SELECT p.sig || ' is ' || p.provolatile::text FROM zj_proc p JOIN zj_stable_allowed s ON s.proname = p.proname
     WHERE p.provolatile <> 's' AND p.prokind <> 'a' ORDER BY 1 $$,
    'the functions of the allow-list are STABLE (an aggregate has no label of its own)');

SELECT is_empty($$
    SELECT sig || ' in ' || pronamespace::regnamespace::text FROM zj_proc
     WHERE pronamespace <> 'zjgov'::regnamespace ORDER BY 1 $$,
    'every function lives in schema zjgov');

SELECT is_empty($$
    SELECT c.oid::regclass::text FROM pg_class c JOIN zj_member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
     WHERE c.relkind IN ('r', 'p')
       AND NOT c.oid = ANY (coalesce((SELECT extconfig FROM pg_extension WHERE extname = 'zjgov'), '{}'))
     ORDER BY 1 $$,
    'every table is registered with pg_extension_config_dump (user rows survive pg_dump)');

-- Support functions of types and aggregates are helpers, the rest is the public interface:
-- a function an aggregate or a type calls is either named for it or private (_zjgov_*).
SELECT is_empty($$
    SELECT p.sig FROM zj_proc p
     WHERE p.proname LIKE '\_%' AND p.proname NOT LIKE '\_zjgov\_%' ORDER BY 1 $$,
    'private helpers are named _zjgov_*');

SELECT is_empty($$
    SELECT sig FROM zj_proc WHERE lanname NOT IN ('c', 'sql', 'plpgsql', 'internal') ORDER BY 1 $$,
    'functions are written in C, SQL or PL/pgSQL only');

SELECT * FROM finish();
ROLLBACK;
