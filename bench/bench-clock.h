/* bench-clock.h: the benchmark's two clocks, in milliseconds, and how a
 * series of timings is reported. */
#pragma once

#include <glib.h>

double now_ms (void);
/* This thread's CPU time: on a machine shared with other work, wall-clock
 * figures mostly measure the other work. */
double cpu_ms (void);
/* The whole process's CPU time, every thread's. */
double process_cpu_ms (void);
/* This process's peak resident memory since it started its program, in
 * MiB (VmHWM; NAN if unknown). Not getrusage's ru_maxrss, in this process
 * or in a parent's wait4: Linux carries it over an exec, so a child
 * forked from the benchmark starts at the benchmark's own size (a
 * launch after the tiles had the 2019 app "peak" at 194-198 MiB for its
 * own 160-163). Children print it as "peak-rss-mib N"
 * (BENCH_PEAK_RSS_KEY). */
double bench_own_peak_rss_mib (void);
#define BENCH_PEAK_RSS_KEY "peak-rss-mib"

/* "met" or "NOT MET": how every figure's line ends against its target. */
const char *bench_met (gboolean ok);
/* For qsort and g_array_sort on doubles, smallest first. */
int    bench_compare_double (gconstpointer a, gconstpointer b);
/* Sorts values (at least one) and gives their median and worst (largest). */
void   bench_median_worst (GArray *values, double *out_median, double *out_worst);
/* Sorts times and prints their median and worst against a target for the
 * worst (none if target <= 0), with that many decimals. */
void   bench_report_times (const char *what, GArray *times, double target, int decimals);
/* "what  median N unit  worst N unit", what padded to width, then the
 * target for the worst (none when target <= 0), in whole units. Sorts
 * values. */
void   bench_report_spread (int width, const char *what, GArray *values, const char *unit,
                            double target);
