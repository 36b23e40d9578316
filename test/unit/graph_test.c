/*
 * graph_test.c — the weights spec parser and the CSR neighbour graph of src/graph.c, compiled
 * unchanged against shim/postgres.h, under -fsanitize=address,undefined (test/suites/unit_asan.sh).
 *
 * References: for the parser, the grammar of the README ('queen', 'rook', 'queen:SNAP',
 * 'rook:SNAP' with a finite SNAP >= 0, 'knn:K' with an integer K from 1 to 10000, 'distance:D'
 * with a finite D > 0; case-insensitive, blanks around the spec and after the colon), in tables
 * written by hand and again in random case with random blanks; for the graph, a dense n x n
 * adjacency matrix holding the very pairs handed to zj_edges_add (in shuffled order), read row by
 * row; for the comparators, a direct check of every pair of positions in the sorted array and of
 * the comparator's sign against the lexicographic definition.  Memory is counted with shim_live():
 * a graph is three blocks (struct, off, nb), the builder's temporary is freed.
 */
#include "postgres.h"

#include <limits.h>

#include "graph.h"
#include "unit.h"

#define NELEM(a) ((int) (sizeof(a) / sizeof((a)[0])))

typedef struct ValidSpec
{
	const char *spec;
	ZjWeightsKind kind;
	double		snap;
	int			k;
	double		dist;
	ZjWeightsType wtype;		/* binary (0) unless given */
	double		alpha;
} ValidSpec;

static const ValidSpec valid_specs[] = {
	{"queen", ZJ_W_QUEEN, 0, 0, 0, ZJ_WT_BINARY, 0}, {"rook", ZJ_W_ROOK, 0, 0, 0, ZJ_WT_BINARY, 0},
	{"  QUEEN:0.5\t", ZJ_W_QUEEN, 0.5, 0, 0, ZJ_WT_BINARY, 0}, {"rook:2", ZJ_W_ROOK, 2, 0, 0, ZJ_WT_BINARY, 0},
	{"Rook: 0.25", ZJ_W_ROOK, 0.25, 0, 0, ZJ_WT_BINARY, 0}, {"queen:0", ZJ_W_QUEEN, 0, 0, 0, ZJ_WT_BINARY, 0},
	{"queen:\t3", ZJ_W_QUEEN, 3, 0, 0, ZJ_WT_BINARY, 0}, {"queen:1e308", ZJ_W_QUEEN, 1e308, 0, 0, ZJ_WT_BINARY, 0},
	{"knn:1", ZJ_W_KNN, 0, 1, 0, ZJ_WT_BINARY, 0}, {"knn:6", ZJ_W_KNN, 0, 6, 0, ZJ_WT_BINARY, 0}, {"knn:10000", ZJ_W_KNN, 0, 10000, 0, ZJ_WT_BINARY, 0},
	{"KNN: 6", ZJ_W_KNN, 0, 6, 0, ZJ_WT_BINARY, 0}, {"knn:007", ZJ_W_KNN, 0, 7, 0, ZJ_WT_BINARY, 0}, {"knn:9999 ", ZJ_W_KNN, 0, 9999, 0, ZJ_WT_BINARY, 0},
	{"distance:1e-3", ZJ_W_DISTANCE, 0, 0, 0.001, ZJ_WT_BINARY, 0}, {"distance:1500", ZJ_W_DISTANCE, 0, 0, 1500, ZJ_WT_BINARY, 0},
	{"Distance: 2.5", ZJ_W_DISTANCE, 0, 0, 2.5, ZJ_WT_BINARY, 0}, {"\n distance:0.75 \r", ZJ_W_DISTANCE, 0, 0, 0.75, ZJ_WT_BINARY, 0},
	{"distance:1e308", ZJ_W_DISTANCE, 0, 0, 1e308, ZJ_WT_BINARY, 0},
	/* weights by distance after knn or distance: idw[:ALPHA] (alpha 1), exp:ALPHA, dpd[:ALPHA] */
	{"knn:6:idw", ZJ_W_KNN, 0, 6, 0, ZJ_WT_IDW, 1}, {"knn:6:idw:2", ZJ_W_KNN, 0, 6, 0, ZJ_WT_IDW, 2},
	{"KNN:4:EXP:0.001", ZJ_W_KNN, 0, 4, 0, ZJ_WT_EXP, 0.001}, {"knn:4 : idw", ZJ_W_KNN, 0, 4, 0, ZJ_WT_IDW, 1},
	{"distance:1500:idw:0.5", ZJ_W_DISTANCE, 0, 0, 1500, ZJ_WT_IDW, 0.5},
	{"distance:1500:dpd", ZJ_W_DISTANCE, 0, 0, 1500, ZJ_WT_DPD, 1},
	{"distance:1500:dpd:2", ZJ_W_DISTANCE, 0, 0, 1500, ZJ_WT_DPD, 2},
	{"distance: 2.5 :exp: 3", ZJ_W_DISTANCE, 0, 0, 2.5, ZJ_WT_EXP, 3},
};

