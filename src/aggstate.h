/*
 * aggstate.h — zjgov.aggstate, the varlena state type of aggregates whose state grows with the
 * input (collected values for class breaks, (risk, bad, good) runs for AUC/KS, ...).
 *
 * A state is a run of records of `width` doubles.  It is a real type (not internal), so parallel
 * query moves it between processes as a Datum and Citus ships it as text: its text form is exact
 * (hexadecimal floats) and versioned, and it has binary send/recv.
 *
 * Transition functions append in place while there is room; to grow, zj_aggstate_reserve()
 * returns a larger copy.  Allocate new and grown states in CurrentMemoryContext (the per-call
 * context), never in the aggregate context: when a transition or combine function returns a new
 * pointer, the executor copies it into the aggregate context itself and frees the old state, so a
 * copy made there would stay behind until the group ends.
 */
#ifndef ZJGOV_AGGSTATE_H
#define ZJGOV_AGGSTATE_H

#include "fmgr.h"

#define ZJ_AGGSTATE_VERSION 1

typedef struct ZjAggState
{
	int32		vl_len_;		/* varlena header: covers the allocated capacity */
	uint8		version;		/* ZJ_AGGSTATE_VERSION */
	char		kind;			/* which aggregate family wrote it ('v' values, 'r' runs, ...) */
	uint16		width;			/* doubles per record */
	int32		param;			/* an aggregate parameter fixed for the group (e.g. k), or 0 */
	int64		n;				/* records in use */
	double		aux[4];			/* running scalars the family keeps (sums, counts), exact */
	double		data[FLEXIBLE_ARRAY_MEMBER];	/* n * width doubles, then free capacity */
} ZjAggState;

#define ZJ_AGGSTATE_HDRSZ offsetof(ZjAggState, data)
#define DatumGetZjAggState(d) ((ZjAggState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_ZJAGGSTATE(n) DatumGetZjAggState(PG_GETARG_DATUM(n))

/* Capacity in records of a state, from its varlena size. */
#define ZJ_AGGSTATE_CAP(s) ((int64) ((VARSIZE(s) - ZJ_AGGSTATE_HDRSZ) / (sizeof(double) * (s)->width)))
#define ZJ_AGGSTATE_REC(s, i) (&(s)->data[(int64) (i) * (s)->width])

/*
 * The growable varlena state mechanism every zjgov state type uses (aggstate, spatialstate,
 * svgmap_state): a varlena whose allocation (VARSIZE) is its capacity and whose first `used`
 * bytes are live.
 *
 * zj_state_grow: s itself when VARSIZE(s) >= need, else a copy of its first `used` bytes in a
 * larger allocation (doubling, at least need and minsize) made in cxt — CurrentMemoryContext in
 * transition and combine functions, never the aggregate context (see above).  Past the 1 GB
 * allocation limit: ERROR 54000 naming what.
 *
 * zj_state_arg: argument argno (not NULL) detoasted and writable: itself inside an aggregate
 * (transition and combine functions may update their state in place), a private copy when
 * called directly (a support function called outside an aggregate never changes its argument)
 * or when detoasting made one already.
 *
 * zj_state_corrupt: the one error for a state that is malformed or belongs to another aggregate
 * (22023), whichever state type it is.
 */
extern void *zj_state_grow(void *s, Size used, Size need, Size minsize, MemoryContext cxt,
						   const char *what);
extern struct varlena *zj_state_arg(FunctionCallInfo fcinfo, int argno);
extern void zj_state_corrupt(const char *type, const char *detail) pg_attribute_noreturn();

/* A new empty state in cxt with room for cap records. */
extern ZjAggState *zj_aggstate_new(MemoryContext cxt, char kind, int width, int32 param, int64 cap);

/*
 * Make room for `more` records: returns s itself when it has room, else a larger copy (doubling,
 * allocated in cxt: CurrentMemoryContext in transition and combine functions).  Exceeding the 1 GB datum limit is an ERROR (54000) naming what.
 */
extern ZjAggState *zj_aggstate_reserve(ZjAggState *s, int64 more, MemoryContext cxt, const char *what);


/*
 * a with b's records appended after its own (the combine of the families that keep their rows
 * unsorted): a itself or a larger copy in cxt; both must have the same width.
 */
extern ZjAggState *zj_aggstate_append(ZjAggState *a, const ZjAggState *b, MemoryContext cxt, const char *what);

/* ERROR unless s was written by family `kind` with `width` (a state from a foreign aggregate). */
extern void zj_aggstate_check(const ZjAggState *s, char kind, int width);

/*
 * A private copy of s in CurrentMemoryContext: all of it, or with trim only the records in use
 * (room for at least one).
 */
extern ZjAggState *zj_aggstate_copy(const ZjAggState *s, bool trim);

/*
 * s, the detoasted argument argno, ready to be modified: s itself inside an aggregate (the
 * executor lets transition and combine functions update their state) or when detoasting already
 * made it a copy, else a private copy (a direct call must not write into its argument).
 */
extern ZjAggState *zj_aggstate_writable(FunctionCallInfo fcinfo, int argno, ZjAggState *s);

/* Argument argno as zj_aggstate_writable() returns it; NULL when the argument is NULL. */
extern ZjAggState *zj_aggstate_arg(FunctionCallInfo fcinfo, int argno);

#endif
