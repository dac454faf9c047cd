/* bench-pack-build.h: peak memory and time of a whole pack build
 * (`ward-atlas-cli-full build-pack`), each edition built SAMPLES times into
 * a temporary folder. Slow (about a minute a build), so off by default:
 * `ward-atlas-bench --pack-build`. Target (issue 18): peak RSS ≤ 200 MB. */
#pragma once

#include <glib.h>

typedef struct {
  const char *cli_full;     /* ward-atlas-cli-full */
  const char *manifest;     /* data/sources.manifest */
  const char *sources;      /* the open data folder */
  const char *edition;      /* "2019", "2025", or NULL for both */
  int n_samples;
} BenchPackBuildOptions;

/* Prints one line per edition: median and worst peak RSS (the child's
 * ru_maxrss), median wall and CPU time; FALSE when a build failed. */
gboolean bench_pack_build (const BenchPackBuildOptions *options);

/* What a child process cost, from wait4: its wall time (spawn to exit),
 * CPU time (user + system), peak RSS (ru_maxrss) and wait status. */
typedef struct {
  double wall_ms, cpu_ms;
  long   rss_kib;
  int    status;   /* -1 when it could not be run or waited for */
} BenchChildUsage;

/* Runs argv (envp NULL: this environment) with its output discarded and
 * waits for it; FALSE, with error, when it cannot be run or does not exit
 * with status 0. usage is filled in whenever it ran. */
gboolean bench_child_run (char **argv, char **envp, BenchChildUsage *usage, GError **error);
/* The same, keeping the child's standard output in output (free it). */
gboolean bench_child_run_output (char **argv, char **envp, BenchChildUsage *usage, char **output,
                                 GError **error);
