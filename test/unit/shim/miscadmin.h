/* Stand-in for PostgreSQL's miscadmin.h (test/unit/shim/postgres.h): no interrupts outside the server. */
#define CHECK_FOR_INTERRUPTS()	((void) 0)
