
-- ===================================================================== privileges (last fragment)
-- CREATE EXTENSION creates schema zjgov owned by the installing superuser, without USAGE for
-- anyone else: grant it, so every role can call the functions (EXECUTE is PUBLIC's by default) and
-- use the types.  The catalog tables are readable by everyone and writable by their owner only.
-- (test/pgtap/privileges.sql checks this on the catalog.)
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
