/*
 * zjgov.c — module magic, backend start-up and the extension version.
 *
 * _PG_init defines the settings (zjgov.*, settings.c) and registers the GEOS interrupt callback
 * once per backend so long GEOS operations honour cancel requests; the backend's GEOS context is
 * created lazily by geos_bridge.c.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "export.h"
#include "geos_bridge.h"
#include "settings.h"

PG_MODULE_MAGIC;

/* The server's name, exported (export.h); PostgreSQL 16's fmgr.h declares it the same way. */
extern PGDLLEXPORT void _PG_init(void);

void
_PG_init(void)
{
	/* zjgov's messages in the session's lc_messages (po/<lang>.po, installed with the library) */
	pg_bindtextdomain(TEXTDOMAIN);
	zj_define_settings();
	zj_geos_register_interrupt();
}

PG_FUNCTION_INFO_V1(zjgov_version);
Datum
zjgov_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(ZJGOV_VERSION));
}
