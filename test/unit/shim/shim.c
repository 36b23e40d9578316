/*
 * shim.c — the implementation of test/unit/shim/postgres.h: memory blocks on a list (a stand-in
 * for one memory context) and catchable ereport.  Each block's header is poisoned for
 * AddressSanitizer, so a write just before a block is caught as well as one just after it.
 */
#include "postgres.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <sanitizer/asan_interface.h>

typedef struct Block
{
	struct Block *prev,
			   *next;
	Size		size;
	Size		pad;			/* keeps the payload 16-aligned, like malloc */
} Block;

static Block *blocks;
static long nblocks;

#define PAYLOAD(b) ((void *) ((char *) (b) + sizeof(Block)))
#define HEADER(p) ((Block *) ((char *) (p) - sizeof(Block)))

char		shim_sqlstate[6];
char		shim_message[512];
jmp_buf    *shim_catch;

static void
oom(Size sz)
{
	snprintf(shim_message, sizeof(shim_message), "out of memory (%zu bytes)", sz);
	strcpy(shim_sqlstate, ERRCODE_OUT_OF_MEMORY);
	shim_report(ERROR);
}

static void *
block_new(Size sz, bool zero, bool huge)
{
	Block	   *b;

	if (!huge && sz > MaxAllocSize)
	{
		snprintf(shim_message, sizeof(shim_message), "invalid memory alloc request size %zu", sz);
		strcpy(shim_sqlstate, ERRCODE_INTERNAL_ERROR);
		shim_report(ERROR);
	}
	b = zero ? calloc(1, sizeof(Block) + sz) : malloc(sizeof(Block) + sz);
	if (b == NULL)
		return NULL;
	b->size = sz;
	b->prev = NULL;
	b->next = blocks;
	if (blocks)
	{
		ASAN_UNPOISON_MEMORY_REGION(blocks, sizeof(Block));
		blocks->prev = b;
		ASAN_POISON_MEMORY_REGION(blocks, sizeof(Block));
	}
	blocks = b;
	nblocks++;
	ASAN_POISON_MEMORY_REGION(b, sizeof(Block));
	return PAYLOAD(b);
}

static void
block_unlink(Block *b)
{
	ASAN_UNPOISON_MEMORY_REGION(b, sizeof(Block));
	if (b->prev)
	{
		ASAN_UNPOISON_MEMORY_REGION(b->prev, sizeof(Block));
		b->prev->next = b->next;
		ASAN_POISON_MEMORY_REGION(b->prev, sizeof(Block));
	}
	else
		blocks = b->next;
	if (b->next)
	{
		ASAN_UNPOISON_MEMORY_REGION(b->next, sizeof(Block));
		b->next->prev = b->prev;
		ASAN_POISON_MEMORY_REGION(b->next, sizeof(Block));
	}
	nblocks--;
}

static void *
alloc(Size sz, bool zero, int flags)
{
	void	   *p = block_new(sz, zero, (flags & MCXT_ALLOC_HUGE) != 0);

	if (p == NULL && !(flags & MCXT_ALLOC_NO_OOM))
		oom(sz);
	return p;
}

void *
palloc(Size sz)
{
	return alloc(sz, false, 0);
}

void *
palloc0(Size sz)
{
	return alloc(sz, true, 0);
}

void *
MemoryContextAllocExtended(MemoryContext cxt, Size sz, int flags)
{
	(void) cxt;
	return alloc(sz, false, flags);
}

void
pfree(void *p)
{
	Block	   *b = HEADER(p);

	block_unlink(b);
	free(b);
}

void *
repalloc(void *p, Size sz)
{
	Block	   *old = HEADER(p);
	Size		keep;
	void	   *q;

	ASAN_UNPOISON_MEMORY_REGION(old, sizeof(Block));
	keep = Min(old->size, sz);
	ASAN_POISON_MEMORY_REGION(old, sizeof(Block));
	q = palloc(sz);
	memcpy(q, p, keep);
	pfree(p);
	return q;
}

char *
pstrdup(const char *s)
{
	Size		n = strlen(s) + 1;

	return memcpy(palloc(n), s, n);
}

void
shim_reset(void)
{
	while (blocks)
	{
		Block	   *b = blocks;

		block_unlink(b);
		free(b);
	}
}

long
shim_live(void)
{
	return nblocks;
}

int
errcode(const char *sqlstate)
{
	if (sqlstate == NULL)
	{
		/* the start of an ereport */
		shim_sqlstate[0] = '\0';
		shim_message[0] = '\0';
	}
	else
		snprintf(shim_sqlstate, sizeof(shim_sqlstate), "%s", sqlstate);
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(shim_message, sizeof(shim_message), fmt, ap);
	va_end(ap);
	return 0;
}

/* detail and hint are formatted (so a bad format still trips the sanitizers) and dropped */
static void
discard(const char *fmt, va_list ap)
{
	char		buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
}

int
errdetail(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	discard(fmt, ap);
	va_end(ap);
	return 0;
}

int
errhint(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	discard(fmt, ap);
	va_end(ap);
	return 0;
}

void
shim_report(int elevel)
{
	if (elevel < ERROR)
		return;
	if (shim_sqlstate[0] == '\0')
		strcpy(shim_sqlstate, ERRCODE_INTERNAL_ERROR);
	if (shim_catch)
		longjmp(*shim_catch, 1);
	fprintf(stderr, "unexpected ERROR %s: %s\n", shim_sqlstate, shim_message);
	abort();
}

/* settings.c stand-ins: the default limits */
int			zj_max_work_mem_kb = 4 * 1024 * 1024;

void *
zj_work_alloc(Size sz, const char *what)
{
	(void) what;
	return MemoryContextAllocExtended(NULL, sz, MCXT_ALLOC_HUGE);
}
