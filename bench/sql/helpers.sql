-- Helpers the benchmark cases use, installed into the benchmark database (not part of zjgov).

-- Within-class sum of squares of column v of table tbl classified by lower-inclusive thresholds
-- (width_bucket), the quantity natural breaks minimise.
CREATE OR REPLACE FUNCTION bench_wcss(th float8[], tbl text) RETURNS float8
LANGUAGE plpgsql STABLE AS $$
DECLARE r float8;
BEGIN
  EXECUTE format('SELECT sum(s) FROM (SELECT var_pop(v) * count(*) AS s FROM %I GROUP BY width_bucket(v, $1)) q', tbl)
    INTO r USING th;
  RETURN r;
END $$;

-- The PL/pgSQL baseline of the score case, as a DBA would write it for any model depth: load the
-- model into arrays once, walk the long-format rows ordered by entity, add each leaf's clamped
-- 0-100 score into its parent's weighted sums, and at each new entity fold the sums upwards
-- (deepest nodes first; a node without scored children is left out of its parent's mean).
CREATE OR REPLACE FUNCTION bench_score_plpgsql(model_table text, data_table text)
RETURNS TABLE (entity int, s float8)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  n int; par int[]; w float8[]; cost bool[]; lo float8[]; hi float8[]; ord int[];
  num float8[]; den float8[]; rnum float8 := 0; rden float8 := 0;
  cur int; r record; x float8; sc float8; i int; k int;
BEGIN
  EXECUTE format($q$
    WITH RECURSIVE t AS (
        SELECT code, parent, weight, direction, lo, hi, 1 AS depth FROM %1$I WHERE parent IS NULL
        UNION ALL
        SELECT m.code, m.parent, m.weight, m.direction, m.lo, m.hi, t.depth + 1
        FROM %1$I m JOIN t ON m.parent = t.code),
      x AS (SELECT t.*, row_number() OVER (ORDER BY code)::int AS idx FROM t)
    SELECT count(*)::int, array_agg(coalesce(p.idx, 0) ORDER BY x.idx), array_agg(x.weight ORDER BY x.idx),
           array_agg(x.direction = 'cost' ORDER BY x.idx), array_agg(x.lo ORDER BY x.idx),
           array_agg(x.hi ORDER BY x.idx), array_agg(x.idx ORDER BY x.depth DESC, x.idx)
    FROM x LEFT JOIN x p ON p.code = x.parent $q$, model_table)
    INTO n, par, w, cost, lo, hi, ord;
  num := array_fill(0::float8, ARRAY[n]); den := num;
  FOR r IN EXECUTE format($q$
      SELECT d.entity, m.idx, d.value
      FROM %2$I d JOIN (SELECT code, row_number() OVER (ORDER BY code)::int AS idx FROM %1$I) m USING (code)
      WHERE d.value IS NOT NULL
      UNION ALL SELECT NULL, 0, NULL
      ORDER BY 1 NULLS LAST $q$, model_table, data_table)
  LOOP
    IF cur IS NOT NULL AND r.entity IS DISTINCT FROM cur THEN
      FOR k IN 1 .. n LOOP
        i := ord[k];
        IF den[i] > 0 THEN
          sc := num[i] / den[i];
          IF par[i] > 0 THEN num[par[i]] := num[par[i]] + w[i] * sc; den[par[i]] := den[par[i]] + w[i];
          ELSE rnum := rnum + w[i] * sc; rden := rden + w[i]; END IF;
        END IF;
      END LOOP;
      entity := cur; s := CASE WHEN rden > 0 THEN rnum / rden END;
      RETURN NEXT;
      num := array_fill(0::float8, ARRAY[n]); den := num; rnum := 0; rden := 0;
    END IF;
    EXIT WHEN r.entity IS NULL;
    cur := r.entity; i := r.idx;
    x := CASE WHEN cost[i] THEN (hi[i] - r.value) / (hi[i] - lo[i]) ELSE (r.value - lo[i]) / (hi[i] - lo[i]) END;
    sc := 100 * greatest(0, least(1, x));
    IF par[i] > 0 THEN num[par[i]] := num[par[i]] + w[i] * sc; den[par[i]] := den[par[i]] + w[i];
    ELSE rnum := rnum + w[i] * sc; rden := rden + w[i]; END IF;
  END LOOP;
END $$;
