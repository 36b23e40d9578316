/*
 * svgmap.c — aggregate svg_map(geom, fill colour, label text): a standalone SVG choropleth.
 *
 * State: zjgov.svgmap_state, a varlena of records (fill, label, EWKB) in input order.  It is a real
 * type (not internal) so parallel query and Citus can split the aggregate; its text form is the
 * version and the exact hexadecimal bytes of the records, and it has binary send/recv.  A record
 * keeps the geometry as the EWKB its own send function wrote, so nothing is lost or reprojected
 * before the final function draws it.  Record layout (integers big-endian, so a state is portable
 * between machines):
 *     uint8 colour rank | uint32 label length (0xFFFFFFFF = NULL) | label bytes |
 *     uint32 EWKB length | EWKB bytes
 * The transition function appends in place while the allocation has room and otherwise returns a
 * copy of twice the size (never repalloc of the current state).  Combine concatenates.
 *
 * Drawing: the viewBox is the data's extent scaled so its longer side is 1000 units (plus a
 * margin and a legend column), y flipped; for longitude/latitude SRIDs x is scaled by cos(middle
 * latitude).  Coordinates are written with two decimals (1/100000 of the extent); repeated
 * points after rounding are dropped.  One <path> per drawn row (polygons filled with colour_hex
 * and a thin outline, lines stroked in the colour, points as small discs); labels at a point on
 * the surface; a legend of the colours present, worst first, with their counts.  Rows are drawn in
 * a canonical order (mildest colour first, then geometry and label bytes), so the text does not
 * depend on the order rows arrive in.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "colour.h"
#include "export.h"
#include "geos_bridge.h"

#define SVG_STATE_VERSION 1
#define SVG_SIZE		1000.0	/* longer side of the map in user units */
#define SVG_MARGIN		10.0
#define SVG_LEGEND_W	170.0
#define NULL_LABEL		0xFFFFFFFFu

typedef struct SvgState
{
	int32		vl_len_;		/* varlena header: the allocated capacity */
	uint8		version;
	uint8		pad[3];
	int32		nrows;			/* records */
	int64		used;			/* bytes of records in use */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} SvgState;

#define SVG_HDRSZ offsetof(SvgState, data)
#define SVG_CAP(s) ((int64) VARSIZE(s) - (int64) SVG_HDRSZ)

static SvgState *
svg_state_new(MemoryContext cxt, int64 cap)
{
	SvgState   *s;

	if (cap > (int64) (MaxAllocSize - SVG_HDRSZ))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("svg_map input is too large"),
				 errdetail("The aggregate keeps every geometry and is limited to 1 GB."),
				 errhint("Simplify the geometries (ST_Simplify) or map fewer rows.")));
	s = MemoryContextAllocZero(cxt, SVG_HDRSZ + cap);
	SET_VARSIZE(s, SVG_HDRSZ + cap);
	s->version = SVG_STATE_VERSION;
	return s;
}

/* s itself when it has room for `more` bytes, else a larger copy in cxt (aggstate.h) */
static SvgState *
svg_state_reserve(SvgState *s, int64 more, MemoryContext cxt)
{
	Size		live = SVG_HDRSZ + s->used;

	if ((Size) more > MaxAllocSize)
		more = MaxAllocSize;	/* zj_state_grow reports it */
	return zj_state_grow(s, live, live + more, SVG_HDRSZ + 8192, cxt, "svg_map");
}

/* A state argument's header checked (the records are checked where they are read). */
static SvgState *
svg_state_checked(SvgState *s)
{
	if (VARSIZE(s) < SVG_HDRSZ || s->version != SVG_STATE_VERSION || s->used < 0 ||
		s->used > SVG_CAP(s) || s->nrows < 0)
		zj_state_corrupt("svgmap_state", "Its header does not match its size.");
	return s;
}

/* A state argument, read only. */
static SvgState *
svg_state_arg(FunctionCallInfo fcinfo, int n)
{
	return svg_state_checked((SvgState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)));
}

/*
 * The running state in argument n, writable (aggstate.h: in place inside an aggregate, a private
 * copy when called directly), with room for more bytes.
 */
static SvgState *
svg_state_writable(FunctionCallInfo fcinfo, int n, MemoryContext cxt, int64 more)
{
	return svg_state_reserve(svg_state_checked((SvgState *) zj_state_arg(fcinfo, n)), more, cxt);
}

static void
put_u32(char *p, uint32 v)
{
	v = pg_hton32(v);
	memcpy(p, &v, 4);
}

