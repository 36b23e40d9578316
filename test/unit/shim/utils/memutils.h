/* Stand-in for PostgreSQL's utils/memutils.h (test/unit/shim/postgres.h): see MemoryContextAllocExtended there. */
