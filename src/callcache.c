/*
 * callcache.c — per-query argument caches in fn_extra, keyed by the bytes of the argument value,
 * bounded in entries and memory; and the uniform grid index used by zoning.c.
 */
#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "callcache.h"
#include "geos_bridge.h"

#define CALLCACHE_MAGIC 0x7A6A4343	/* "zjCC" */

typedef enum KeyForm
{
	KEY_PLAIN,					/* the detoasted data bytes of the value */
	KEY_ONDISK					/* the bytes of an on-disk TOAST pointer */
} KeyForm;

typedef struct CacheSlot
{
	bool		used;
	int			argno;
	int			kind;
	KeyForm		form;
	Size		keylen;
	char	   *key;
	void	   *payload;
	Size		size;			/* keylen + the builder's estimate */
	uint64		lastuse;
	MemoryContext cxt;
} CacheSlot;

typedef struct CallCache
{
	uint32		magic;
	uint64		clock;
	CacheSlot	slots[ZJ_CACHE_SLOTS];
} CallCache;

static CallCache *
callcache_of(FunctionCallInfo fcinfo)
{
	CallCache  *cc = (CallCache *) fcinfo->flinfo->fn_extra;

	if (cc == NULL)
	{
		cc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallCache));
		cc->magic = CALLCACHE_MAGIC;
		fcinfo->flinfo->fn_extra = cc;
	}
	else if (cc->magic != CALLCACHE_MAGIC)
		elog(ERROR, "fn_extra of this function holds something other than a zjgov call cache");
	return cc;
}

static void
slot_free(CacheSlot *s)
{
	if (s->used)
		MemoryContextDelete(s->cxt);	/* runs the GEOS autofree callbacks */
	memset(s, 0, sizeof(CacheSlot));
}

void *
zj_callcache_get(FunctionCallInfo fcinfo, int argno, int kind, ZjCacheBuild build, void *arg)
{
	return zj_callcache_get_value(fcinfo, argno, PG_GETARG_DATUM(argno), InvalidOid, kind, build, arg);
}

void *
zj_callcache_get_value(FunctionCallInfo fcinfo, int argno, Datum value, Oid typoid, int kind,
					   ZjCacheBuild build, void *arg)
{
	CallCache  *cc = callcache_of(fcinfo);
	struct varlena *raw = (struct varlena *) DatumGetPointer(value);
	struct varlena *val = NULL;
	KeyForm		form;
	const char *key;
	Size		keylen;
	CacheSlot  *victim = NULL;
	CacheSlot  *s;
	Size		total = 0;
	MemoryContext cxt,
				old;
	Size		size = 0;
	void	   *payload;

	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		/* a TOAST pointer names an immutable stored value: its own bytes are the key */
		form = KEY_ONDISK;
		key = (const char *) raw;
		keylen = VARSIZE_EXTERNAL(raw);
	}
	else
	{
		val = (struct varlena *) PG_DETOAST_DATUM_PACKED(PointerGetDatum(raw));
		form = KEY_PLAIN;
		key = VARDATA_ANY(val);
		keylen = VARSIZE_ANY_EXHDR(val);
	}

	cc->clock++;
	for (int i = 0; i < ZJ_CACHE_SLOTS; i++)
	{
		s = &cc->slots[i];
		if (s->used && s->argno == argno && s->kind == kind && s->form == form &&
			s->keylen == keylen && memcmp(s->key, key, keylen) == 0)
		{
			s->lastuse = cc->clock;
			if (val != NULL && val != raw)
				pfree(val);
			return s->payload;
		}
	}

	/* a miss: build in a fresh context, then make room */
	if (!OidIsValid(typoid))
		typoid = zj_arg_type(fcinfo, argno);
	cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "zjgov call cache", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	payload = build(val != NULL ? PointerGetDatum(val) : PointerGetDatum(raw), typoid, cxt, arg, &size);
	MemoryContextSwitchTo(old);

	size += keylen;
	for (;;)
	{
		CacheSlot  *lru = NULL;

		total = 0;
		victim = NULL;
		for (int i = 0; i < ZJ_CACHE_SLOTS; i++)
		{
			s = &cc->slots[i];
			if (!s->used)
			{
				if (victim == NULL)
					victim = s;
				continue;
			}
			total += s->size;
			if (lru == NULL || s->lastuse < lru->lastuse)
				lru = s;
		}
		if (lru == NULL || (victim != NULL && total + size <= ZJ_CACHE_MAX_BYTES))
			break;
		slot_free(lru);			/* full, or over the memory bound: evict the oldest */
	}

	s = victim;
	s->used = true;
	s->argno = argno;
	s->kind = kind;
	s->form = form;
	s->keylen = keylen;
	s->key = MemoryContextAlloc(cxt, Max(keylen, 1));
	memcpy(s->key, key, keylen);
	s->payload = payload;
	s->size = size;
	s->lastuse = cc->clock;
	s->cxt = cxt;
	if (val != NULL && val != raw)
		pfree(val);
	return payload;
}