static const char *const invalid_specs[] = {
	"", "   ", ":", ":5", "queen:", "rook:", "knn", "knn:", "knn:0", "knn:-0", "knn:-3", "knn:10001",
	"knn:1.5", "knn:6x", "knn:6 7", "knn:1e3", "knn:0x10", "knn:+", "knn:2147483648",
	"knn:4294967297", "knn:99999999999999999999", "knn:-99999999999999999999", "knn :6",
	"distance", "distance:", "distance:0", "distance:-0", "distance:-1", "distance:nan",
	"distance:inf", "distance:-inf", "distance:1e999", "distance:.", "distance:e5",
	"queen:-1", "queen:abc", "queen:nan", "queen:inf", "queen:1e999", "queen:0.5x", "rook:-1e-9",
	"hexagon", "queens", "q", "queen:1:2", "queen rook", "queen,rook", "\x01queen", "queen\x01",
	"knn:\x01", "knn:6\x01", "rook:\x7f", "\xe9\x82\xbb\xe6\x8e\xa5", "queen:\xe5\x8d\x8a",
	"queen:idw", "rook:0.5:idw", "queen:dpd", "knn:6:dpd", "knn:6:dpd:2", "knn:6:exp", "distance:5:exp",
	"knn:6:idw:0", "knn:6:idw:-1", "knn:6:idw:nan", "knn:6:idw:inf", "knn:6:idw:1:2", "knn:6:gauss",
	"knn:6:", "knn:6:idw:", "distance:5:idw:x", "knn:6::idw", "knn:1:2:3:4:5", "knn:6:idw2",
};

/* true when parsing spec raised an ERROR (kept apart so that no caller local lives across setjmp) */
static bool
parse_fails(const char *spec, ZjWeightsSpec *out)
{
	return SHIM_TRY(zj_weights_parse(spec, out));
}

/* 0 .. 3 random blanks at *p */
static char *
blanks(char *p)
{
	for (int i = (int) (unit_rand() * 4); i > 0; i--)
		*p++ = " \t\n\r\v\f"[(int) (unit_rand() * 6)];
	return p;
}

/* spec in random case, with random blanks before it, after it and after each colon */
static void
vary(const char *spec, char *buf)
{
	char	   *p = blanks(buf);

	for (const char *s = spec; *s; s++)
	{
		*p++ = unit_rand() < 0.5 ? toupper((unsigned char) *s) : tolower((unsigned char) *s);
		if (*s == ':')
			p = blanks(p);
	}
	*blanks(p) = '\0';
}

/* one spec that must parse to v: 0 when it does */
static int
valid_bad(const char *spec, const ValidSpec *v)
{
	ZjWeightsSpec out;
	bool		err;

	memset(&out, 0xa5, sizeof(out));
	err = parse_fails(spec, &out);
	shim_reset();
	if (!err && out.kind == v->kind && out.snap == v->snap && out.k == v->k && out.dist == v->dist &&
		out.wtype == v->wtype && out.alpha == v->alpha)
		return 0;
	printf("# '%.60s': error %d (%s), kind %d snap %g k %d dist %g\n", spec, err, shim_message,
		   (int) out.kind, out.snap, out.k, out.dist);
	return 1;
}

/* one spec that must be an ERROR 22023 "invalid weights specification...": 0 when it is */
static int
invalid_bad(const char *spec)
{
	ZjWeightsSpec out;
	bool		err = parse_fails(spec, &out);
	bool		good = err && strcmp(shim_sqlstate, "22023") == 0 &&
		strncmp(shim_message, "invalid weights specification", 29) == 0;

	shim_reset();
	if (!good)
		printf("# '%.60s': error %d, sqlstate '%s', message '%.80s'\n", spec, err, shim_sqlstate, shim_message);
	return good ? 0 : 1;
}

/* buf = head, count copies of c, tail */
static char *
repeat(char *buf, const char *head, int c, int count, const char *tail)
{
	size_t		h = strlen(head);

	memcpy(buf, head, h);
	memset(buf + h, c, count);
	strcpy(buf + h + count, tail);
	return buf;
}

