-- The catalog fingerprint of the zjgov extension in the current database: one line per fact,
-- OID-free (every reference by name), sorted.  Two databases hold the same extension exactly when
-- their fingerprints are equal.  Used by test/suites/upgrade.sh.
SET search_path = pg_catalog, pg_temp;
WITH ext AS (SELECT oid, extversion, extconfig, extcondition FROM pg_extension WHERE extname = 'zjgov'),
mem AS (SELECT d.classid, d.objid FROM pg_depend d, ext
         WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
procs AS (SELECT p.* FROM pg_proc p JOIN mem ON mem.classid = 'pg_proc'::regclass AND mem.objid = p.oid),
lines AS (
  SELECT 'version ' || extversion FROM ext
  UNION ALL
  SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM mem
  UNION ALL -- comments of members and of their sub-objects (table columns)
  SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ' = ' || d.description
    FROM pg_description d JOIN mem ON mem.classid = d.classoid AND mem.objid = d.objoid
  UNION ALL -- functions: the whole definition (language, symbol, labels, cost, rows, defaults)
  SELECT 'function ' || p.oid::regprocedure || E'\n' ||
         regexp_replace(pg_get_functiondef(p.oid), '^CREATE OR REPLACE', 'CREATE')
    FROM procs p WHERE p.prokind <> 'a'
  UNION ALL
  SELECT 'function acl ' || p.oid::regprocedure || ' ' || coalesce(p.proacl::text, '(default)') FROM procs p
  UNION ALL -- aggregates: support functions, state type, initial value, kind, parallel label
  SELECT 'aggregate ' || p.oid::regprocedure || ' args(' || pg_get_function_arguments(p.oid) || ') returns ' ||
         pg_get_function_result(p.oid) || ' kind ' || a.aggkind::text || ' direct ' || a.aggnumdirectargs ||
         ' sfunc ' || a.aggtransfn::regprocedure || ' stype ' || a.aggtranstype::regtype ||
         ' sspace ' || a.aggtransspace || ' final ' || a.aggfinalfn::regprocedure ||
         ' finalextra ' || a.aggfinalextra || ' finalmodify ' || a.aggfinalmodify::text ||
         ' combine ' || a.aggcombinefn::regprocedure || ' serial ' || a.aggserialfn::regprocedure ||
         ' deserial ' || a.aggdeserialfn::regprocedure || ' msfunc ' || a.aggmtransfn::regprocedure ||
         ' minv ' || a.aggminvtransfn::regprocedure || ' mfinal ' || a.aggmfinalfn::regprocedure ||
         ' mstype ' || a.aggmtranstype::regtype || ' sortop ' || a.aggsortop::regoperator ||
         ' init ' || coalesce(a.agginitval, '(null)') || ' minit ' || coalesce(a.aggminitval, '(null)') ||
         ' parallel ' || p.proparallel::text || ' strict ' || p.proisstrict || ' volatile ' || p.provolatile::text
    FROM procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
  UNION ALL -- types: every property that decides storage and behaviour
  SELECT 'type ' || t.oid::regtype || ' len ' || t.typlen || ' byval ' || t.typbyval || ' kind ' || t.typtype::text ||
         ' cat ' || t.typcategory::text || ' pref ' || t.typispreferred || ' delim ' || t.typdelim::text ||
         ' in ' || t.typinput::regproc || ' out ' || t.typoutput::regproc || ' recv ' || t.typreceive::regproc ||
         ' send ' || t.typsend::regproc || ' modin ' || t.typmodin::regproc || ' modout ' || t.typmodout::regproc ||
         ' analyze ' || t.typanalyze::regproc || ' subscript ' || t.typsubscript::regproc ||
         ' elem ' || t.typelem::regtype || ' array ' || t.typarray::regtype || ' align ' || t.typalign::text ||
         ' storage ' || t.typstorage::text || ' notnull ' || t.typnotnull || ' base ' || t.typbasetype::regtype ||
         ' collation ' || t.typcollation || ' default ' || coalesce(t.typdefault, '(null)') ||
         ' acl ' || coalesce(t.typacl::text, '(default)')
    FROM pg_type t JOIN mem ON mem.classid = 'pg_type'::regclass AND mem.objid = t.oid
  UNION ALL -- attributes of composite types and columns of tables
  SELECT 'attribute ' || c.oid::regclass || '.' || a.attname || ' #' || a.attnum || ' ' ||
         format_type(a.atttypid, a.atttypmod) || ' notnull ' || a.attnotnull ||
         ' default ' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '(none)') ||
         ' generated ' || a.attgenerated::text || ' identity ' || a.attidentity::text ||
         ' collation ' || coalesce((SELECT collname FROM pg_collation WHERE oid = a.attcollation), '-')
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
   WHERE c.oid IN (SELECT objid FROM mem WHERE classid = 'pg_class'::regclass)
      OR c.oid IN (SELECT t.typrelid FROM pg_type t JOIN mem ON mem.classid = 'pg_type'::regclass AND mem.objid = t.oid)
  UNION ALL -- relations: kind, ACL, constraints, indexes, triggers, policies
  SELECT 'relation ' || c.oid::regclass || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text ||
         ' acl ' || coalesce(c.relacl::text, '(default)') || ' rls ' || c.relrowsecurity ||
         ' options ' || coalesce(c.reloptions::text, '-')
    FROM pg_class c JOIN mem ON mem.classid = 'pg_class'::regclass AND mem.objid = c.oid
  UNION ALL
  SELECT 'constraint ' || co.conrelid::regclass || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
    FROM pg_constraint co JOIN mem ON mem.classid = 'pg_class'::regclass AND mem.objid = co.conrelid
  UNION ALL
  SELECT 'constraint of domain ' || co.contypid::regtype || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
    FROM pg_constraint co JOIN mem ON mem.classid = 'pg_type'::regclass AND mem.objid = co.contypid
  UNION ALL
  SELECT 'index ' || regexp_replace(pg_get_indexdef(i.indexrelid), ' INDEX \S+ ON ', ' INDEX ON ')
    FROM pg_index i JOIN mem ON mem.classid = 'pg_class'::regclass AND mem.objid = i.indrelid
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(tg.oid)
    FROM pg_trigger tg JOIN mem ON mem.classid = 'pg_class'::regclass AND mem.objid = tg.tgrelid
   WHERE NOT tg.tgisinternal
  UNION ALL -- operators
  SELECT 'operator ' || o.oid::regoperator || ' code ' || o.oprcode::regproc || ' result ' || o.oprresult::regtype ||
         ' com ' || o.oprcom::regoperator || ' neg ' || o.oprnegate::regoperator ||
         ' rest ' || o.oprrest::regproc || ' join ' || o.oprjoin::regproc ||
         ' merges ' || o.oprcanmerge || ' hashes ' || o.oprcanhash
    FROM pg_operator o JOIN mem ON mem.classid = 'pg_operator'::regclass AND mem.objid = o.oid
  UNION ALL -- operator classes and families with their members
  SELECT 'opclass ' || am.amname || ' ' || oc.opcname || ' for ' || oc.opcintype::regtype ||
         ' family ' || of.opfname || ' default ' || oc.opcdefault || ' key ' || oc.opckeytype::regtype
    FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily of ON of.oid = oc.opcfamily
    JOIN mem ON mem.classid = 'pg_opclass'::regclass AND mem.objid = oc.oid
  UNION ALL
  SELECT 'opfamily ' || am.amname || ' ' || of.opfname || ' op ' || ao.amopstrategy || ' ' ||
         ao.amoplefttype::regtype || ',' || ao.amoprighttype::regtype || ' ' || ao.amopopr::regoperator ||
         ' purpose ' || ao.amoppurpose::text
    FROM pg_opfamily of JOIN pg_am am ON am.oid = of.opfmethod JOIN pg_amop ao ON ao.amopfamily = of.oid
    JOIN mem ON mem.classid = 'pg_opfamily'::regclass AND mem.objid = of.oid
  UNION ALL
  SELECT 'opfamily ' || am.amname || ' ' || of.opfname || ' proc ' || ap.amprocnum || ' ' ||
         ap.amproclefttype::regtype || ',' || ap.amprocrighttype::regtype || ' ' || ap.amproc::regprocedure
    FROM pg_opfamily of JOIN pg_am am ON am.oid = of.opfmethod JOIN pg_amproc ap ON ap.amprocfamily = of.oid
    JOIN mem ON mem.classid = 'pg_opfamily'::regclass AND mem.objid = of.oid
  UNION ALL -- casts
  SELECT 'cast ' || c.castsource::regtype || ' -> ' || c.casttarget::regtype || ' func ' ||
         coalesce(c.castfunc::regprocedure::text, '-') || ' context ' || c.castcontext::text || ' method ' || c.castmethod::text
    FROM pg_cast c JOIN mem ON mem.classid = 'pg_cast'::regclass AND mem.objid = c.oid
  UNION ALL -- tables whose rows pg_dump keeps, and with which filter
  SELECT 'config dump ' || cfg::regclass || ' ' || cond
    FROM ext, unnest(ext.extconfig, ext.extcondition) AS u(cfg, cond)
  UNION ALL -- the schema's privileges
  SELECT 'schema acl ' || coalesce(n.nspacl::text, '(default)') FROM pg_namespace n WHERE n.nspname = 'zjgov'
)
SELECT * FROM lines AS l(line) ORDER BY 1;
