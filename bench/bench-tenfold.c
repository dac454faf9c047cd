/* bench-tenfold.c: the 10× pack's figures (see bench-tenfold.h): its open
 * in a child process and its worst tiles; the pack itself is made by
 * bench-tenfold-pack.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-clock.h"
#include "bench-pack-build.h"
#include "bench-tenfold.h"
#include "bench-tiles.h"
#include "wa-map-style.h"
#include "wa-tile-renderer.h"

#define TARGET_OPEN_MS  1000.0
#define TARGET_TILE_MS    10.0
#define TARGET_RSS_MIB   300.0

/* ---- the figures ----------------------------------------------------- */

/* Prints the open's own wall and CPU time (the whole process's, every
 * thread), apart from the process's start (loading the libraries this
 * program links: GTK's too) and its end (freeing the atlas). */
int
bench_tenfold_open_child (const char *pack)
{
  g_autoptr(GError) error = NULL;
  double wall = now_ms (), cpu = process_cpu_ms ();
  g_autoptr(WaAtlas) atlas = wa_atlas_open (pack, &error);

  if (atlas == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("open-wall-ms %.1f\nopen-cpu-ms %.1f\n", now_ms () - wall, process_cpu_ms () - cpu);
  printf ("%u wards\n", wa_atlas_get_n_wards (atlas));
  printf (BENCH_PEAK_RSS_KEY " %.1f\n", bench_own_peak_rss_mib ());
  return 0;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

typedef struct {
  GArray *wall, *cpu;   /* the child's, spawn to exit: ms, ms */
  GArray *rss;          /* its own peak RSS (bench_own_peak_rss_mib), MiB */
  GArray *call_wall, *call_cpu;   /* wa_atlas_open's own, in the child: ms */
} Opens;

/* The number after key at a line's start in output; NAN if none. */
static double
output_value (const char *output, const char *key)
{
  g_autofree char *start = g_strconcat ("\n", key, " ", NULL);
  g_autofree char *text = g_strconcat ("\n", output, NULL);
  const char *at = strstr (text, start);

  return at != NULL ? g_ascii_strtod (at + strlen (start), NULL) : NAN;
}

/* One open of pack in a child (this program, --tenfold-open) whose
 * verified-pack cache is cache_dir. */
static gboolean
open_once (const char *self, const char *pack, const char *cache_dir, Opens *opens)
{
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache_dir, TRUE);
  char *argv[] = { (char *) self, "--tenfold-open", (char *) pack, NULL };
  BenchChildUsage usage = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  double rss, call_wall, call_cpu;

  if (!bench_child_run_output (argv, envp, &usage, &output, &error))
    {
      printf ("  open in a child failed: %s (run %s --tenfold-open %s to see why)\n",
              error->message, self, pack);
      return FALSE;
    }
  call_wall = output_value (output, "open-wall-ms");
  call_cpu = output_value (output, "open-cpu-ms");
  /* Its own peak: the wait4 figure starts at this process's size. */
  rss = output_value (output, BENCH_PEAK_RSS_KEY);
  if (isnan (call_wall) || isnan (call_cpu) || isnan (rss))
    {
      printf ("  open in a child printed no timings: %s\n", output);
      return FALSE;
    }
  g_array_append_val (opens->call_wall, call_wall);
  g_array_append_val (opens->call_cpu, call_cpu);
  g_array_append_val (opens->wall, usage.wall_ms);
  g_array_append_val (opens->cpu, usage.cpu_ms);
  g_array_append_val (opens->rss, rss);
  return TRUE;
}

static void
report_opens (const char *what, Opens *opens)
{
  bench_report_spread (44, what, opens->call_wall, "ms", TARGET_OPEN_MS);
  bench_report_spread (44, "  the same, CPU (every thread)", opens->call_cpu, "ms", TARGET_OPEN_MS);
  bench_report_spread (44, "  the child process, spawn to exit", opens->wall, "ms", 0);
  bench_report_spread (44, "  the same, child's CPU (user + system)", opens->cpu, "ms", 0);
  bench_report_spread (44, "  the same, child's peak RSS", opens->rss, "MiB", TARGET_RSS_MIB);
}

static Opens
opens_new (void)
{
  return (Opens) { g_array_new (FALSE, FALSE, sizeof (double)),
                   g_array_new (FALSE, FALSE, sizeof (double)),
                   g_array_new (FALSE, FALSE, sizeof (double)),
                   g_array_new (FALSE, FALSE, sizeof (double)),
                   g_array_new (FALSE, FALSE, sizeof (double)) };
}

static void
opens_clear (Opens *opens)
{
  g_array_unref (opens->wall);
  g_array_unref (opens->cpu);
  g_array_unref (opens->rss);
  g_array_unref (opens->call_wall);
  g_array_unref (opens->call_cpu);
}

/* Waits until pack was last modified long enough ago for an open to
 * record it as verified: a pack changed in the last two seconds is
 * checked again at every open (wa-pack-stamp.c), which made the first
 * "again" sample after the pack was sealed a first open. */
static void
wait_until_stampable (const char *pack)
{
  GStatBuf st;
  gint64 age_us;

  if (g_stat (pack, &st) != 0)
    return;
  age_us = g_get_real_time () - (gint64) st.st_mtime * G_USEC_PER_SEC;
  if (age_us < 3 * G_USEC_PER_SEC)
    g_usleep (3 * G_USEC_PER_SEC - age_us);
}

/* An untimed open whose verified-pack cache is cache_dir, once the pack
 * can be recorded there: the opens after it skip the check. */
static gboolean
fill_cache (const char *self, const char *pack, const char *cache_dir)
{
  Opens untimed = opens_new ();
  gboolean ok;

  wait_until_stampable (pack);
  ok = open_once (self, pack, cache_dir, &untimed);
  opens_clear (&untimed);
  return ok;
}

/* The open figures: each sample once with an empty verified-pack cache
 * (the reader checks the fingerprints: a pack's first open) and once with
 * the cache that an earlier open filled (the check is skipped). */
static gboolean
bench_opens (const char *self, const char *dir, const char *pack, guint n_samples)
{
  g_autofree char *warm_cache = g_build_filename (dir, "cache-warm", NULL);
  Opens cold = opens_new (), warm = opens_new ();
  gboolean ok = self != NULL && fill_cache (self, pack, warm_cache);

  for (guint s = 0; ok && s < n_samples; s++)
    {
      g_autofree char *name = g_strdup_printf ("cache-cold-%u", s);
      g_autofree char *cold_cache = g_build_filename (dir, name, NULL);

      ok = open_once (self, pack, cold_cache, &cold) && open_once (self, pack, warm_cache, &warm);
    }
  if (ok)
    {
      printf ("\nOpen of the 10x pack in a child process (wa_atlas_open, as the app opens a\n"
              "pack), %u samples each: the open itself (timed in the child), then the\n"
              "child process from spawn to exit (its start loads the libraries this\n"
              "program links, GTK's too; its end frees the atlas)\n", n_samples);
      report_opens ("open, first time (checks fingerprints)", &cold);
      report_opens ("open, again (verified-pack cache hit)", &warm);
    }
  opens_clear (&cold);
  opens_clear (&warm);
  return ok;
}

static void
bench_tenfold_tiles (const char *pack, const BenchTenfoldOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open (pack, &error);
  g_autoptr(WaMapStyle) style = NULL;
  double worst_ms[2] = { 0, 0 };
  guint worst_zoom[2] = { 0, 0 };
  BenchTilesOptions tiles = {
    options->min_zoom, options->max_zoom, options->n_tiles, options->n_samples, pack,
    NULL, NULL, worst_ms, worst_zoom,
  };
  static const guint sizes[] = { 256, 512 };

  if (atlas == NULL)
    {
      printf ("tiles of the 10x pack: cannot open it: %s\n", error->message);
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  printf ("\nTiles of the 10x pack (%u wards), through bench-tiles.c; no Mapnik", wa_atlas_get_n_wards (atlas));
  bench_tiles (atlas, style, &tiles);
  printf ("\n");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *what = g_strdup_printf ("10x pack: worst tile, %u px, z%u–z%u", sizes[s],
                                               options->min_zoom, options->max_zoom);

      printf ("%-44s %7.2f ms at z%u  (target ≤ %.0f ms) %s\n", what, worst_ms[s], worst_zoom[s],
              TARGET_TILE_MS, bench_met (worst_ms[s] <= TARGET_TILE_MS));
    }
}

gboolean
bench_tenfold (const BenchTenfoldOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ward-atlas-bench-tenfold-XXXXXX", &error);
  g_autofree char *pack = NULL;
  g_autofree char *parent_cache = NULL;
  g_autoptr(GFile) folder = NULL;
  BenchTenfoldCounts counts = { 0 };
  double start, cpu_start;
  gboolean ok;

  if (dir == NULL)
    {
      printf ("10x pack: no temporary folder: %s\n", error->message);
      return FALSE;
    }
  if (options->output != NULL)
    {
      g_rmdir (dir);
      ok = bench_tenfold_make_pack (options->pack, options->sources, options->output,
                                    options->max_per_file, &counts, &error);
      if (!ok)
        printf ("10x pack: not made: %s\n", error->message);
      else
        printf ("10x pack: %s, %u LSOA polygons added as wards\n", options->output, counts.n_added);
      return ok;
    }
  folder = g_file_new_for_path (dir);
  pack = g_build_filename (dir, "ward-atlas-2019-tenfold.gpkg", NULL);
  /* This process's opens record the temporary pack in a cache of its own,
   * not in the user's. */
  parent_cache = g_build_filename (dir, "cache-bench", NULL);
  g_setenv ("XDG_CACHE_HOME", parent_cache, TRUE);

  printf ("10x pack: %s plus every LSOA 2011 and 2021 polygon of %s/boundaries\n", options->pack,
          options->sources);
  start = now_ms ();
  cpu_start = cpu_ms ();
  ok = bench_tenfold_make_pack (options->pack, options->sources, pack, options->max_per_file,
                                &counts, &error);
  if (!ok)
    printf ("10x pack: not made: %s\n", error->message);
  else
    {
      GStatBuf st;

      g_stat (pack, &st);
      printf ("  %u LSOA polygons added as wards: %u took the figures of the ward holding their\n"
              "  interior point, %u of the ward the pack's lsoas table gives, %u none (unranked)\n",
              counts.n_added, counts.n_located, counts.n_by_table, counts.n_unplaced);
      printf ("  made and sealed in %.0f s (%.0f s CPU of this thread), %.0f MB\n",
              (now_ms () - start) / 1e3, (cpu_ms () - cpu_start) / 1e3, st.st_size / 1e6);
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      ok = bench_opens (self, dir, pack, options->n_samples);
      /* The app's launches on a pack already verified, as every launch
       * but a pack's first on a machine (the first launch checked it). */
      if (ok && options->app != NULL && options->app_figures != NULL
          && fill_cache (self, pack, parent_cache))
        {
          printf ("\nThe app on the 10x pack (ward-atlas-bench-app, as many launches as opens)\n");
          options->app_figures (options->app, pack);
        }
      bench_tenfold_tiles (pack, options);
    }
  remove_tree (folder);
  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    printf ("10x pack: could not remove %s\n", dir);
  return ok;
}
