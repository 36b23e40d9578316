-- Least privilege: once zjgov is installed an ordinary role can use every function, aggregate and
-- type; the extension's catalog tables (zjgov.indicator, zjgov.grade_scale, ... read from pg_depend)
-- are readable by PUBLIC and writable only by their owner; nobody else may create in schema zjgov.
BEGIN;
SELECT plan(10);
SET LOCAL search_path = pg_catalog, public;
CREATE ROLE zj_tap_user NOLOGIN NOSUPERUSER NOINHERIT;

CREATE TEMP VIEW zj_member AS
SELECT d.classid, d.objid FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov');
CREATE TEMP VIEW zj_table AS
SELECT c.oid::regclass AS t, c.relowner FROM pg_class c JOIN zj_member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
 WHERE c.relkind IN ('r', 'p');
GRANT SELECT ON zj_table TO zj_tap_user;

SELECT ok(has_schema_privilege('zj_tap_user', 'zjgov', 'USAGE'), 'an ordinary role may use schema zjgov');
SELECT ok(NOT has_schema_privilege('zj_tap_user', 'zjgov', 'CREATE'), 'an ordinary role may not create objects in schema zjgov');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN zj_member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
     WHERE NOT has_function_privilege('zj_tap_user', p.oid, 'EXECUTE') ORDER BY 1 $$,
    'an ordinary role may execute every function and aggregate');
SELECT is_empty($$
    SELECT t.oid::regtype::text FROM pg_type t JOIN zj_member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
     WHERE NOT has_type_privilege('zj_tap_user', t.oid, 'USAGE') ORDER BY 1 $$,
    'an ordinary role may use every type');
SELECT is_empty($$
    SELECT t::text FROM zj_table WHERE NOT has_table_privilege('zj_tap_user', t, 'SELECT') ORDER BY 1 $$,
    'the catalog tables are readable by PUBLIC');
SELECT is_empty($$
    SELECT t::text || ' ' || priv FROM zj_table, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) priv
     WHERE has_table_privilege('zj_tap_user', t, priv) ORDER BY 1 $$,
    'the catalog tables are not writable by PUBLIC');
SELECT is_empty($$
    SELECT t::text FROM zj_table WHERE NOT has_table_privilege(relowner, t, 'INSERT, UPDATE, DELETE') ORDER BY 1 $$,
    'the owner may write the catalog tables');

CREATE FUNCTION pg_temp.writes_refused() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT t FROM zj_table ORDER BY 1 LOOP
        BEGIN
            EXECUTE format('DELETE FROM %s', r.t);
            RETURN NEXT r.t::text || ': DELETE allowed';
        EXCEPTION WHEN insufficient_privilege THEN NULL;
        END;
        BEGIN
            EXECUTE format('SELECT count(*) FROM %s', r.t);
        EXCEPTION WHEN others THEN RETURN NEXT r.t::text || ': SELECT failed: ' || SQLERRM;
        END;
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.writes_refused() TO zj_tap_user;

SET LOCAL ROLE zj_tap_user;
SELECT is_empty('SELECT * FROM pg_temp.writes_refused()', 'as an ordinary role: SELECT works, DELETE is refused (42501) on every catalog table');
SELECT is(zjgov.colour_of(15, '{10,20}')::text || ' ' || zjgov.classify(15, '{10,20}') || ' ' || zjgov.max(c)::text,
          'yellow 2 red', 'as an ordinary role: scalar functions, a cast and an aggregate work')
  FROM (VALUES ('green'::zjgov.colour), ('red')) v(c);
SELECT throws_ok('CREATE FUNCTION zjgov.intruder() RETURNS int LANGUAGE sql AS ''SELECT 1''', '42501', NULL,
                 'as an ordinary role: creating a function in zjgov is refused');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
