/*
 * catalog.c — the one cache for rows read from zjgov's catalog tables, with one invalidation
 * rule (catalog.h).
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "catalog.h"

#define CATALOG_MAGIC 0x7A6A4354	/* "zjCT" */

typedef struct CatalogExtra
{
	uint32		magic;
	ZjCatalogSlot slot;
} CatalogExtra;

/*
 * Bumped whenever a transaction ends or a subtransaction rolls back: an object read before that
 * is never reused.  Backend-local; the callbacks are registered on first use.
 */
static uint64 catalog_generation = 1;
static bool catalog_callbacks = false;

static void
catalog_xact_callback(XactEvent event, void *arg)
{
	catalog_generation++;
}

static void
catalog_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		catalog_generation++;
}

/*
 * Does the slot's object come from a snapshot that sees what snap sees?  The same xmin, xmax,
 * in-progress transactions (top-level and sub) and command id: the same rows.  (The completion
 * count PostgreSQL keeps for reusing snapshots is zeroed in the copies that become active.)
 */
static bool
same_snapshot(const ZjCatalogSlot *slot, Snapshot snap)
{
	return slot->snapshot_valid && snap->snapshot_type == SNAPSHOT_MVCC &&
		slot->xmin == snap->xmin && slot->xmax == snap->xmax && slot->curcid == snap->curcid &&
		slot->xcnt == snap->xcnt && slot->subxcnt == snap->subxcnt &&
		slot->suboverflowed == snap->suboverflowed &&
		memcmp(slot->xip, snap->xip, sizeof(TransactionId) * snap->xcnt) == 0 &&
		memcmp(slot->subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt) == 0;
}

static void
remember_snapshot(ZjCatalogSlot *slot, Snapshot snap, MemoryContext cxt)
{
	slot->snapshot_valid = snap != NULL && snap->snapshot_type == SNAPSHOT_MVCC;
	if (!slot->snapshot_valid)
		return;
	slot->xmin = snap->xmin;
	slot->xmax = snap->xmax;
	slot->curcid = snap->curcid;
	slot->xcnt = snap->xcnt;
	slot->subxcnt = snap->subxcnt;
	slot->suboverflowed = snap->suboverflowed;
	slot->xip = MemoryContextAlloc(cxt, sizeof(TransactionId) * Max(snap->xcnt, 1));
	memcpy(slot->xip, snap->xip, sizeof(TransactionId) * snap->xcnt);
	slot->subxip = MemoryContextAlloc(cxt, sizeof(TransactionId) * Max(snap->subxcnt, 1));
	memcpy(slot->subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt);
}

void *
zj_catalog_get_slot(ZjCatalogSlot *slot, MemoryContext parent, const char *query,
					ZjCatalogBuild build, void *arg)
{
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
	MemoryContext cxt,
				old;
	void	   *object;
	int			ret;

	if (!catalog_callbacks)
	{
		RegisterXactCallback(catalog_xact_callback, NULL);
		RegisterSubXactCallback(catalog_subxact_callback, NULL);
		catalog_callbacks = true;
	}

	if (slot->cxt != NULL && snap != NULL && slot->generation == catalog_generation &&
		same_snapshot(slot, snap) && strcmp(slot->query, query) == 0)
		return slot->object;

	/*
	 * Load into a fresh context under the current one, so an ERROR frees it and leaves the slot
	 * as it was; adopt it only when the load has succeeded.
	 */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "zjgov catalog", ALLOCSET_SMALL_SIZES);
	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	ret = SPI_execute(query, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading a zjgov catalog table failed: %s", SPI_result_code_string(ret));
	old = MemoryContextSwitchTo(cxt);
	object = build(SPI_tuptable, SPI_processed, arg);
	MemoryContextSwitchTo(old);
	SPI_finish();

	MemoryContextSetParent(cxt, parent);
	if (slot->cxt != NULL)
		MemoryContextDelete(slot->cxt);
	slot->cxt = cxt;
	slot->object = object;
	slot->query = MemoryContextStrdup(cxt, query);
	slot->generation = catalog_generation;
	remember_snapshot(slot, snap, cxt);
	return object;
}

void *
zj_catalog_get(FunctionCallInfo fcinfo, const char *query, ZjCatalogBuild build, void *arg)
{
	CatalogExtra *ce = (CatalogExtra *) fcinfo->flinfo->fn_extra;

	if (ce == NULL)
	{
		ce = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CatalogExtra));
		ce->magic = CATALOG_MAGIC;
		fcinfo->flinfo->fn_extra = ce;
	}
	else if (ce->magic != CATALOG_MAGIC)
		elog(ERROR, "fn_extra of this function holds something other than a zjgov catalog cache");
	return zj_catalog_get_slot(&ce->slot, fcinfo->flinfo->fn_mcxt, query, build, arg);
}
