/*
 * callcache.c — per-query argument caches in fn_extra, keyed by the bytes of the argument value,
 * bounded in entries and memory.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "arrayutil.h"
#include "callcache.h"
#include "settings.h"

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
		if (lru == NULL || (victim != NULL && total + size <= zj_cache_mem_bytes()))
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
