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

typedef struct OrdinalNames
{
	const char *typname;		/* for messages */
	int			count;			/* values are 0 .. count-1 */
	const char *const *out;		/* canonical output name of each value */
	const char *const *aliases; /* further "alias=rank" pairs accepted on input (the canonical
								 * names always are), NULL-terminated */
} OrdinalNames;

extern uint8 ordinal_parse(const char *str, const OrdinalNames *names);
extern uint8 ordinal_check(int value, const OrdinalNames *names);
/* The canonical name of a value (checked as ordinal_check does). */
extern const char *ordinal_name(int value, const OrdinalNames *names);

#define DatumGetOrdinal(d)	((uint8) DatumGetChar(d))
#define OrdinalGetDatum(v)	CharGetDatum((char) (v))
#define PG_GETARG_ORDINAL(n) DatumGetOrdinal(PG_GETARG_DATUM(n))
#define PG_RETURN_ORDINAL(v) return OrdinalGetDatum(v)

#endif
