/*
 * mix.h — bit mixing for hashes and random generator seeds (plain C).
 */
#ifndef ZJGOV_MIX_H
#define ZJGOV_MIX_H

/* The splitmix64 finaliser: mixes the bits of z (row hashes, generator seeds). */
static inline uint64
zj_mix64(uint64 z)
{
	z = (z ^ (z >> 30)) * UINT64CONST(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

#endif