static uint32
get_u32(const char *p)
{
	uint32		v;

	memcpy(&v, p, 4);
	return pg_ntoh32(v);
}

/* Walk the records; returns their count, or -1 when the bytes are not a valid record stream. */
static int64
svg_records_check(const char *p, int64 len)
{
	int64		off = 0,
				n = 0;

	while (off < len)
	{
		uint32		ll,
					gl;

		if (len - off < 9 || (uint8) p[off] >= zj_colour_type.count)
			return -1;
		ll = get_u32(p + off + 1);
		off += 5;
		if (ll != NULL_LABEL)
		{
			if ((int64) ll > len - off)
				return -1;
			/* a label is text in the database encoding (a hand-made state may hold any bytes) */
			if (!pg_verifymbstr(p + off, (int) ll, true))
				return -1;
			off += ll;
		}
		if (len - off < 4)
			return -1;
		gl = get_u32(p + off);
		off += 4;
		if (gl < 5 || (int64) gl > len - off)
			return -1;
		off += gl;
		n++;
	}
	return n;
}

/* ---------------------------------------------------------------- aggregate support */

PG_FUNCTION_INFO_V1(zjgov_svg_map_accum);
Datum
zjgov_svg_map_accum(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* for new and grown states: see svg_state_writable */
	SvgState   *s;
	bytea	   *ewkb;
	text	   *label = NULL;
	int64		need;
	char	   *p;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		/* rows without a geometry or a colour are not drawn */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	ewkb = zj_geom_ewkb(PG_GETARG_DATUM(1), zj_arg_type(fcinfo, 1));
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		label = PG_GETARG_TEXT_PP(3);
	zj_ordinal_check(PG_GETARG_ORDINAL(2), &zj_colour_type);

	need = 1 + 4 + (label ? VARSIZE_ANY_EXHDR(label) : 0) + 4 + VARSIZE_ANY_EXHDR(ewkb);
	if (PG_ARGISNULL(0))
		s = svg_state_new(cxt, Max(need, Min(Max(8192, need * 4), (int64) (MaxAllocSize - SVG_HDRSZ))));
	else
		s = svg_state_writable(fcinfo, 0, cxt, need);

	p = s->data + s->used;
	*p++ = (char) PG_GETARG_ORDINAL(2);
	put_u32(p, label ? (uint32) VARSIZE_ANY_EXHDR(label) : NULL_LABEL);
	p += 4;
	if (label)
	{
		memcpy(p, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
		p += VARSIZE_ANY_EXHDR(label);
	}
	put_u32(p, (uint32) VARSIZE_ANY_EXHDR(ewkb));
	p += 4;
	memcpy(p, VARDATA_ANY(ewkb), VARSIZE_ANY_EXHDR(ewkb));
	s->used += need;
	s->nrows++;
	pfree(ewkb);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_svg_map_combine);
Datum
zjgov_svg_map_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* for new and grown states: see svg_state_writable */
	SvgState   *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = svg_state_arg(fcinfo, 1);
	if (PG_ARGISNULL(0))
		a = svg_state_new(cxt, Max(b->used, 8192));	/* our own copy, with room to grow */
	else
		a = svg_state_writable(fcinfo, 0, cxt, b->used);
	memcpy(a->data + a->used, b->data, b->used);
	a->used += b->used;
	a->nrows += b->nrows;
	PG_RETURN_POINTER(a);
}

/* ---------------------------------------------------------------- type I/O */

static SvgState *
svg_state_from_bytes(const char *p, int64 len, int32 nrows, bool text_form)
{
	int64		n = svg_records_check(p, len);
	SvgState   *s;

	if (n < 0 || n != nrows)
		ereport(ERROR,
				(errcode(text_form ? ERRCODE_INVALID_TEXT_REPRESENTATION : ERRCODE_INVALID_BINARY_REPRESENTATION),
				 text_form ? errmsg("invalid input syntax for type svgmap_state") :
				 errmsg("invalid external svgmap_state value"),
				 errdetail("The records are malformed or do not match their count %d.", nrows)));
	s = svg_state_new(CurrentMemoryContext, len);
	memcpy(s->data, p, len);
	s->used = len;
	s->nrows = nrows;
	return s;
}