static void
test_spec(void)
{
	int			nv = NELEM(valid_specs),
				ni = NELEM(invalid_specs),
				bad_valid = 0,
				bad_invalid = 0,
				bad = 0;
	char		buf[256];
	char	   *big = malloc(1100000);
	ValidSpec	knn6 = {NULL, ZJ_W_KNN, 0, 6, 0, ZJ_WT_BINARY, 0},
				rook0 = {NULL, ZJ_W_ROOK, 0, 0, 0, ZJ_WT_BINARY, 0};

	/* each spec as written (r = 0), then in 40 random variants */
	for (int r = 0; r <= 40; r++)
	{
		for (int i = 0; i < nv; i++)
		{
			if (r > 0)
				vary(valid_specs[i].spec, buf);
			bad_valid += valid_bad(r > 0 ? buf : valid_specs[i].spec, &valid_specs[i]);
		}
		for (int i = 0; i < ni; i++)
		{
			if (r > 0)
				vary(invalid_specs[i], buf);
			bad_invalid += invalid_bad(r > 0 ? buf : invalid_specs[i]);
		}
		if (r == 0)
		{
			CHECK(bad_valid == 0, "%d valid specs from the grammar: kind and every field exact, unused fields 0 (%d bad)", nv, bad_valid);
			CHECK(bad_invalid == 0, "%d invalid specs: ERROR 22023 'invalid weights specification...' (%d bad)", ni, bad_invalid);
			bad_valid = bad_invalid = 0;
		}
	}
	CHECK(bad_valid == 0, "%d valid specs in random case, random blanks around them and after the colon: same fields (%d bad)", nv * 40, bad_valid);
	CHECK(bad_invalid == 0, "%d invalid specs in random case with random blanks: still ERROR 22023 (%d bad)", ni * 40, bad_invalid);

	/* long specs */
	bad += invalid_bad(repeat(big, "", 'q', 1048576, ""));
	bad += invalid_bad(repeat(big, "knn:", '9', 100000, ""));
	bad += invalid_bad(repeat(big, "distance:", '9', 100000, ""));
	bad += invalid_bad(repeat(big, "queen:", '9', 100000, ""));
	bad += invalid_bad(repeat(big, "knn:", ' ', 100000, ""));
	CHECK(bad == 0, "1 MB of 'q'; knn/distance/queen with 100 000 nines; 'knn:' and 100 000 blanks: ERROR 22023 (%d bad)", bad);
	bad = valid_bad(repeat(big, "knn:", '0', 100000, "6"), &knn6);
	bad += valid_bad(repeat(big, "", ' ', 100000, "rook\t\n"), &rook0);
	CHECK(bad == 0, "'knn:' with 100 000 leading zeros then 6 is knn 6; 'rook' after 100 000 blanks is rook (%d bad)", bad);
	free(big);
}

typedef struct GraphBad
{
	int			cases,
				growths,		/* the most times one pair list grew */
				list,			/* the pair list: n, cap >= n, two blocks (grown by repalloc) */
				shape,			/* g->n, off[0], off[n], rows ascending, in range, no self */
				rows,			/* row i equals the matrix row, ZJ_DEGREE its sum */
				has,			/* zj_graph_has equals the matrix */
				live,			/* the graph is exactly three new blocks */
				input;			/* e left as it is */
} GraphBad;

/* random pairs of n rows, each with probability p (symmetric: both directions), into adj and, shuffled, (a, b) */
static int64
random_pairs(int n, bool symmetric, double p, unsigned char *adj, int *a, int *b)
{
	int64		m = 0;

	memset(adj, 0, (size_t) n * n);
	for (int i = 0; i < n; i++)
		for (int j = symmetric ? i + 1 : 0; j < n; j++)
			if (i != j && unit_rand() < p)
			{
				adj[i * n + j] = 1, a[m] = i, b[m] = j, m++;
				if (symmetric)
					adj[j * n + i] = 1, a[m] = j, b[m] = i, m++;
			}
	for (int64 i = m - 1; i > 0; i--)
	{
		int64		r = (int64) (unit_rand() * (i + 1));
		int			t;

		t = a[i], a[i] = a[r], a[r] = t;
		t = b[i], b[i] = b[r], b[r] = t;
	}
	return m;
}

