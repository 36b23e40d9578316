/*
 * aggstate.c — the zjgov.aggstate type: allocation and growth for aggregate transition functions,
 * and its exact, versioned text and binary forms.
 *
 * Text form:  v1:<kind>:<width>:<param>:<n>:<aux0>,<aux1>,<aux2>,<aux3>:<d0>,<d1>,...
 * with every double in C99 hexadecimal notation ("%a"), which strtod reads back bit for bit.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "aggstate.h"
#include "export.h"
#include "hexfloat.h"

void *
zj_state_grow(void *s, Size used, Size need, Size minsize, MemoryContext cxt, const char *what)
{
	Size		sz = VARSIZE(s);
	char	   *t;

	if (need <= sz)
		return s;
	if (need > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the aggregate state of %s is too large", what),
				 errdetail("An aggregate state is limited to 1 GB."),
				 errhint("Aggregate smaller groups of rows.")));
	sz = Min(Max(Max(sz * 2, need), minsize), MaxAllocSize);
	t = MemoryContextAllocZero(cxt, sz);
	memcpy(t, s, Min(used, VARSIZE(s)));
	SET_VARSIZE(t, sz);
	return t;
}

struct varlena *
zj_state_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(argno);
	struct varlena *v = PG_DETOAST_DATUM(PointerGetDatum(raw));

	if (v != raw || AggCheckCallContext(fcinfo, NULL))
		return v;
	v = palloc(VARSIZE(raw));
	memcpy(v, raw, VARSIZE(raw));
	return v;
}

void
zj_state_corrupt(const char *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s value", type),
			 errdetail("%s", detail)));
}

ZjAggState *
zj_aggstate_new(MemoryContext cxt, char kind, int width, int32 param, int64 cap)
{
	Size		sz = ZJ_AGGSTATE_HDRSZ + (Size) cap * width * sizeof(double);
	ZjAggState *s;

	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("aggregate state of %lld records is too large", (long long) cap)));
	s = MemoryContextAllocZero(cxt, sz);
	SET_VARSIZE(s, sz);
	s->version = ZJ_AGGSTATE_VERSION;
	s->kind = kind;
	s->width = width;
	s->param = param;
	s->n = 0;
	return s;
}

ZjAggState *
zj_aggstate_reserve(ZjAggState *s, int64 more, MemoryContext cxt, const char *what)
{
	int64		need = s->n + more;
	int64		maxrec = (MaxAllocSize - ZJ_AGGSTATE_HDRSZ) / (sizeof(double) * s->width);
	Size		rec = sizeof(double) * s->width;

	if (need <= ZJ_AGGSTATE_CAP(s))
		return s;
	if (need > maxrec)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many rows for %s", what),
				 errdetail("The aggregate keeps %d bytes a row and is limited to 1 GB, %lld rows.",
						   (int) rec, (long long) maxrec),
				 errhint("Aggregate a sample, or group the rows into smaller sets.")));
	/* whole records only: the capacity is read back from VARSIZE */
	{
		int64		cap = Min(Max(ZJ_AGGSTATE_CAP(s) * 2, Max(need, 64)), maxrec);

		return zj_state_grow(s, ZJ_AGGSTATE_HDRSZ + (Size) s->n * rec, ZJ_AGGSTATE_HDRSZ + (Size) need * rec,
							 ZJ_AGGSTATE_HDRSZ + (Size) cap * rec, cxt, what);
	}
}

ZjAggState *
zj_aggstate_append(ZjAggState *a, const ZjAggState *b, MemoryContext cxt, const char *what)
{
	Assert(a->width == b->width);
	if (b->n == 0)
		return a;
	a = zj_aggstate_reserve(a, b->n, cxt, what);
	memcpy(ZJ_AGGSTATE_REC(a, a->n), b->data, sizeof(double) * a->width * b->n);
	a->n += b->n;
	return a;
}

void
zj_aggstate_check(const ZjAggState *s, char kind, int width)
{
	if (s->version != ZJ_AGGSTATE_VERSION || s->kind != kind || s->width != width)
		zj_state_corrupt("aggstate",
						 psprintf("The state has kind '%c' width %d; this aggregate keeps kind '%c' width %d.",
								  s->kind, s->width, kind, width));
	if (VARSIZE(s) < ZJ_AGGSTATE_HDRSZ || s->n < 0 || s->n > ZJ_AGGSTATE_CAP(s))
		zj_state_corrupt("aggstate", "Its record count does not fit its size.");
}

ZjAggState *
zj_aggstate_copy(const ZjAggState *s, bool trim)
{
	Size		used = ZJ_AGGSTATE_HDRSZ + (Size) s->n * s->width * sizeof(double);
	Size		sz = trim ? ZJ_AGGSTATE_HDRSZ + (Size) Max(s->n, 1) * s->width * sizeof(double) :
		VARSIZE(s);
	ZjAggState *c = palloc(sz);

	memcpy(c, s, trim ? used : sz);
	SET_VARSIZE(c, sz);
	return c;
}

ZjAggState *
zj_aggstate_writable(FunctionCallInfo fcinfo, int argno, ZjAggState *s)
{
	if (AggCheckCallContext(fcinfo, NULL) || (Pointer) s != PG_GETARG_POINTER(argno))
		return s;
	return zj_aggstate_copy(s, false);
}

