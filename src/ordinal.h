/*
 * ordinal.h — 1-byte pass-by-value ordinal types (colour, credit_grade).
 *
 * A value is its rank (0 = mildest / lowest); the byte order is the type's order, so comparison,
 * hashing, sorting and min/max are shared by every such type (ordinal.c).  Each type supplies its
 * table of names for text input and output.
 */
#ifndef ZJGOV_ORDINAL_H
#define ZJGOV_ORDINAL_H

#include "fmgr.h"

#include "export.h"

typedef struct OrdinalNames
{
	const char *typname;		/* for messages */
	int			count;			/* values are 0 .. count-1 */
	const char *const *out;		/* canonical output name of each value */
	const char *const *aliases; /* further "alias=rank" pairs accepted on input (the canonical
								 * names always are), NULL-terminated */
} OrdinalNames;

extern uint8 zj_ordinal_parse(const char *str, const OrdinalNames *names);
extern uint8 zj_ordinal_check(int value, const OrdinalNames *names);
/* The canonical name of a value (checked as zj_ordinal_check does). */
extern const char *zj_ordinal_name(int value, const OrdinalNames *names);

/* Shared implementations of the SQL support functions (ordinal.c). */
extern Datum zj_ordinal_send(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_lt(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_le(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_eq(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_ne(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_ge(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_gt(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_cmp(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_sortsupport(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_hash(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_hash_extended(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_larger(PG_FUNCTION_ARGS);
extern Datum zj_ordinal_smaller(PG_FUNCTION_ARGS);

/*
 * The SQL entry points of ordinal type <type>: zjgov_<type>_send, _lt, _le, _eq, _ne, _ge, _gt,
 * _cmp, _sortsupport, _hash, _hash_extended, _larger and _smaller, each a call of the shared
 * implementation, so every SQL function has a C symbol named after it.  Use at file level:
 * ZJ_ORDINAL_ENTRY_POINTS(colour);
 */
#define ZJ_ORDINAL_ENTRY(type, op) \
PG_FUNCTION_INFO_V1(zjgov_##type##_##op); \
Datum zjgov_##type##_##op(PG_FUNCTION_ARGS) { return zj_ordinal_##op(fcinfo); } \
extern int no_such_variable
#define ZJ_ORDINAL_ENTRY_POINTS(type) \
ZJ_ORDINAL_ENTRY(type, send); ZJ_ORDINAL_ENTRY(type, lt); ZJ_ORDINAL_ENTRY(type, le); \
ZJ_ORDINAL_ENTRY(type, eq); ZJ_ORDINAL_ENTRY(type, ne); ZJ_ORDINAL_ENTRY(type, ge); \
ZJ_ORDINAL_ENTRY(type, gt); ZJ_ORDINAL_ENTRY(type, cmp); ZJ_ORDINAL_ENTRY(type, sortsupport); \
ZJ_ORDINAL_ENTRY(type, hash); ZJ_ORDINAL_ENTRY(type, hash_extended); \
ZJ_ORDINAL_ENTRY(type, larger); ZJ_ORDINAL_ENTRY(type, smaller)

#define DatumGetOrdinal(d)	((uint8) DatumGetChar(d))
#define OrdinalGetDatum(v)	CharGetDatum((char) (v))
#define PG_GETARG_ORDINAL(n) DatumGetOrdinal(PG_GETARG_DATUM(n))
#define PG_RETURN_ORDINAL(v) return OrdinalGetDatum(v)

#endif
