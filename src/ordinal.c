/*
 * ordinal.c — what colour and credit_grade share: text parsing against a name table, binary
 * output (one byte: the rank), the comparison operators, btree/hash support, sort support and
 * min/max.
 */
#include "postgres.h"

#include <ctype.h>

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/sortsupport.h"

#include "ordinal.h"

/*
 * Trim ASCII white space; compare case-insensitively (ASCII) with each canonical name, then with
 * each alias.
 */
uint8
zj_ordinal_parse(const char *str, const OrdinalNames *names)
{
	const char *s = str;
	size_t		len;

	while (*s && isspace((unsigned char) *s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		len--;

	for (int i = 0; i < names->count; i++)
		if (strlen(names->out[i]) == len && pg_strncasecmp(names->out[i], s, len) == 0)
			return (uint8) i;
	for (const char *const *a = names->aliases; *a; a++)
	{
		const char *eq = strrchr(*a, '=');
		size_t		alen = eq - *a;

		if (alen == len && pg_strncasecmp(*a, s, len) == 0)
			return (uint8) atoi(eq + 1);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", names->typname, str)));
	return 0;					/* keep compiler quiet */
}

uint8
zj_ordinal_check(int value, const OrdinalNames *names)
{
	if (value < 0 || value >= names->count)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external %s value %d", names->typname, value),
				 errdetail("Valid values are 0 to %d.", names->count - 1)));
	return (uint8) value;
}

const char *
zj_ordinal_name(int value, const OrdinalNames *names)
{
	return names->out[zj_ordinal_check(value, names)];
}

/*
 * The shared implementations.  Each ordinal type's room declares its own SQL entry points with
 * ZJ_ORDINAL_ENTRY_POINTS (ordinal.h), so every SQL function has a C symbol named after it.
 */

/* Binary format, version 1: one byte, the rank (each type's recv checks its range). */
Datum
zj_ordinal_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, PG_GETARG_ORDINAL(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define ORD_CMP(name, op) \
Datum zj_ordinal_##name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) op PG_GETARG_ORDINAL(1)); \
}
ORD_CMP(lt, <)
ORD_CMP(le, <=)
ORD_CMP(eq, ==)
ORD_CMP(ne, !=)
ORD_CMP(ge, >=)
ORD_CMP(gt, >)

Datum
zj_ordinal_cmp(PG_FUNCTION_ARGS)
{
	int			a = PG_GETARG_ORDINAL(0);
	int			b = PG_GETARG_ORDINAL(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

static int
ordinal_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	int			a = DatumGetOrdinal(x);
	int			b = DatumGetOrdinal(y);

	return a < b ? -1 : (a > b ? 1 : 0);
}

Datum
zj_ordinal_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ordinal_fastcmp;
	PG_RETURN_VOID();
}

/* The hash of the rank (hash_bytes_uint32, as int4 hashes): equal values hash alike. */
Datum
zj_ordinal_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(hash_bytes_uint32((uint32) PG_GETARG_ORDINAL(0)));
}

Datum
zj_ordinal_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(hash_bytes_uint32_extended((uint32) PG_GETARG_ORDINAL(0), PG_GETARG_INT64(1)));
}

Datum
zj_ordinal_larger(PG_FUNCTION_ARGS)
{
	uint8		a = PG_GETARG_ORDINAL(0);
	uint8		b = PG_GETARG_ORDINAL(1);

	PG_RETURN_ORDINAL(a > b ? a : b);
}

Datum
zj_ordinal_smaller(PG_FUNCTION_ARGS)
{
	uint8		a = PG_GETARG_ORDINAL(0);
	uint8		b = PG_GETARG_ORDINAL(1);

	PG_RETURN_ORDINAL(a < b ? a : b);
}