/* ---------------------------------------------------------------- grid index */

void
zj_grid_build(ZjGrid *g, int n, const double *boxes, double cell)
{
	double		xmin = INFINITY,
				ymin = INFINITY,
				xmax = -INFINITY,
				ymax = -INFINITY;
	double		w,
				h;
	double		maxcells = 2.0 * n + 64;
	int64		ncell;
	int32	   *count;

	for (int i = 0; i < n; i++)
	{
		const double *b = &boxes[4 * i];

		xmin = Min(xmin, b[0]);
		ymin = Min(ymin, b[1]);
		xmax = Max(xmax, b[2]);
		ymax = Max(ymax, b[3]);
	}
	if (n == 0)
		xmin = ymin = xmax = ymax = 0;
	w = xmax - xmin;
	h = ymax - ymin;
	if (!(cell > 0))
		cell = sqrt(Max(w * h, 1e-300) / Max(n, 1));
	if (w / cell * (h / cell) > maxcells)
		cell = sqrt(w * h / maxcells);
	if (!(cell > 0) || !isfinite(cell))
		cell = Max(Max(w, h), 1.0);

	g->x0 = xmin;
	g->y0 = ymin;
	g->cw = Max(cell, w / 65536.0);
	g->ch = Max(cell, h / 65536.0);
	if (!(g->cw > 0))
		g->cw = 1.0;
	if (!(g->ch > 0))
		g->ch = 1.0;
	g->nx = Max(1, Min((int) floor(w / g->cw) + 1, 65536));
	g->ny = Max(1, Min((int) floor(h / g->ch) + 1, 65536));
	while ((int64) g->nx * g->ny > (int64) maxcells + 4 && (g->nx > 1 || g->ny > 1))
	{
		/* rounding made too many cells: halve the finer direction */
		if (g->nx >= g->ny)
		{
			g->cw *= 2;
			g->nx = Max(1, (int) floor(w / g->cw) + 1);
		}
		else
		{
			g->ch *= 2;
			g->ny = Max(1, (int) floor(h / g->ch) + 1);
		}
	}
	ncell = (int64) g->nx * g->ny;

	/* pass 0 counts the items of each cell, pass 1 fills them in after the prefix sums */
	count = palloc0(sizeof(int32) * (ncell + 1));
	for (int pass = 0; pass < 2; pass++)
	{
		int64		total = 0;

		if (pass == 1)
		{
			g->start = palloc(sizeof(int32) * (ncell + 1));
			g->start[0] = 0;
			for (int64 c = 0; c < ncell; c++)
				g->start[c + 1] = g->start[c] + count[c];
			g->items = palloc(sizeof(int32) * Max(g->start[ncell], 1));
			memcpy(count, g->start, sizeof(int32) * ncell);	/* fill cursors */
		}
		for (int i = 0; i < n; i++)
		{
			int			ix0,
						iy0,
						ix1,
						iy1;

			zj_grid_range(g, boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3],
						  &ix0, &iy0, &ix1, &iy1);
			for (int iy = iy0; iy <= iy1; iy++)
				for (int ix = ix0; ix <= ix1; ix++)
				{
					int64		c = (int64) iy * g->nx + ix;

					if (pass == 0)
						count[c]++;
					else
						g->items[count[c]++] = i;
				}
			total += (int64) (ix1 - ix0 + 1) * (iy1 - iy0 + 1);
			if (total > (int64) (MaxAllocSize / sizeof(int32)))
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("spatial index of %d items is too large", n)));
		}
	}
	pfree(count);
}

bool
zj_grid_range(const ZjGrid *g, double xmin, double ymin, double xmax, double ymax,
			  int *ix0, int *iy0, int *ix1, int *iy1)
{
	double		fx0 = floor((xmin - g->x0) / g->cw),
				fy0 = floor((ymin - g->y0) / g->ch),
				fx1 = floor((xmax - g->x0) / g->cw),
				fy1 = floor((ymax - g->y0) / g->ch);

	if (!(fx1 >= 0 && fy1 >= 0 && fx0 < g->nx && fy0 < g->ny))
	{
		*ix0 = *iy0 = 0;
		*ix1 = *iy1 = -1;
		return false;
	}
	*ix0 = (int) Max(fx0, 0);
	*iy0 = (int) Max(fy0, 0);
	*ix1 = (int) Min(fx1, g->nx - 1);
	*iy1 = (int) Min(fy1, g->ny - 1);
	return true;
}