PG_FUNCTION_INFO_V1(zjgov_svgmap_state_in);
Datum
zjgov_svgmap_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *p = str,
			   *end;
	long		version,
				nrows;
	Size		hexlen;
	char	   *bytes;
	int64		len;

	errno = 0;
	if (*p != 'v')
		goto bad;
	version = strtol(p + 1, &end, 10);
	if (end == p + 1 || *end != ':' || version != SVG_STATE_VERSION)
		goto bad;
	p = end + 1;
	nrows = strtol(p, &end, 10);
	if (end == p || *end != ':' || errno == ERANGE || nrows < 0 || nrows > PG_INT32_MAX)
		goto bad;
	p = end + 1;
	hexlen = strlen(p);
	if (hexlen % 2 != 0 || hexlen / 2 > MaxAllocSize - SVG_HDRSZ ||
		strspn(p, "0123456789abcdefABCDEF") != hexlen)
		goto bad;
	bytes = palloc(hexlen / 2 + 1);
	len = hex_decode(p, hexlen, bytes);
	PG_RETURN_POINTER(svg_state_from_bytes(bytes, len, (int32) nrows, true));
bad:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type svgmap_state: \"%.40s\"", str),
			 errdetail("Expected v%d:<rows>:<hexadecimal records>.", SVG_STATE_VERSION)));
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(zjgov_svgmap_state_out);
Datum
zjgov_svgmap_state_out(PG_FUNCTION_ARGS)
{
	SvgState   *s = svg_state_arg(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d:%d:", SVG_STATE_VERSION, s->nrows);
	enlargeStringInfo(&buf, s->used * 2 + 1);
	buf.len += hex_encode(s->data, s->used, buf.data + buf.len);
	buf.data[buf.len] = '\0';
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(zjgov_svgmap_state_send);
Datum
zjgov_svgmap_state_send(PG_FUNCTION_ARGS)
{
	SvgState   *s = svg_state_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SVG_STATE_VERSION);
	pq_sendint32(&buf, s->nrows);
	pq_sendint64(&buf, s->used);
	pq_sendbytes(&buf, s->data, s->used);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(zjgov_svgmap_state_recv);
Datum
zjgov_svgmap_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int32		nrows = pq_getmsgint(buf, 4);
	int64		used = pq_getmsgint64(buf);

	if (version != SVG_STATE_VERSION || nrows < 0 || used < 0 || used != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external svgmap_state value")));
	{
		const char *bytes = pq_getmsgbytes(buf, (int) used);

		PG_RETURN_POINTER(svg_state_from_bytes(bytes, used, nrows, false));
	}
}

/* ---------------------------------------------------------------- drawing */

typedef struct SvgRow
{
	const char *wkb;			/* the row's EWKB in the state, wkblen bytes */
	uint32		wkblen;
	uint8		colour;
	const char *label;			/* NULL or not terminated, labellen bytes */
	uint32		labellen;
} SvgRow;

/*
 * The canonical drawing order: by colour, mildest first (so the severe colours are drawn on top),
 * then by the geometry's bytes, then by label (none first).  The map does not depend on the order
 * the rows arrived in (parallel workers and Citus shards hand in their partial states in any order).
 */
static int
svg_row_cmp(const void *a, const void *b)
{
	const SvgRow *p = a,
			   *q = b;
	int			c;

	if (p->colour != q->colour)
		return p->colour < q->colour ? -1 : 1;
	c = memcmp(p->wkb, q->wkb, Min(p->wkblen, q->wkblen));
	if (c != 0)
		return c;
	if (p->wkblen != q->wkblen)
		return p->wkblen < q->wkblen ? -1 : 1;
	if ((p->label == NULL) != (q->label == NULL))
		return p->label == NULL ? -1 : 1;
	if (p->label == NULL)
		return 0;
	c = memcmp(p->label, q->label, Min(p->labellen, q->labellen));
	if (c != 0)
		return c;
	return (p->labellen > q->labellen) - (p->labellen < q->labellen);
}

typedef struct Draw
{
	StringInfo	out;
	double		xmin,
				ymax,
				kx,				/* x stretch (cos latitude for lon/lat) */
				scale;
	int64		lastx,
				lasty;
} Draw;

/* v rounded to two decimals, without trailing zeros */
static void
put_num(StringInfo out, int64 c)
{
	char		buf[32];
	int			i = sizeof(buf);
	bool		neg = c < 0;
	uint64		u = neg ? -(uint64) c : (uint64) c;
	int			frac = (int) (u % 100);

	u /= 100;
	if (frac)
	{
		if (frac % 10)
		{
			buf[--i] = '0' + frac % 10;
			buf[--i] = '0' + frac / 10;
		}
		else
			buf[--i] = '0' + frac / 10;
		buf[--i] = '.';
	}
	do
	{
		buf[--i] = '0' + (int) (u % 10);
		u /= 10;
	} while (u);
	if (neg)
		buf[--i] = '-';
	appendBinaryStringInfo(out, buf + i, sizeof(buf) - i);
}

static void
draw_xy(Draw *d, double x, double y, int64 *cx, int64 *cy)
{
	*cx = (int64) llround(((x - d->xmin) * d->kx * d->scale + SVG_MARGIN) * 100.0);
	*cy = (int64) llround(((d->ymax - y) * d->scale + SVG_MARGIN) * 100.0);
}

static void
draw_seq(Draw *d, const GEOSCoordSequence *cs, bool close)
{
	unsigned int n;
	double	   *xy = zj_geos_coords(cs, &n);
	int			written = 0;

	if (xy == NULL)
		return;
	for (unsigned int i = 0; i < n; i++)
	{
		int64		cx,
					cy;

		draw_xy(d, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		if (written > 0 && cx == d->lastx && cy == d->lasty)
			continue;
		appendStringInfoChar(d->out, written == 0 ? 'M' : (written == 1 ? 'L' : ' '));
		put_num(d->out, cx);
		appendStringInfoChar(d->out, ' ');
		put_num(d->out, cy);
		d->lastx = cx;
		d->lasty = cy;
		written++;
	}
	if (close)
		appendStringInfoChar(d->out, 'Z');
	pfree(xy);
}

/* path data of g; *kind: 'a' area, 'l' line, 'p' point */
static void
draw_geom(Draw *d, const GEOSGeometry *g, char *kind)
{
	GEOSContextHandle_t h = zj_geos();

	if (GEOSisEmpty_r(h, g))
		return;
	switch (GEOSGeomTypeId_r(h, g))
	{
		case GEOS_POINT:
			{
				double		x,
							y;
				int64		cx,
							cy;

				if (!GEOSGeomGetX_r(h, g, &x) || !GEOSGeomGetY_r(h, g, &y))
					zj_geos_error("reading a point");
				draw_xy(d, x, y, &cx, &cy);
				/* a disc of radius 3: two arcs */
				appendStringInfoChar(d->out, 'M');
				put_num(d->out, cx - 300);
				appendStringInfoChar(d->out, ' ');
				put_num(d->out, cy);
				appendStringInfoString(d->out, "a3 3 0 1 0 6 0a3 3 0 1 0-6 0Z");
				if (*kind == 0)
					*kind = 'p';
				break;
			}
		case GEOS_LINESTRING:
		case GEOS_LINEARRING:
			draw_seq(d, GEOSGeom_getCoordSeq_r(h, g), false);
			if (*kind != 'a')
				*kind = 'l';
			break;
		case GEOS_POLYGON:
			{
				int			nr = GEOSGetNumInteriorRings_r(h, g);

				draw_seq(d, GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, g)), true);
				for (int i = 0; i < nr; i++)
					draw_seq(d, GEOSGeom_getCoordSeq_r(h, GEOSGetInteriorRingN_r(h, g, i)), true);
				*kind = 'a';
				break;
			}
		default:
			{
				int			ng = GEOSGetNumGeometries_r(h, g);

				for (int i = 0; i < ng; i++)
					draw_geom(d, GEOSGetGeometryN_r(h, g, i), kind);
			}
	}
}

static void
put_xml_text(StringInfo out, const char *s, int len)
{
	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		switch (c)
		{
			case '&':
				appendStringInfoString(out, "&amp;");
				break;
			case '<':
				appendStringInfoString(out, "&lt;");
				break;
			case '>':
				appendStringInfoString(out, "&gt;");
				break;
			case '"':
				appendStringInfoString(out, "&quot;");
				break;
			default:
				/* control characters are not allowed in XML 1.0 */
				appendStringInfoChar(out, (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? ' ' : (char) c);
		}
	}
}

static void
put_fixed(StringInfo out, double v)
{
	put_num(out, (int64) llround(v * 100.0));
}

/*
 * The final function reads each geometry three times (extent, path, label) rather than keeping
 * millions of GEOS objects alive at once.  The one geometry in use lives in a slot whose reset
 * callback frees it, so an ERROR anywhere cannot leak it.
 */
typedef struct GeomSlot
{
	MemoryContextCallback cb;
	GEOSGeometry *g;
} GeomSlot;

static void
geom_slot_free(void *arg)
{
	GeomSlot   *slot = (GeomSlot *) arg;

	if (slot->g)
		GEOSGeom_destroy_r(zj_geos(), slot->g);
	slot->g = NULL;
}

static GeomSlot *
geom_slot_new(void)
{
	GeomSlot   *slot = palloc0(sizeof(GeomSlot));

	slot->cb.func = geom_slot_free;
	slot->cb.arg = slot;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, &slot->cb);
	return slot;
}

