-- The garden's database: zjgov plus a small table of rows that aggregate and window calls run over.
-- psql -v ON_ERROR_STOP=1 -f test/garden/setup.sql   (in a fresh database)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;

-- 4 x 4 grid of 0.1-degree cells near Taizhou (EPSG:4326); grp splits it into two 2 x 4 halves.
CREATE TABLE public.garden_rows AS
SELECT id, grp, v, g, b, arr, c, ts, t
  FROM (SELECT i * 4 + j + 1 AS id, (i / 2) + 1 AS grp,
               ((i * 4 + j) * 7 % 11)::float8 + 0.25 AS v,
               ST_MakeEnvelope(120 + 0.1 * i, 28 + 0.1 * j, 120 + 0.1 * (i + 1), 28 + 0.1 * (j + 1), 4326) AS g,
               (i * 4 + j) % 3 = 0 AS b,
               ARRAY[i * 4 + j + 1, (i + j) % 4, 10 - i - j]::float8[] AS arr,
               ((ARRAY['green','blue','yellow','orange','red'])[(i * 4 + j) % 5 + 1])::zjgov.colour AS c,
               '2026-01-01 00:00+08'::timestamptz + (i * 4 + j) * interval '1 day' AS ts,
               (ARRAY['a','b','c'])[(i * 4 + j) % 3 + 1] AS t
          FROM generate_series(0, 3) i, generate_series(0, 3) j) s;
ALTER TABLE public.garden_rows SET (parallel_workers = 2);
ANALYZE public.garden_rows;

-- A small indicator model and grade scale when those catalog tables exist (other rooms).
DO $$
BEGIN
    IF pg_catalog.to_regclass('zjgov.indicator') IS NOT NULL THEN
        BEGIN
            EXECUTE $q$INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
                VALUES ('garden', 'root', NULL, 'root', 1, 'benefit', NULL, NULL),
                       ('garden', 'a', 'root', 'a', 0.5, 'benefit', 0, 10),
                       ('garden', 'b', 'root', 'b', 0.3, 'cost', 0, 10),
                       ('garden', 'c', 'root', 'c', 0.2, 'benefit', 0, 10)$q$;
        EXCEPTION WHEN others THEN
            RAISE NOTICE 'garden: could not add an indicator model: %', SQLERRM;
        END;
    END IF;
END $$;
