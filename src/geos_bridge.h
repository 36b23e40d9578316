/*
 * geos_bridge.h — PostGIS geometry <-> GEOS, without liblwgeom.
 *
 * Geometry comes in through the geometry type's own binary send function (EWKB, SRID kept) and
 * goes out through its receive function.  One GEOS context per backend; its message handlers only
 * record the message.  Rule for callers: destroy every GEOS object you own, then call
 * zj_geos_error() (which raises the ERROR with GEOS's message), or use zj_geos_autofree() to tie an
 * object's life to a memory context so an ERROR anywhere cannot leak it.
 */
#ifndef ZJGOV_GEOS_BRIDGE_H
#define ZJGOV_GEOS_BRIDGE_H

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "fmgr.h"

extern GEOSContextHandle_t zj_geos(void);
extern void zj_geos_register_interrupt(void);

/* Raise the recorded GEOS error (after a GEOS call failed); checks for interrupts first. */
extern void zj_geos_error(const char *what) pg_attribute_noreturn();

/*
 * Read a geometry Datum of type typoid (PostGIS geometry) into GEOS.  argname names it in messages.
 * Empty input is an ERROR unless allow_empty.  *srid receives the SRID (0 = unknown).
 */
extern GEOSGeometry *zj_geom_from_datum(Datum d, Oid typoid, const char *argname,
										bool allow_empty, int *srid);
/* The same for argument argno of the calling function. */
extern GEOSGeometry *zj_geom_arg(FunctionCallInfo fcinfo, int argno, const char *argname,
								 bool allow_empty, int *srid);
/*
 * The extent (bounding box) of g.  With argname, also ERROR 22023 "<argname> must have finite
 * coordinates" unless all four are finite.
 */
extern void zj_geos_extent(const GEOSGeometry *g, const char *argname,
						   double *xmin, double *ymin, double *xmax, double *ymax);

/*
 * (E)WKB bytes into GEOS with the backend's reader, empty members dropped
 * (zj_geos_drop_empty_members); NULL when GEOS cannot read them (the caller raises its ERROR).
 */
extern GEOSGeometry *zj_geos_read_ewkb(const char *ewkb, size_t len);
/* Raw EWKB bytes of a geometry Datum (palloc'd bytea), for callers that parse it themselves. */
extern bytea *zj_geom_ewkb(Datum d, Oid typoid);

/* A GEOS geometry (consumed: destroyed here) as a Datum of geometry type typoid with srid. */
extern Datum zj_geom_to_datum(GEOSGeometry *g, int srid, Oid typoid);

/* ERROR (22023) when two SRIDs differ. */
extern void zj_check_same_srid(int a, const char *aname, int b, const char *bname);

/* Longitude/latitude SRIDs whose distances zjgov measures in metres on the ellipsoid. */
extern bool zj_srid_is_geographic(int srid);

/* Destroy g (a GEOSGeometry, or a prepared one when prepared) when cxt is reset or deleted. */
extern void zj_geos_autofree(MemoryContext cxt, void *g, bool prepared);

/* The x, y pairs of a coordinate sequence (palloc'd, 2 * *n doubles), or NULL when it is empty. */
extern double *zj_geos_coords(const GEOSCoordSequence *cs, unsigned int *n);

/*
 * g without the empty members of its collections (MULTIPOINT(EMPTY, 1 1) becomes MULTIPOINT(1 1)):
 * GEOS 3.11 crashes on such members in distance, point-on-surface and other operations.  Returns g
 * itself when it has none, else a new geometry (g is destroyed).
 */
extern GEOSGeometry *zj_geos_drop_empty_members(GEOSGeometry *g);

/*
 * ERROR (22P03) naming what when (E)WKB bytes nest collections deeper than PostGIS allows: GEOS
 * reads nesting by recursion and would overflow the stack.  For bytes that did not come from a
 * PostGIS geometry (the text or binary form of a state type).
 */
#define ZJ_WKB_MAX_DEPTH 200
extern void zj_ewkb_check_depth(const char *ewkb, size_t len, const char *what);

/*
 * A cursor over (E)WKB bytes, for callers that need what GEOS drops (M values) or read large
 * point sets without building geometries.  what names the value in messages (22P03 when truncated).
 */
typedef struct ZjWkb
{
	const uint8 *p,
			   *end;
	bool		swap;
	const char *what;
} ZjWkb;

extern void zj_wkb_init(ZjWkb *r, const bytea *ewkb, const char *what);
extern uint32 zj_wkb_u32(ZjWkb *r);
extern double zj_wkb_f64(ZjWkb *r);
/* One geometry's header: base type (1 point, 2 linestring, ...), Z and M flags, SRID (0 when absent). */
extern int	zj_wkb_header(ZjWkb *r, bool *hasz, bool *hasm, int *srid);

#endif