ZjAggState *
zj_aggstate_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return NULL;
	return (ZjAggState *) zj_state_arg(fcinfo, argno);
}

/* ---- text I/O ---- */

static double
parse_double(char **p, const char *str)
{
	char	   *end;
	double		v;

	errno = 0;
	v = strtod(*p, &end);
	/* as float8in: a subnormal result sets ERANGE but is exact; only overflow and total underflow fail */
	if (end == *p || (errno == ERANGE && (v == 0.0 || isinf(v))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str)));
	*p = end;
	return v;
}

static void
expect_char(char **p, char c, const char *str)
{
	if (**p != c)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str),
				 errdetail("Expected \"%c\" at position %d.", c, (int) (*p - str) + 1)));
	(*p)++;
}

static int64
parse_int(char **p, const char *str, int64 lo, int64 hi)
{
	char	   *end;
	long long	v;

	errno = 0;
	v = strtoll(*p, &end, 10);
	if (end == *p || errno == ERANGE || v < lo || v > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str)));
	*p = end;
	return v;
}

PG_FUNCTION_INFO_V1(zjgov_aggstate_in);
Datum
zjgov_aggstate_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *p = str;
	char		kind;
	int			width;
	int32		param;
	int64		n;
	ZjAggState *s;

	expect_char(&p, 'v', str);
	if (parse_int(&p, str, 0, 255) != ZJ_AGGSTATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported aggstate version in \"%.60s\"", str)));
	expect_char(&p, ':', str);
	kind = *p;
	if (kind < 'a' || kind > 'z')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str)));
	p++;
	expect_char(&p, ':', str);
	width = (int) parse_int(&p, str, 1, 64);
	expect_char(&p, ':', str);
	param = (int32) parse_int(&p, str, PG_INT32_MIN, PG_INT32_MAX);
	expect_char(&p, ':', str);
	n = parse_int(&p, str, 0, (MaxAllocSize - ZJ_AGGSTATE_HDRSZ) / (sizeof(double) * width));
	expect_char(&p, ':', str);
	/* each double takes at least two characters: refuse before allocating for a claimed huge n */
	if (n * width > (int64) strlen(p) / 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str),
				 errdetail("The text is too short for %lld records.", (long long) n)));
	s = zj_aggstate_new(CurrentMemoryContext, kind, width, param, n);
	for (int i = 0; i < 4; i++)
	{
		if (i > 0)
			expect_char(&p, ',', str);
		s->aux[i] = parse_double(&p, str);
	}
	expect_char(&p, ':', str);
	for (int64 i = 0; i < n * width; i++)
	{
		if (i > 0)
			expect_char(&p, ',', str);
		s->data[i] = parse_double(&p, str);
	}
	if (*p != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type aggstate: \"%.60s\"", str),
				 errdetail("Unexpected text after %lld records.", (long long) n)));
	s->n = n;
	PG_RETURN_POINTER(s);
}

/* Exact hexadecimal floats (hexfloat.c); strtod reads them back bit for bit. */
static void
append_hex_double(StringInfo buf, const char *sep, double d)
{
	char		tmp[ZJ_HEXFLOAT_LEN];

	appendStringInfoString(buf, sep);
	zj_hexfloat(tmp, d);
	appendStringInfoString(buf, tmp);
}

PG_FUNCTION_INFO_V1(zjgov_aggstate_out);
Datum
zjgov_aggstate_out(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d:%c:%d:%d:%lld:", s->version, s->kind, s->width,
					 s->param, (long long) s->n);
	for (int i = 0; i < 4; i++)
		append_hex_double(&buf, i ? "," : "", s->aux[i]);
	appendStringInfoChar(&buf, ':');
	for (int64 i = 0; i < s->n * s->width; i++)
		append_hex_double(&buf, i ? "," : "", s->data[i]);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(zjgov_aggstate_send);
Datum
zjgov_aggstate_send(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->kind);
	pq_sendint16(&buf, s->width);
	pq_sendint32(&buf, s->param);
	pq_sendint64(&buf, s->n);
	for (int i = 0; i < 4; i++)
		pq_sendfloat8(&buf, s->aux[i]);
	for (int64 i = 0; i < s->n * s->width; i++)
		pq_sendfloat8(&buf, s->data[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(zjgov_aggstate_recv);
Datum
zjgov_aggstate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	char		kind = pq_getmsgbyte(buf);
	int			width = pq_getmsgint(buf, 2);
	int32		param = pq_getmsgint(buf, 4);
	int64		n = pq_getmsgint64(buf);
	ZjAggState *s;

	if (version != ZJ_AGGSTATE_VERSION || kind < 'a' || kind > 'z' || width < 1 || width > 64 || n < 0 ||
		n > (int64) (buf->len - buf->cursor) / (int64) (sizeof(double) * width))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external aggstate value")));
	s = zj_aggstate_new(CurrentMemoryContext, kind, width, param, n);
	for (int i = 0; i < 4; i++)
		s->aux[i] = pq_getmsgfloat8(buf);
	for (int64 i = 0; i < n * width; i++)
		s->data[i] = pq_getmsgfloat8(buf);
	s->n = n;
	PG_RETURN_POINTER(s);
}
