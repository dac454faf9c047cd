/* bench-clock.c: wall and thread CPU time for every benchmark figure. */
#include <time.h>

#include "bench-clock.h"

double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
