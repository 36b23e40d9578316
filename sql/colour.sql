-- colour type, names, palette, classify, colour_of, three_colour
SET search_path = public, zjgov;
SELECT 'red'::zjgov.colour, ' Yellow '::zjgov.colour, '红'::zjgov.colour, '橙色'::zjgov.colour,
       '蓝'::zjgov.colour, '绿色'::zjgov.colour;
SELECT c, zjgov.colour_zh(c), zjgov.colour_hex(c), zjgov.warning_level(c)
  FROM unnest('{green,blue,yellow,orange,red}'::zjgov.colour[]) AS c ORDER BY c DESC;
-- severity order and operators
SELECT 'green'::zjgov.colour < 'blue', 'blue'::zjgov.colour < 'yellow', 'orange'::zjgov.colour < 'red',
       'red'::zjgov.colour >= 'red', 'red'::zjgov.colour <> 'orange', '红'::zjgov.colour = 'red';
SELECT zjgov.max(c), zjgov.min(c) FROM unnest('{yellow,green,orange}'::zjgov.colour[]) c;
-- classify: lower-inclusive thresholds, as width_bucket
SELECT v, zjgov.classify(v, '{10,20,30}') AS cls, width_bucket(v, '{10,20,30}'::float8[]) + 1 AS wb
  FROM unnest('{-5,9.999,10,19.99,20,30,1e9}'::float8[]) v;
SELECT zjgov.classify(5, '{}');
-- colour_of: default palettes by k, custom palette, low is worse
SELECT zjgov.colour_of(v, '{50}') AS k2, zjgov.colour_of(v, '{40,70}') AS k3,
       zjgov.colour_of(v, '{25,50,75}') AS k4, zjgov.colour_of(v, '{20,40,60,80}') AS k5,
       zjgov.colour_of(v, '{40,70}', higher_is_worse => false) AS k3_low_bad
  FROM unnest('{0,25,40,50,69,70,100}'::float8[]) v;
SELECT zjgov.colour_of(15, '{10,20}', '{blue,orange,red}');
SELECT zjgov.colour_of(NULL, '{10,20}'), zjgov.colour_of(1, '{10,20}', NULL, NULL);
-- three_colour, both directions, boundaries inclusive
SELECT v, zjgov.three_colour(v, 60, 80) AS high_bad, zjgov.three_colour(v, 80, 60) AS low_bad
  FROM unnest('{59.9,60,79.9,80,81}'::float8[]) v;
-- errors
SELECT 'purple'::zjgov.colour;
SELECT ''::zjgov.colour;
SELECT zjgov.classify(1, '{3,2}');
SELECT zjgov.classify(1, '{1,1}');
SELECT zjgov.classify('NaN', '{1,2}');
SELECT zjgov.classify(1, '{1,NaN}');
SELECT zjgov.classify(1, '{1,NULL}');
SELECT zjgov.classify(1, '{{1,2},{3,4}}');
SELECT zjgov.colour_of(1, '{1,2,3,4,5}');
SELECT zjgov.colour_of(1, '{}');
SELECT zjgov.colour_of(1, '{1,2}', '{green,red}');
SELECT zjgov.colour_of(1, '{1}', '{green,NULL}');
SELECT zjgov.three_colour(1, 5, 5);
SELECT zjgov.three_colour('Infinity', 5, 6);
