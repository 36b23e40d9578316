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

-- score_rules baseline: the rule book of bench/cases/65_score_rules.sh in PL/pgSQL (dimensions at the
-- root, leaves under them; interval leaves; veto, bonus and deduction items at the root), one pass
-- over the rows ordered by entity.
CREATE OR REPLACE FUNCTION bench_score_rules_plpgsql(model_table text, data_table text)
RETURNS TABLE (entity int, s float8)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  n int; par int[]; w float8[]; kind text[]; dir text[]; lo float8[]; hi float8[]; tol float8[];
  cap float8[]; pts float8[]; num float8[]; den float8[];
  rnum float8 := 0; rden float8 := 0; radj float8 := 0; rcap float8 := 'Infinity';
  cur int; r record; x float8; sc float8; i int; p float8;
BEGIN
  EXECUTE format($q$
    WITH x AS (SELECT m.*, row_number() OVER (ORDER BY code)::int AS idx FROM %1$I m)
    SELECT count(*)::int, array_agg(coalesce(p.idx, 0) ORDER BY x.idx), array_agg(x.weight ORDER BY x.idx),
           array_agg(x.kind ORDER BY x.idx), array_agg(x.direction ORDER BY x.idx), array_agg(x.lo ORDER BY x.idx),
           array_agg(x.hi ORDER BY x.idx), array_agg(x.tol ORDER BY x.idx), array_agg(x.cap ORDER BY x.idx),
           array_agg(x.points ORDER BY x.idx)
    FROM x LEFT JOIN x p ON p.code = x.parent $q$, model_table)
    INTO n, par, w, kind, dir, lo, hi, tol, cap, pts;
  num := array_fill(0::float8, ARRAY[n]); den := num;
  FOR r IN EXECUTE format($q$
      SELECT d.entity, m.idx, d.value
      FROM %2$I d JOIN (SELECT code, row_number() OVER (ORDER BY code)::int AS idx FROM %1$I) m USING (code)
      WHERE d.value IS NOT NULL
      UNION ALL SELECT NULL, 0, NULL
      ORDER BY 1 NULLS LAST $q$, model_table, data_table)
  LOOP
    IF cur IS NOT NULL AND r.entity IS DISTINCT FROM cur THEN
      FOR i IN 1 .. n LOOP
        IF par[i] = 0 AND kind[i] = 'leaf' AND den[i] > 0 THEN
          rnum := rnum + w[i] * num[i] / den[i]; rden := rden + w[i];
        END IF;
      END LOOP;
      entity := cur;
      s := CASE WHEN rden > 0 THEN least(greatest(0, least(100, rnum / rden + radj)), rcap) END;
      RETURN NEXT;
      num := array_fill(0::float8, ARRAY[n]); den := num; rnum := 0; rden := 0; radj := 0; rcap := 'Infinity';
    END IF;
    EXIT WHEN r.entity IS NULL;
    cur := r.entity; i := r.idx;
    IF kind[i] = 'veto' THEN
      IF r.value <> 0 THEN rcap := least(rcap, cap[i]); END IF;
    ELSIF kind[i] IN ('bonus', 'deduction') THEN
      p := least(cap[i], greatest(0, r.value * pts[i]));
      radj := radj + CASE WHEN kind[i] = 'bonus' THEN p ELSE -p END;
    ELSE
      IF kind[i] = 'interval' THEN
        x := 1 - greatest(lo[i] - r.value, r.value - hi[i], 0) / tol[i];
      ELSIF dir[i] = 'cost' THEN
        x := (hi[i] - r.value) / (hi[i] - lo[i]);
      ELSE
        x := (r.value - lo[i]) / (hi[i] - lo[i]);
      END IF;
      sc := 100 * greatest(0, least(1, x));
      num[par[i]] := num[par[i]] + w[i] * sc; den[par[i]] := den[par[i]] + w[i];
    END IF;
  END LOOP;
END $$;
