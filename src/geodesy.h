/*
 * geodesy.h — metres for longitude/latitude data (EPSG:4326 WGS 84, 4490 CGCS2000: the two
 * ellipsoids differ by 0.1 mm in the semi-minor axis, so both use GRS80/WGS 84 here).
 *
 * Method (DESIGN.md): find the nearest point in a local plane (zj_local_*), then measure the exact
 * ellipsoidal distance to it (zj_geodesic_m).
 */
#ifndef ZJGOV_GEODESY_H
#define ZJGOV_GEODESY_H

/* Ellipsoidal distance in metres between two lon/lat points in degrees (Vincenty's inverse
 * formula, accurate to well under a millimetre; near-antipodal points fall back to a sphere). */
extern double zj_geodesic_m(double lon1, double lat1, double lon2, double lat2);

/*
 * Initial geodesic bearing from point 1 to point 2, degrees clockwise from north in [0, 360)
 * (0 for coincident points).
 */
extern double zj_geodesic_course(double lon1, double lat1, double lon2, double lat2);

/* A local equirectangular plane in metres around (lon0, lat0): exact scale at the centre. */
typedef struct ZjLocalProj
{
	double		lon0,
				lat0;
	double		kx,				/* metres per degree of longitude at lat0 */
				ky;				/* metres per degree of latitude at lat0 */
} ZjLocalProj;

extern void zj_local_init(ZjLocalProj *p, double lon0, double lat0);
extern void zj_local_fwd(const ZjLocalProj *p, double lon, double lat, double *x, double *y);
extern void zj_local_inv(const ZjLocalProj *p, double x, double y, double *lon, double *lat);

/*
 * Azimuthal equidistant projection of a sphere of radius N (the prime vertical radius at the
 * centre), with y then scaled by M/N (M the meridional radius): the plane's metric equals the
 * ellipsoid's at the centre, so distances from the centre are right in every direction to within
 * the slow change of M and N with latitude (about 0.02 % a degree).
 */
typedef struct ZjAeqd
{
	double		lon0,
				lat0,
				sin0,
				cos0,
				R,
				sy;
} ZjAeqd;

extern void zj_aeqd_init(ZjAeqd *a, double lon0, double lat0);
extern void zj_aeqd_fwd(const ZjAeqd *a, double lon, double lat, double *x, double *y);
extern void zj_aeqd_inv(const ZjAeqd *a, double x, double y, double *lon, double *lat);

/* Equal-area plane for longitude/latitude: (lon, sin(lat)) scaled to degrees (Lambert's
 * cylindrical projection; areas are proportional to the sphere's). */
extern void zj_equal_area_fwd(double lon, double lat, double *x, double *y);

/* Half-widths in degrees of a box that surely contains every point within `metres` of a point at
 * latitude lat (for index searches; generous by design). */
extern void zj_degree_box(double lat, double metres, double *dlon, double *dlat);

#endif
