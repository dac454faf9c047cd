/* bench-clock.c: wall and thread CPU time for every benchmark figure. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "bench-clock.h"

#include <string.h>

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

double
process_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double
bench_own_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "\nVmHWM:")) == NULL)
    return NAN;
  /* "VmHWM:   123456 kB" */
  return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;
}

int
bench_compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_median_worst (GArray *values, double *out_median, double *out_worst)
{
  g_array_sort (values, bench_compare_double);
  *out_median = g_array_index (values, double, values->len / 2);
  *out_worst = g_array_index (values, double, values->len - 1);
}

const char *
bench_met (gboolean ok)
{
  return ok ? "met" : "NOT MET";
}

void
bench_report_times (const char *what, GArray *times, double target, int decimals)
{
  double median, worst;

  bench_median_worst (times, &median, &worst);
  if (target <= 0)
    printf ("%-44s median %7.*f ms  worst %7.*f ms\n", what, decimals, median, decimals, worst);
  else
    printf ("%-44s median %7.*f ms  worst %7.*f ms  (target: worst < %.0f ms) %s\n", what,
            decimals, median, decimals, worst, target, bench_met (worst < target));
}

void
bench_report_spread (int width, const char *what, GArray *values, const char *unit, double target)
{
  double median, worst;

  bench_median_worst (values, &median, &worst);
  printf ("%-*s median %6.0f %-3s worst %6.0f %s", width, what, median, unit, worst, unit);
  if (target > 0)
    printf ("%*s (target ≤ %.0f %s) %s", (int) (3 - strlen (unit)), "", target, unit,
            bench_met (worst <= target));
  printf ("\n");
}