/* Read a row's geometry into the slot (replacing the previous one), empty members dropped. */
static GEOSGeometry *
geom_slot_read(GeomSlot *slot, const SvgRow *row)
{
	GEOSContextHandle_t h = zj_geos();

	if (slot->g)
		GEOSGeom_destroy_r(h, slot->g);
	slot->g = NULL;
	zj_ewkb_check_depth(row->wkb, row->wkblen, "a geometry of svg_map");
	slot->g = zj_geos_read_ewkb(row->wkb, row->wkblen);
	if (slot->g == NULL)
		zj_geos_error("reading a geometry of svg_map");
	return slot->g;
}

PG_FUNCTION_INFO_V1(zjgov_svg_map_final);
Datum
zjgov_svg_map_final(PG_FUNCTION_ARGS)
{
	GEOSContextHandle_t h = zj_geos();
	SvgState   *s = svg_state_arg(fcinfo, 0);
	/* 32 bytes a row: over 1 GB for a full state of points (30 bytes a record) */
	SvgRow	   *rows = palloc_extended(sizeof(SvgRow) * Max(s->nrows, 1), MCXT_ALLOC_HUGE);
	int			nrows = 0,
				srid = 0;
	int64		counts[COLOUR_COUNT] = {0};
	int			ncolours = 0;
	double		xmin = INFINITY,
				ymin = INFINITY,
				xmax = -INFINITY,
				ymax = -INFINITY;
	double		w,
				hgt,
				mapw,
				maph,
				legh;
	GeomSlot   *slot = geom_slot_new();
	StringInfoData out;
	Draw		d;
	int64		off = 0;

	/* a final function validates its state, wherever it came from */
	if (svg_records_check(s->data, s->used) != s->nrows)
		zj_state_corrupt("svgmap_state", "Its records are malformed or do not match their count.");

	/* first pass: the extent, the SRID and the colours; empty geometries are not drawn */
	while (off < s->used)
	{
		const char *p = s->data + off;
		uint32		ll = get_u32(p + 1);
		const char *label = ll == NULL_LABEL ? NULL : p + 5;
		const char *q = p + 5 + (label ? ll : 0);
		SvgRow	   *row = &rows[nrows];
		GEOSGeometry *g;
		double		a,
					b,
					c,
					e;
		int			gsrid;

		if ((nrows & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		row->wkblen = get_u32(q);
		row->wkb = q + 4;
		off = (q + 4 + row->wkblen) - s->data;
		g = geom_slot_read(slot, row);
		if (GEOSisEmpty_r(h, g))
			continue;
		gsrid = GEOSGetSRID_r(h, g);
		if (nrows == 0)
			srid = gsrid;
		else if (gsrid != srid)
			zj_check_same_srid(gsrid, "geom", srid, "the first geometry");
		zj_geos_extent(g, "geom", &a, &b, &c, &e);
		xmin = Min(xmin, a);
		ymin = Min(ymin, b);
		xmax = Max(xmax, c);
		ymax = Max(ymax, e);
		row->colour = (uint8) p[0];
		row->label = label;
		row->labellen = label ? ll : 0;
		if (counts[row->colour]++ == 0)
			ncolours++;
		nrows++;
	}
	if (nrows == 0)
		PG_RETURN_NULL();
	qsort(rows, nrows, sizeof(SvgRow), svg_row_cmp);

	/* fit the extent: longer side SVG_SIZE units, y down */
	d.kx = 1.0;
	if (zj_srid_is_geographic(srid))
		d.kx = Max(cos((ymin + ymax) / 2 * M_PI / 180.0), 0.01);
	w = (xmax - xmin) * d.kx;
	hgt = ymax - ymin;
	if (!(Max(w, hgt) > 0))
	{
		/* a single point: a small square around it */
		double		pad = Max(1.0, Max(fabs(xmin), fabs(ymin)) * 1e-6);

		xmin -= pad;
		xmax += pad;
		ymin -= pad;
		ymax += pad;
		w = (xmax - xmin) * d.kx;
		hgt = ymax - ymin;
	}
	if (!isfinite(w) || !isfinite(hgt))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the extent of the geometries is too large to draw"),
				 errdetail("Extent (%g %g, %g %g).", xmin, ymin, xmax, ymax)));
	d.scale = SVG_SIZE / Max(w, hgt);
	d.xmin = xmin;
	d.ymax = ymax;
	d.out = &out;
	mapw = w * d.scale + 2 * SVG_MARGIN;
	maph = hgt * d.scale + 2 * SVG_MARGIN;
	legh = 30 + 20 * ncolours;

	initStringInfo(&out);
	if (GetDatabaseEncoding() == PG_UTF8)
		appendStringInfoString(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	appendStringInfoString(&out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	put_fixed(&out, mapw + SVG_LEGEND_W);
	appendStringInfoChar(&out, ' ');
	put_fixed(&out, Max(maph, legh + 2 * SVG_MARGIN));
	appendStringInfoString(&out, "\">\n"
						   "<style>path{stroke:#444;stroke-width:0.4;stroke-linejoin:round;fill-rule:evenodd}"
						   "path.l{fill:none;stroke-width:1.5}"
						   "text{font-family:sans-serif;font-size:11px;fill:#222}"
						   "#labels text{text-anchor:middle;font-size:9px}</style>\n"
						   "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
						   "<g id=\"features\">\n");
	for (int i = 0; i < nrows; i++)
	{
		char		kind = 0;
		const char *hex = zj_colour_hex_of(rows[i].colour);

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		appendStringInfoString(&out, "<path d=\"");
		draw_geom(&d, geom_slot_read(slot, &rows[i]), &kind);
		if (kind == 'l')
			appendStringInfo(&out, "\" class=\"l\" style=\"stroke:%s\"/>\n", hex);
		else
			appendStringInfo(&out, "\" fill=\"%s\"/>\n", hex);
	}
	appendStringInfoString(&out, "</g>\n<g id=\"labels\">\n");
	for (int i = 0; i < nrows; i++)
	{
		GEOSGeometry *pt;
		double		x,
					y;
		int64		cx,
					cy;

		if (rows[i].label == NULL)
			continue;
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		/* empty members are gone (geom_slot_read): GEOS 3.11's PointOnSurface crashes on them */
		pt = GEOSPointOnSurface_r(h, geom_slot_read(slot, &rows[i]));
		if (pt == NULL)
			zj_geos_error("placing a label");
		if (GEOSisEmpty_r(h, pt) || !GEOSGeomGetX_r(h, pt, &x) || !GEOSGeomGetY_r(h, pt, &y))
		{
			GEOSGeom_destroy_r(h, pt);
			continue;
		}
		GEOSGeom_destroy_r(h, pt);
		draw_xy(&d, x, y, &cx, &cy);
		appendStringInfoString(&out, "<text x=\"");
		put_num(&out, cx);
		appendStringInfoString(&out, "\" y=\"");
		put_num(&out, cy);
		appendStringInfoString(&out, "\">");
		put_xml_text(&out, rows[i].label, rows[i].labellen);
		appendStringInfoString(&out, "</text>\n");
	}
	appendStringInfoString(&out, "</g>\n<g id=\"legend\">\n");
	{
		double		lx = mapw + 10,
					ly = SVG_MARGIN + 20;

		appendStringInfoString(&out, "<text x=\"");
		put_fixed(&out, lx);
		appendStringInfoString(&out, "\" y=\"");
		put_fixed(&out, ly - 6);
		appendStringInfo(&out, "\">n = %d</text>\n", nrows);
		for (int c = zj_colour_type.count - 1; c >= 0; c--)
		{
			if (counts[c] == 0)
				continue;
			appendStringInfoString(&out, "<rect x=\"");
			put_fixed(&out, lx);
			appendStringInfoString(&out, "\" y=\"");
			put_fixed(&out, ly);
			appendStringInfo(&out, "\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#444\" stroke-width=\"0.5\"/>"
							 "<text x=\"", zj_colour_hex_of(c));
			put_fixed(&out, lx + 20);
			appendStringInfoString(&out, "\" y=\"");
			put_fixed(&out, ly + 11);
			appendStringInfo(&out, "\" class=\"%s\">%s (" INT64_FORMAT ")</text>\n",
							 zj_colour_type.out[c], zj_colour_type.out[c], counts[c]);
			ly += 20;
		}
	}
	appendStringInfoString(&out, "</g>\n</svg>\n");
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}
