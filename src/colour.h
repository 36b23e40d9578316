/*
 * colour.h — colour ranks and palette, shared with svgmap.c and the warning rules.
 */
#ifndef ZJGOV_COLOUR_H
#define ZJGOV_COLOUR_H

#include "ordinal.h"

#define COLOUR_GREEN	0
#define COLOUR_BLUE		1
#define COLOUR_YELLOW	2
#define COLOUR_ORANGE	3
#define COLOUR_RED		4
#define COLOUR_PURPLE	5
#define COLOUR_MAROON	6
#define COLOUR_COUNT	7

extern const OrdinalNames zj_colour_type;
extern const char *zj_colour_hex_of(uint8 c);

#endif
