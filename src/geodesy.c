/*
 * geodesy.c — ellipsoidal distances and map projections (a local metric plane, an azimuthal
 * equidistant plane, an equal-area plane) for longitude/latitude data.
 */
#include "postgres.h"

#include <math.h>

#include "geodesy.h"

#define WGS84_A		6378137.0
#define WGS84_F		(1.0 / 298.257223563)
#define WGS84_B		(WGS84_A * (1.0 - WGS84_F))
#define DEG			(M_PI / 180.0)

/* Vincenty's inverse formula: the distance in metres and, when az is given, the initial azimuth. */
static double
vincenty(double lon1, double lat1, double lon2, double lat2, double *az)
{
	const double a = WGS84_A,
				b = WGS84_B,
				f = WGS84_F;
	double		L = (lon2 - lon1) * DEG;
	double		U1 = atan((1 - f) * tan(lat1 * DEG));
	double		U2 = atan((1 - f) * tan(lat2 * DEG));
	double		sinU1 = sin(U1),
				cosU1 = cos(U1),
				sinU2 = sin(U2),
				cosU2 = cos(U2);
	double		lambda = L,
				prev;
	double		sinSigma = 0,
				cosSigma = 1,
				sigma = 0,
				cos2Alpha = 1,
				cos2SigmaM = 0;
	int			iter = 0;

	if (az)
		*az = 0.0;
	if (lon1 == lon2 && lat1 == lat2)
		return 0.0;
	do
	{
		double		sinLambda = sin(lambda),
					cosLambda = cos(lambda);
		double		sinAlpha,
					C;

		sinSigma = sqrt((cosU2 * sinLambda) * (cosU2 * sinLambda) +
						(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) *
						(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
		if (sinSigma == 0)
			return 0.0;			/* coincident points */
		cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
		sigma = atan2(sinSigma, cosSigma);
		sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
		cos2Alpha = 1 - sinAlpha * sinAlpha;
		cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
		C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
		prev = lambda;
		lambda = L + (1 - C) * f * sinAlpha *
			(sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
	} while (fabs(lambda - prev) > 1e-12 && ++iter < 200);

	if (iter >= 200)
	{
		/* near-antipodal: a great circle on the mean sphere is within 0.5 % */
		double		dlat = (lat2 - lat1) * DEG,
					dlon = (lon2 - lon1) * DEG;
		double		h = sin(dlat / 2) * sin(dlat / 2) +
			cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);

		if (az)
			*az = atan2(sin(dlon) * cos(lat2 * DEG),
						cos(lat1 * DEG) * sin(lat2 * DEG) - sin(lat1 * DEG) * cos(lat2 * DEG) * cos(dlon));
		return 2 * 6371008.8 * asin(Min(1.0, sqrt(h)));
	}
	if (az)
		*az = atan2(cosU2 * sin(lambda), cosU1 * sinU2 - sinU1 * cosU2 * cos(lambda));
	{
		double		u2 = cos2Alpha * (a * a - b * b) / (b * b);
		double		A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
		double		B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
		double		dSigma = B * sinSigma *
			(cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
								   B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
								   (-3 + 4 * cos2SigmaM * cos2SigmaM)));

		return b * A * (sigma - dSigma);
	}
}

double
zj_geodesic_m(double lon1, double lat1, double lon2, double lat2)
{
	return vincenty(lon1, lat1, lon2, lat2, NULL);
}

double
zj_geodesic_course(double lon1, double lat1, double lon2, double lat2)
{
	double		az;

	vincenty(lon1, lat1, lon2, lat2, &az);
	az /= DEG;
	if (az < 0)
		az += 360.0;
	if (az >= 360.0)
		az -= 360.0;
	return az;
}

void
zj_local_init(ZjLocalProj *p, double lon0, double lat0)
{
	double		e2 = WGS84_F * (2 - WGS84_F);
	double		s = sin(lat0 * DEG);
	double		w = sqrt(1 - e2 * s * s);
	double		N = WGS84_A / w;	/* prime vertical radius */
	double		M = WGS84_A * (1 - e2) / (w * w * w);	/* meridional radius */

	p->lon0 = lon0;
	p->lat0 = lat0;
	p->kx = N * cos(lat0 * DEG) * DEG;
	p->ky = M * DEG;
}

void
zj_local_fwd(const ZjLocalProj *p, double lon, double lat, double *x, double *y)
{
	*x = (lon - p->lon0) * p->kx;
	*y = (lat - p->lat0) * p->ky;
}

void
zj_local_inv(const ZjLocalProj *p, double x, double y, double *lon, double *lat)
{
	*lon = p->lon0 + x / p->kx;
	*lat = p->lat0 + y / p->ky;
}

void
zj_degree_box(double lat, double metres, double *dlon, double *dlat)
{
	/* 110 km per degree of latitude is a lower bound; longitude shrinks with cos(latitude) */
	double		far_lat = Min(89.0, fabs(lat) + metres / 110000.0 + 0.01);

	*dlat = metres / 110000.0 * 1.01;
	*dlon = metres / (111000.0 * cos(far_lat * DEG)) * 1.02 + 1e-9;
	if (*dlon > 360.0)
		*dlon = 360.0;
}

void
zj_aeqd_init(ZjAeqd *a, double lon0, double lat0)
{
	ZjLocalProj p;

	zj_local_init(&p, 0, lat0);
	a->lon0 = lon0;
	a->lat0 = lat0;
	a->sin0 = sin(lat0 * DEG);
	a->cos0 = cos(lat0 * DEG);
	if (fabs(lat0) < 89.9)
	{
		a->R = p.kx / (a->cos0 * DEG);	/* N */
		a->sy = p.ky / DEG / a->R;	/* M / N */
	}
	else
	{
		a->R = p.ky / DEG;
		a->sy = 1.0;
	}
}

void
zj_aeqd_fwd(const ZjAeqd *a, double lon, double lat, double *x, double *y)
{
	double		phi = lat * DEG,
				dl = (lon - a->lon0) * DEG;
	double		sp = sin(phi),
				cp = cos(phi),
				cdl = cos(dl);
	double		hs = sin((phi - a->lat0 * DEG) / 2),
				hl = sin(dl / 2);
	double		hav = hs * hs + a->cos0 * cp * hl * hl;
	double		c = 2 * asin(Min(1.0, sqrt(Max(hav, 0.0))));
	double		k = c < 1e-12 ? 1.0 : c / sin(c);

	*x = a->R * k * cp * sin(dl);
	*y = a->R * k * (a->cos0 * sp - a->sin0 * cp * cdl) * a->sy;
}

void
zj_aeqd_inv(const ZjAeqd *a, double x, double y, double *lon, double *lat)
{
	double		rho,
				c,
				sc,
				cc;

	y /= a->sy;
	rho = sqrt(x * x + y * y);
	c = rho / a->R;
	sc = sin(c);
	cc = cos(c);

	if (rho < 1e-9)
	{
		*lon = a->lon0;
		*lat = a->lat0;
		return;
	}
	*lat = asin(Max(-1.0, Min(1.0, cc * a->sin0 + y * sc * a->cos0 / rho))) / DEG;
	*lon = a->lon0 + atan2(x * sc, rho * a->cos0 * cc - y * a->sin0 * sc) / DEG;
}

void
zj_equal_area_fwd(double lon, double lat, double *x, double *y)
{
	*x = lon;
	*y = sin(lat * DEG) / DEG;
}
