/*
 * grid.h — a uniform grid index over item boxes (plain C: no fmgr, no GEOS), for point and
 * segment searches (zoning.c).
 */
#ifndef ZJGOV_GRID_H
#define ZJGOV_GRID_H

/*
 * A uniform grid over item boxes, in compressed-row form: the items of cell c (row-major,
 * c = iy * nx + ix) are items[start[c] .. start[c + 1]).  An item whose box spans several cells is
 * listed in each of them (callers deduplicate).
 */
typedef struct ZjGrid
{
	double		x0,
				y0,				/* lower-left corner */
				cw,
				ch;				/* cell width and height (> 0) */
	int			nx,
				ny;
	int32	   *start;			/* nx * ny + 1 offsets */
	int32	   *items;			/* item numbers */
} ZjGrid;

/*
 * Build a grid over n boxes (xmin, ymin, xmax, ymax each, finite) in the current memory context.
 * cell > 0 asks for square cells of that size; the grid is coarsened when that would make more
 * than about 2n + 64 cells.  cell <= 0 chooses cells for about one item each.
 */
extern void zj_grid_build(ZjGrid *g, int n, const double *boxes, double cell);

/* The inclusive cell range covering a box, clamped to the grid; false when they do not meet. */
extern bool zj_grid_range(const ZjGrid *g, double xmin, double ymin, double xmax, double ymax,
						  int *ix0, int *iy0, int *ix1, int *iy1);

#endif
