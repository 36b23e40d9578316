/*
 * grid.c — a uniform grid index over boxes (grid.h).
 */
#include "postgres.h"

#include <math.h>

#include "utils/memutils.h"

#include "grid.h"

void
zj_grid_build(ZjGrid *g, int n, const double *boxes, double cell)
{
	double		xmin = INFINITY,
				ymin = INFINITY,
				xmax = -INFINITY,
				ymax = -INFINITY;
	double		w,
				h;
	double		maxcells = 2.0 * n + 64;
	int64		ncell;
	int32	   *count;

	for (int i = 0; i < n; i++)
	{
		const double *b = &boxes[4 * i];

		xmin = Min(xmin, b[0]);
		ymin = Min(ymin, b[1]);
		xmax = Max(xmax, b[2]);
		ymax = Max(ymax, b[3]);
	}
	if (n == 0)
		xmin = ymin = xmax = ymax = 0;
	w = xmax - xmin;
	h = ymax - ymin;
	if (!(cell > 0))
		cell = sqrt(Max(w * h, 1e-300) / Max(n, 1));
	if (w / cell * (h / cell) > maxcells)
		cell = sqrt(w * h / maxcells);
	if (!(cell > 0) || !isfinite(cell))
		cell = Max(Max(w, h), 1.0);

	g->x0 = xmin;
	g->y0 = ymin;
	g->cw = Max(cell, w / 65536.0);
	g->ch = Max(cell, h / 65536.0);
	if (!(g->cw > 0))
		g->cw = 1.0;
	if (!(g->ch > 0))
		g->ch = 1.0;
	g->nx = Max(1, Min((int) floor(w / g->cw) + 1, 65536));
	g->ny = Max(1, Min((int) floor(h / g->ch) + 1, 65536));
	while ((int64) g->nx * g->ny > (int64) maxcells + 4 && (g->nx > 1 || g->ny > 1))
	{
		/* rounding made too many cells: halve the finer direction */
		if (g->nx >= g->ny)
		{
			g->cw *= 2;
			g->nx = Max(1, (int) floor(w / g->cw) + 1);
		}
		else
		{
			g->ch *= 2;
			g->ny = Max(1, (int) floor(h / g->ch) + 1);
		}
	}
	ncell = (int64) g->nx * g->ny;

	/* pass 0 counts the items of each cell, pass 1 fills them in after the prefix sums */
	count = palloc0(sizeof(int32) * (ncell + 1));
	for (int pass = 0; pass < 2; pass++)
	{
		int64		total = 0;

		if (pass == 1)
		{
			g->start = palloc(sizeof(int32) * (ncell + 1));
			g->start[0] = 0;
			for (int64 c = 0; c < ncell; c++)
				g->start[c + 1] = g->start[c] + count[c];
			g->items = palloc(sizeof(int32) * Max(g->start[ncell], 1));
			memcpy(count, g->start, sizeof(int32) * ncell);	/* fill cursors */
		}
		for (int i = 0; i < n; i++)
		{
			int			ix0,
						iy0,
						ix1,
						iy1;

			zj_grid_range(g, boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3],
						  &ix0, &iy0, &ix1, &iy1);
			for (int iy = iy0; iy <= iy1; iy++)
				for (int ix = ix0; ix <= ix1; ix++)
				{
					int64		c = (int64) iy * g->nx + ix;

					if (pass == 0)
						count[c]++;
					else
						g->items[count[c]++] = i;
				}
			total += (int64) (ix1 - ix0 + 1) * (iy1 - iy0 + 1);
			if (total > (int64) (MaxAllocSize / sizeof(int32)))
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("spatial index of %d items is too large", n)));
		}
	}
	pfree(count);
}

bool
zj_grid_range(const ZjGrid *g, double xmin, double ymin, double xmax, double ymax,
			  int *ix0, int *iy0, int *ix1, int *iy1)
{
	double		fx0 = floor((xmin - g->x0) / g->cw),
				fy0 = floor((ymin - g->y0) / g->ch),
				fx1 = floor((xmax - g->x0) / g->cw),
				fy1 = floor((ymax - g->y0) / g->ch);

	if (!(fx1 >= 0 && fy1 >= 0 && fx0 < g->nx && fy0 < g->ny))
	{
		*ix0 = *iy0 = 0;
		*ix1 = *iy1 = -1;
		return false;
	}
	*ix0 = (int) Max(fx0, 0);
	*iy0 = (int) Max(fy0, 0);
	*ix1 = (int) Min(fx1, g->nx - 1);
	*iy1 = (int) Min(fy1, g->ny - 1);
	return true;
}
