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
