/* bench-cli.c: whole-process timings of one-off CLI commands (see
 * bench-cli.h). Each command runs RUNS times; the stamp cache is a fresh
 * directory per run for "first run" and a shared, already stamped one for
 * "warm", so the figures never depend on the user's own cache. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "bench-cli.h"
#include "bench-clock.h"

#define RUNS 11
#define BATCH_POSTCODES 100000

typedef struct {
  double wall[RUNS];
  double cpu[RUNS];
} Samples;

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* Runs ARGV with XDG_CACHE_HOME=CACHE; FALSE if it failed. */
static gboolean
run_once (char **argv, const char *cache, double *wall, double *cpu)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache, TRUE);
  double cpu_start = children_cpu_ms (), start = now_ms ();
  int status = -1;
  gboolean ok = g_spawn_sync (NULL, argv, env, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL, NULL, NULL, NULL, &status, NULL);

  *wall = now_ms () - start;
  *cpu = children_cpu_ms () - cpu_start;
  return ok && g_spawn_check_wait_status (status, NULL);
}

static void
print_row (const char *what, Samples *s, double target_ms)
{
  qsort (s->wall, RUNS, sizeof (double), bench_compare_double);
  qsort (s->cpu, RUNS, sizeof (double), bench_compare_double);
  printf ("%-40s %8.0f %8.0f %8.0f %8.0f   %s\n", what, s->wall[RUNS / 2], s->wall[RUNS - 1],
          s->cpu[RUNS / 2], s->cpu[RUNS - 1],
          target_ms <= 0 ? "" : s->wall[RUNS / 2] <= target_ms ? "ok" : "MISSED");
}

/* RUNS runs; FIRST: each in a fresh, empty stamp cache. */
static gboolean
time_command (char **argv, const char *warm_cache, gboolean first, Samples *s)
{
  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *fresh = first ? g_dir_make_tmp ("ward-atlas-bench-cache-XXXXXX", NULL) : NULL;
      gboolean ok = run_once (argv, first ? fresh : warm_cache, &s->wall[run], &s->cpu[run]);

      if (fresh != NULL)
        {
          g_autofree char *stamps = g_build_filename (fresh, "ward-atlas", "verified-packs", NULL);
          g_autofree char *dir = g_path_get_dirname (stamps);
          g_unlink (stamps);
          g_rmdir (dir);
          g_rmdir (fresh);
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* A CSV of BATCH_POSTCODES postcodes spread over the pack's table, and
 * the code of the ward at SW1A 1AA (each edition has its own codes). */
static gboolean
write_batch (const char *pack, const char *path, char **ward_code)
{
  g_autofree char *escaped = g_uri_escape_string (pack, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);
  g_autoptr(GString) csv = g_string_new ("postcode\n");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK
       && sqlite3_prepare_v2 (db, "SELECT display FROM postcodes WHERE rowid % 14 = 0 LIMIT "
                              G_STRINGIFY (BATCH_POSTCODES), -1, &stmt, NULL) == SQLITE_OK;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (csv, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  stmt = NULL;
  /* Whether the one-off answers can read stored ranks (issue 18): older
   * packs rank every ward for each command. */
  if (ok && sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE key = 'ward_ranks_method'",
                                -1, &stmt, NULL) == SQLITE_OK)
    printf ("Pack stores default ranks (ward_ranks): %s\n",
            sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : "no");
  sqlite3_finalize (stmt);
  stmt = NULL;
  ok = ok && sqlite3_prepare_v2 (db, "SELECT ward_code FROM postcodes WHERE postcode = 'SW1A1AA'",
                                 -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *ward_code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok && *ward_code != NULL && g_file_set_contents (path, csv->str, csv->len, NULL);
}

void
bench_cli (const char *cli, const char *pack)
{
  g_autofree char *dir = g_dir_make_tmp ("ward-atlas-bench-cli-XXXXXX", NULL);
  g_autofree char *batch = g_build_filename (dir, "postcodes.csv", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *stamps = g_build_filename (cache, "ward-atlas", "verified-packs", NULL);
  g_autofree char *ward = NULL;
  /* The full CLI beside the front (the build tree): its own floor, GDAL
   * and all, for comparison; the row is skipped if there is none. */
  g_autofree char *cli_dir = g_path_get_dirname (cli);
  g_autofree char *full = g_build_filename (cli_dir, "ward-atlas-cli-full", NULL);
  char *p = (char *) pack, *c = (char *) cli;
  struct { const char *what; char *argv[8]; double target_ms; gboolean first; } rows[] = {
    { "process floor (--version)", { c, "--version", NULL }, 0, FALSE },
    { "full CLI's floor (--version, with GDAL)", { full, "--version", NULL }, 0, FALSE },
    { "info, warm", { c, "info", p, NULL }, 60, FALSE },
    { "ward (of SW1A 1AA), warm", { c, "ward", p, NULL, NULL }, 60, FALSE },
    { "locate --postcode SW1A 1AA, warm", { c, "locate", p, "--postcode", "SW1A 1AA", NULL }, 60, FALSE },
    { "locate --lonlat -1.89,52.48, warm", { c, "locate", p, "--lonlat", "-1.89,52.48", NULL }, 60, FALSE },
    { "info, first run (no stamp)", { c, "info", p, NULL }, 0, TRUE },
    { "locate --postcode, first run (no stamp)", { c, "locate", p, "--postcode", "SW1A 1AA", NULL }, 0, TRUE },
    { "locate 100,000 postcodes, warm", { c, "locate", p, "--postcodes-file", batch, NULL }, 2000, FALSE },
  };
  double wall, cpu;

  printf ("\nCommand line, whole process (%d runs; ms)\n", RUNS);
  /* Stamp the pack in the warm cache: one full open. */
  if (!write_batch (pack, batch, &ward)
      || !run_once ((char *[]) { c, "info", p, NULL }, cache, &wall, &cpu))
    {
      printf ("  cannot run %s on %s\n", cli, pack);
      return;
    }
  printf ("%-40s %8s %8s %8s %8s\n", "", "median", "worst", "CPU med", "CPU wst");
  rows[3].argv[3] = ward;
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      Samples s;

      if (rows[r].argv[0] == full && !g_file_test (full, G_FILE_TEST_IS_EXECUTABLE))
        continue;
      if (time_command (rows[r].argv, cache, rows[r].first, &s))
        print_row (rows[r].what, &s, rows[r].target_ms);
      else
        printf ("%-40s failed\n", rows[r].what);
    }
  g_unlink (stamps);
  g_unlink (batch);
  {
    g_autofree char *sub = g_path_get_dirname (stamps);
    g_rmdir (sub);
  }
  g_rmdir (cache);
  g_rmdir (dir);
}