/* add the pairs (a[m], b[m]) in that order, build the graph and check it against adj */
static void
check_graph(int n, const unsigned char *adj, const int *a, const int *b, int64 m, GraphBad *bad)
{
	ZjEdges		e = {0};
	ZjGraph    *g;
	long		live;
	int64		cap = 0;
	int			growths = 0,
				shape = 0,
				rows = 0,
				has = 0;

	for (int64 i = 0; i < m; i++)
	{
		zj_edges_add(&e, a[i], b[i]);
		growths += e.cap != cap;
		cap = e.cap;
	}
	bad->cases++;
	bad->growths = Max(bad->growths, growths);
	live = shim_live();
	bad->list += e.n != m || e.cap < m || live != (m > 0 ? 2 : 0);
	g = zj_graph_from_edges(n, &e);
	bad->live += shim_live() - live != 3;
	bad->input += e.n != m || (m > 0 && (memcmp(e.a, a, m * sizeof(int)) != 0 || memcmp(e.b, b, m * sizeof(int)) != 0));
	shape += g->n != n || g->off[0] != 0 || g->off[n] != m;
	for (int i = 0; i < n; i++)
	{
		int			p = g->off[i],
					deg = 0;

		shape += g->off[i + 1] < g->off[i];
		for (int q = g->off[i]; q < g->off[i + 1]; q++)
			shape += g->nb[q] < 0 || g->nb[q] >= n || g->nb[q] == i || (q > g->off[i] && g->nb[q] <= g->nb[q - 1]);
		/* merge the row with the matrix row: each 1 must be the next listed neighbour */
		for (int j = 0; j < n; j++)
			if (adj[(size_t) i * n + j])
			{
				deg++;
				if (p < g->off[i + 1] && g->nb[p] == j)
					p++;
				else
					rows++;
			}
		rows += p != g->off[i + 1] || ZJ_DEGREE(g, i) != deg;
		for (int j = 0; j < n; j++)
			has += zj_graph_has(g, i, j) != (adj[(size_t) i * n + j] != 0);
	}
	bad->shape += shape != 0;
	bad->rows += rows != 0;
	bad->has += has != 0;
	shim_reset();
}

static void
test_graph(void)
{
	static const int sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 13, 32, 33, 100, 257, 300};
	GraphBad	bad = {0};
	int64		m,
				maxm = 0;
	int		   *a = malloc(sizeof(int) * 2000 * 2000),
			   *b = malloc(sizeof(int) * 2000 * 2000);
	unsigned char *adj = malloc(2000 * 2000);

	/* each size 5 times in each mode: empty, sparse directed, symmetric, complete */
	for (int rep = 0; rep < 4 * 5 * NELEM(sizes); rep++)
	{
		int			mode = rep % 4,
					n = sizes[(rep / 4) % NELEM(sizes)];

		m = random_pairs(n, mode == 2, mode == 0 ? 0 : mode == 1 ? unit_uniform(0, 0.1) : mode == 2 ? unit_rand() : 1,
						 adj, a, b);
		maxm = Max(maxm, m);
		check_graph(n, adj, a, b, m, &bad);
	}
	CHECK(bad.shape == 0, "%d random graphs (n 0 .. 300, empty / sparse / symmetric / complete, up to %lld pairs): off[0] = 0, off[n] = pairs, rows ascending, no self (%d bad)",
		  bad.cases, (long long) maxm, bad.shape);
	CHECK(bad.rows == 0, "random graphs: every row's list equals the adjacency matrix row, ZJ_DEGREE its sum (%d bad)", bad.rows);
	CHECK(bad.has == 0, "random graphs: zj_graph_has(i, j) equals the matrix for all n^2 (i, j) (%d bad)", bad.has);
	CHECK(bad.list == 0, "random graphs: the pair list holds every pair in 2 blocks, up to %d growths (%d bad)", bad.growths, bad.list);
	CHECK(bad.live == 0 && bad.input == 0, "random graphs: each graph is exactly 3 new blocks, e left as it is (%d, %d bad)", bad.live, bad.input);
	CHECK(shim_live() == 0, "after shim_reset(), no block is left (%ld)", shim_live());

	/* large: n = 2000, each directed pair with probability 0.05 (about 200 000 pairs) */
	bad = (GraphBad) {0};
	m = random_pairs(2000, false, 0.05, adj, a, b);
	check_graph(2000, adj, a, b, m, &bad);
	CHECK(bad.shape + bad.rows + bad.has + bad.list + bad.live + bad.input == 0,
		  "n = 2000, %lld random pairs, list grown %d times: CSR equals the matrix, 3 blocks, e intact (%d %d %d %d %d %d bad)",
		  (long long) m, bad.growths, bad.shape, bad.rows, bad.has, bad.list, bad.live, bad.input);
	free(a);
	free(b);
	free(adj);
}

