/* bench-pack-build.c: whole pack builds, timed and weighed (see
 * bench-pack-build.h). Each build runs in its own temporary folder; its
 * peak RSS is the child's own ru_maxrss from wait4, its CPU time the
 * child's user + system time. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "bench-pack-build.h"
#include "bench-clock.h"

#define TARGET_MB 200.0

static double
timeval_ms (const struct timeval *tv)
{
  return tv->tv_sec * 1e3 + tv->tv_usec / 1e3;
}

/* Reads the child's stdout to its end (before waiting for it, so that it
 * never blocks on a full pipe). */
static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (text, buffer, n);
  close (fd);
  return g_string_free (text, FALSE);
}

gboolean
bench_child_run_output (char **argv, char **envp, BenchChildUsage *usage_out, char **output,
                        GError **error)
{
  struct rusage usage = { 0 };
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL
                      | (output == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0);
  GPid pid;
  int out = -1;
  int status = -1;
  double start = now_ms ();

  usage_out->status = -1;
  if (!g_spawn_async_with_pipes (NULL, argv, envp, flags, NULL, NULL, &pid, NULL,
                                 output != NULL ? &out : NULL, NULL, error))
    return FALSE;
  if (output != NULL)
    *output = read_all (out);
  if (wait4 (pid, &status, 0, &usage) != pid)
    status = -1;
  usage_out->wall_ms = now_ms () - start;
  /* ru_maxrss is in KiB. It starts at this process's size when the child
   * was forked (see bench_own_peak_rss_mib): in --pack-build this process
   * has opened nothing, far below a build's peak; children of ours print
   * their own instead. */
  usage_out->rss_kib = usage.ru_maxrss;
  usage_out->cpu_ms = timeval_ms (&usage.ru_utime) + timeval_ms (&usage.ru_stime);
  usage_out->status = status;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s exited with status %d",
                   argv[0], status);
      return FALSE;
    }
  return TRUE;
}

gboolean
bench_child_run (char **argv, char **envp, BenchChildUsage *usage_out, GError **error)
{
  return bench_child_run_output (argv, envp, usage_out, NULL, error);
}

/* One build of EDITION into a fresh folder; FALSE if it failed. */
static gboolean
build_once (const BenchPackBuildOptions *options, const char *edition,
            double *rss_mb, double *wall_ms, double *cpu_ms_out)
{
  g_autofree char *dir = g_dir_make_tmp ("ward-atlas-bench-pack-XXXXXX", NULL);
  g_autofree char *name = g_strdup_printf ("ward-atlas-%s.gpkg", edition);
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  char *argv[] = {
    (char *) options->cli_full, "build-pack", "--edition", (char *) edition,
    "--manifest", (char *) options->manifest, "--sources", (char *) options->sources,
    "--output", NULL, NULL,
  };
  BenchChildUsage usage = { 0 };
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  output = g_build_filename (dir, name, NULL);
  argv[9] = output;
  ok = bench_child_run (argv, NULL, &usage, &error);
  /* A failed build is reported by the caller. */
  if (!ok && usage.status == -1)
    printf ("  cannot run %s: %s\n", options->cli_full, error->message);
  *wall_ms = usage.wall_ms;
  /* The target is in MB. */
  *rss_mb = usage.rss_kib * 1024.0 / 1e6;
  *cpu_ms_out = usage.cpu_ms;
  g_unlink (output);
  g_rmdir (dir);
  return ok;
}

static gboolean
bench_edition (const BenchPackBuildOptions *options, const char *edition)
{
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = g_strdup_printf ("pack build %s, peak RSS", edition);
  double worst;

  for (int i = 0; i < options->n_samples; i++)
    {
      double r, w, c;

      if (!build_once (options, edition, &r, &w, &c))
        {
          printf ("%-44s build failed (run the command by hand to see why)\n", what);
          return FALSE;
        }
      g_array_append_val (rss, r);
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
    }
  g_array_sort (rss, bench_compare_double);
  g_array_sort (wall, bench_compare_double);
  g_array_sort (cpu, bench_compare_double);
  worst = g_array_index (rss, double, rss->len - 1);
  printf ("%-44s %7.0f MB median, %.0f MB worst (target ≤ %.0f MB) %s\n", what,
          g_array_index (rss, double, rss->len / 2), worst, TARGET_MB,
          bench_met (worst <= TARGET_MB));
  printf ("%-44s %7.1f s wall, %.1f s CPU (medians)\n", "",
          g_array_index (wall, double, wall->len / 2) / 1e3,
          g_array_index (cpu, double, cpu->len / 2) / 1e3);
  return TRUE;
}

gboolean
bench_pack_build (const BenchPackBuildOptions *options)
{
  static const char *const editions[] = { "2019", "2025" };
  gboolean ok = TRUE;

  printf ("\nPack build (build-pack, %d build%s per edition, whole process)\n",
          options->n_samples, options->n_samples == 1 ? "" : "s");
  for (gsize i = 0; i < G_N_ELEMENTS (editions); i++)
    if (options->edition == NULL || g_strcmp0 (options->edition, editions[i]) == 0)
      ok = bench_edition (options, editions[i]) && ok;
  return ok;
}
