/*
 * hexfloat.c — exact hexadecimal text of a double (hexfloat.h).
 */
#include "postgres.h"

#include "hexfloat.h"

void
zj_hexfloat(char *buf, double d)
{
	uint64		bits;
	uint64		mant;
	int			biased;
	int			exp;
	int			lead;
	char	   *p = buf;

	memcpy(&bits, &d, sizeof(bits));
	mant = bits & ((UINT64CONST(1) << 52) - 1);
	biased = (int) ((bits >> 52) & 0x7ff);
	if (bits >> 63)
		*p++ = '-';
	if (biased == 0x7ff)
	{
		strcpy(p, mant ? "nan" : "inf");
		return;
	}
	if (biased == 0)
	{
		lead = 0;
		exp = mant ? -1022 : 0;
	}
	else
	{
		lead = 1;
		exp = biased - 1023;
	}
	*p++ = '0';
	*p++ = 'x';
	*p++ = (char) ('0' + lead);
	if (mant)
	{
		int			ndig = 13;

		while ((mant & 0xf) == 0)
		{
			mant >>= 4;
			ndig--;
		}
		*p++ = '.';
		for (int i = ndig - 1; i >= 0; i--)
			*p++ = "0123456789abcdef"[(mant >> (4 * i)) & 0xf];
	}
	*p++ = 'p';
	*p++ = exp < 0 ? '-' : '+';
	{
		char		digits[8];
		int			n = 0;
		int			e = exp < 0 ? -exp : exp;

		do
		{
			digits[n++] = (char) ('0' + e % 10);
			e /= 10;
		} while (e > 0);
		while (n > 0)
			*p++ = digits[--n];
	}
	*p = '\0';
}