/* true when adding a pair to e raised an ERROR */
static bool
add_fails(ZjEdges *e)
{
	return SHIM_TRY(zj_edges_add(e, 1, 2));
}

static void
test_edges_limit(void)
{
	/* full lists whose doubled arrays would pass MaxAllocSize; the fake arrays must not be touched */
	static const int64 caps[] = {(int64) MaxAllocSize / sizeof(int) / 2 + 1, (int64) MaxAllocSize / sizeof(int),
	(int64) 1 << 30, (int64) 1 << 40};
	static int	fake[1];
	int			bad = 0;

	for (int i = 0; i < NELEM(caps); i++)
	{
		ZjEdges		e = {caps[i], caps[i], fake, fake};
		bool		err = add_fails(&e);

		bad += !err || strcmp(shim_sqlstate, "54000") != 0 || e.n != caps[i] || e.cap != caps[i] ||
			e.a != fake || e.b != fake || shim_live() != 0;
	}
	CHECK(bad == 0, "full pair lists of %lld .. 2^40 pairs: the next zj_edges_add is ERROR 54000 before any allocation, e untouched (%d bad)",
		  (long long) caps[0], bad);
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

static void
test_comparators(void)
{
	static const double ds[] = {-INFINITY, -1e308, -1, -0.0, 0.0, 5e-324, 1, 1e308, INFINITY};
	static const double few[] = {-0.0, 0.0, INFINITY};	/* for arrays of nothing but ties */
	static const int js[] = {INT_MIN, INT_MIN + 1, -2, -1, 0, 1, 2, INT_MAX - 1, INT_MAX};
	ZjKeyedRow	y[200];
	int			bad_sign = 0,
				bad_order = 0,
				bad_int = 0,
				cases = 0;

	for (int p = 0; p < 9 * 9; p++)
		for (int q = 0; q < 9 * 9; q++)
		{
			ZjKeyedRow	u = {ds[p / 9], js[p % 9]},
						v = {ds[q / 9], js[q % 9]};
			int			want = u.d < v.d ? -1 : u.d > v.d ? 1 : u.j < v.j ? -1 : u.j > v.j;
			int			iu = js[p % 9],
						iv = js[q % 9];

			bad_sign += sign(zj_cmp_keyed_row(&u, &v)) != want;
			bad_int += sign(zj_cmp_int(&iu, &iv)) != ((long long) iu > iv) - ((long long) iu < iv);
		}
	CHECK(bad_sign == 0, "zj_cmp_keyed_row on all 81 x 81 pairs of (d in {±inf, ±1e308, ±1, ±0, 5e-324}, j in {INT_MIN .. INT_MAX}): sign of (d, j) lexicographic, -0 = 0 (%d bad)", bad_sign);
	CHECK(bad_int == 0, "zj_cmp_int on all pairs of INT_MIN, INT_MIN+1, -2, -1, 0, 1, 2, INT_MAX-1, INT_MAX: the right sign, no overflow (%d bad)", bad_int);

	for (int rep = 0; rep < 400; rep++)
	{
		int			m = 1 + (int) (unit_rand() * 200);
		int			iv[200];

		for (int i = 0; i < m; i++)
		{
			y[i].d = rep % 2 ? ds[(int) (unit_rand() * 9)] : few[(int) (unit_rand() * 3)];
			y[i].j = rep % 3 ? (int) (unit_rand() * 8) : js[(int) (unit_rand() * 9)];
			iv[i] = js[(int) (unit_rand() * 9)];
		}
		qsort(y, m, sizeof(ZjKeyedRow), zj_cmp_keyed_row);
		qsort(iv, m, sizeof(int), zj_cmp_int);
		cases++;
		for (int p = 0; p < m; p++)
			for (int q = p + 1; q < m; q++)
				bad_order += y[q].d < y[p].d || (y[q].d == y[p].d && y[q].j < y[p].j) || iv[q] < iv[p];
	}
	CHECK(bad_order == 0, "%d qsorts of up to 200 rows with many ties in d (±0, ±inf) and j, and of extreme ints: every pair of positions in order (%d bad)", cases, bad_order);
}

int
main(void)
{
	test_spec();
	test_graph();
	test_edges_limit();
	test_comparators();
	return UNIT_RESULT();
}
