/*
 * draw.c — auditable random selection (双随机): draw_key(seed, key) maps a key to [0, 1) through
 * HMAC-SHA-256 keyed with a published seed (PostgreSQL's own cryptohash), so anyone holding the
 * seed can recompute who was drawn; draw(seed, key, rate) selects with probability rate.
 */
#include "postgres.h"

#include <math.h>

#include "common/cryptohash.h"
#include "common/hmac.h"
#include "common/sha2.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "arrayutil.h"
#include "export.h"

/* The bytes of a text argument in UTF-8 (converted from the database encoding if need be). */
static const uint8 *
utf8_bytes(text *t, size_t *len)
{
	int			n = VARSIZE_ANY_EXHDR(t);
	const char *s = VARDATA_ANY(t);
	char	   *u = pg_server_to_any(s, n, PG_UTF8);

	*len = (u == s) ? (size_t) n : strlen(u);
	return (const uint8 *) u;
}

/*
 * u = the first 8 bytes of HMAC-SHA-256(secret = seed, message = key), big-endian, shifted right
 * by 11 bits: 53 uniform bits; the key is u * 2^-53, in [0, 1), exact in a double.
 */
static double
draw_key(text *seed, text *key)
{
	size_t		slen,
				klen;
	const uint8 *s = utf8_bytes(seed, &slen);
	const uint8 *k = utf8_bytes(key, &klen);
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	pg_hmac_ctx *ctx;
	uint64		u = 0;

	if (slen == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("seed must not be empty"),
				 errhint("Publish a seed (for example the draw's date and a random number) before the draw.")));
	ctx = pg_hmac_create(PG_SHA256);
	if (ctx == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	if (pg_hmac_init(ctx, s, slen) < 0 ||
		pg_hmac_update(ctx, k, klen) < 0 ||
		pg_hmac_final(ctx, digest, sizeof(digest)) < 0)
	{
		char	   *msg = pstrdup(pg_hmac_error(ctx));

		pg_hmac_free(ctx);
		elog(ERROR, "HMAC-SHA-256 failed: %s", msg);
	}
	pg_hmac_free(ctx);
	for (int i = 0; i < 8; i++)
		u = (u << 8) | digest[i];
	return ldexp((double) (u >> 11), -53);
}

PG_FUNCTION_INFO_V1(zjgov_draw_key);
Datum
zjgov_draw_key(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(draw_key(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)));
}

PG_FUNCTION_INFO_V1(zjgov_draw);
Datum
zjgov_draw(PG_FUNCTION_ARGS)
{
	double		rate = PG_GETARG_FLOAT8(2);

	zj_check_finite(rate, "rate");
	if (rate < 0.0 || rate > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rate must be between 0 and 1"),
				 errdetail("Got %g.", rate)));
	PG_RETURN_BOOL(draw_key(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) < rate);
}
