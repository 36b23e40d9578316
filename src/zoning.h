/*
 * zoning.h — the target of zone() (a coast, a zone), converted, prepared and indexed once per
 * query, for the rooms that measure against it (tracks.c).
 */
#ifndef ZJGOV_ZONING_H
#define ZJGOV_ZONING_H

#include "callcache.h"
#include "geodesy.h"
#include "geos_bridge.h"
#include "grid.h"

/* Segments (x1 y1 x2 y2 each; a point repeats itself) */
typedef struct ZjFacets
{
	int			n,
				cap;
	double	   *s;
} ZjFacets;

/* Append a facet (growing f in the current memory context). */
extern void zj_facet_add(ZjFacets *f, double x1, double y1, double x2, double y2);

typedef struct ZjTarget
{
	GEOSGeometry *g;
	const GEOSPreparedGeometry *prep;
	int			srid;
	bool		geographic;		/* longitude/latitude: metres on the ellipsoid */
	bool		areal;			/* it has polygons (an inside) */
	/* geographic only */
	ZjLocalProj plane;			/* affine plane around the target */
	const GEOSPreparedGeometry *pprep;	/* the target in that plane, prepared */
	/* both */
	ZjFacets	facets;			/* its segments in CRS coordinates (lon/lat: split to <= 0.02 degrees) */
	ZjGrid		grid;			/* over the facets */
	uint32	   *seen;			/* per-facet query stamps */
	uint32		stamp;
} ZjTarget;

/* Bands (argument argno): ascending, strictly increasing, positive, at least one; *k their count. */
extern double *zj_bands_arg(FunctionCallInfo fcinfo, int argno, int *k);

/* The target in argument argno of the calling function (cached per distinct value). */
extern ZjTarget *zj_target_get(FunctionCallInfo fcinfo, int argno, const char *argname);

/* The same for a target kept as EWKB (in an aggregate state); slot tells caches apart. */
extern ZjTarget *zj_target_get_ewkb(FunctionCallInfo fcinfo, int slot, bytea *ewkb, const char *argname);

/*
 * Distance from the point (x, y) (CRS coordinates) to the target, 0 on it: in CRS units, or for
 * lon/lat in the target's affine plane (metres within the scales of zj_plane_scales).
 */
extern double zj_target_plane_distance(ZjTarget *t, double x, double y);

/*
 * The target's facets whose boxes meet the box (CRS coordinates), each once, through the grid:
 * their numbers in *items (palloc'd; NULL when there are none); returns how many.
 */
extern int	zj_target_facets_near(ZjTarget *t, double xmin, double ymin, double xmax, double ymax,
								  int32 **items);

/* Whether the point (x, y) lies on the target (inside or on its boundary). */
extern bool zj_target_covers_point(ZjTarget *t, double x, double y);

/* The plane's smallest and largest length scale (plane / ellipsoid) over latitudes [lo, hi]. */
extern void zj_plane_scales(const ZjLocalProj *p, double lo, double hi, double *smin, double *smax);

#endif
