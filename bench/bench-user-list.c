/* bench-user-list.c: how long importing a list of 50,000 places by
 * postcode takes (issue 21: under 2 s): the CSV read, then every row
 * located through the pack's postcode table. The postcodes are real ones,
 * taken spread over the pack's own table, written with names into a
 * temporary CSV as a council's export would be. Several samples; the
 * median and the worst are printed with the target. */
#include <stdio.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>

#include "bench-user-list.h"
#include "bench-clock.h"
#include "wa-user-list.h"

#define N_ROWS 50000
#define N_SAMPLES 5
#define TARGET_MS 2000.0

/* N_ROWS postcodes spread over the pack's table (every k-th row), as a
 * semicolon-separated CSV with a name column; NULL if the pack has none. */
static char *
write_list (WaAtlas *atlas, const char *dir)
{
  GDALDatasetH dataset = GDALOpenEx (wa_atlas_get_path (atlas), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                     NULL, NULL, NULL);
  g_autoptr(GString) csv = g_string_new ("Name;Post code;Notes\n");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "list.csv", NULL);
  OGRLayerH result;
  OGRFeatureH feature;
  gint64 n_postcodes = 0;
  guint n = 0;

  if (dataset == NULL)
    return NULL;
  result = GDALDatasetExecuteSQL (dataset, "SELECT count(*) FROM postcodes", NULL, NULL);
  if (result != NULL && (feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      n_postcodes = OGR_F_GetFieldAsInteger64 (feature, 0);
      OGR_F_Destroy (feature);
    }
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  if (n_postcodes < N_ROWS)
    {
      GDALClose (dataset);
      g_free (path);
      return NULL;
    }
  sql = g_strdup_printf ("SELECT display FROM postcodes WHERE fid %% %" G_GINT64_FORMAT " = 0 LIMIT %d",
                         n_postcodes / N_ROWS, N_ROWS);
  result = GDALDatasetExecuteSQL (dataset, sql, NULL, NULL);
  while (result != NULL && (feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_string_append_printf (csv, "Service %u;%s;open weekdays\n", ++n, OGR_F_GetFieldAsString (feature, 0));
      OGR_F_Destroy (feature);
    }
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    g_clear_pointer (&path, g_free);
  return path;
}

void
bench_user_list (WaAtlas *atlas)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) locate_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("ward-atlas-bench-XXXXXX", NULL);
  g_autofree char *path = dir != NULL ? write_list (atlas, dir) : NULL;
  guint located = 0;

  printf ("\nYour own asset lists\n");
  if (path == NULL)
    {
      printf ("list import: skipped, the pack has fewer than %d postcodes\n", N_ROWS);
      if (dir != NULL)
        g_rmdir (dir);
      return;
    }
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaUserTable) table = NULL;
      g_autoptr(WaUserList) list = NULL;
      WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE,
                                    .postcode_column = 1 };
      double start = now_ms (), cpu_start = cpu_ms (), read_done, elapsed, cpu;

      table = wa_user_table_read (path, 0, NULL, &error);
      read_done = now_ms ();
      if (table != NULL)
        list = wa_user_list_locate (atlas, table, &columns, "Bench", NULL, NULL, NULL, &error);
      if (list == NULL)
        {
          printf ("list import: failed: %s\n", error->message);
          break;
        }
      elapsed = now_ms () - start;
      cpu = cpu_ms () - cpu_start;
      located = wa_user_list_get_report (list)->n_located;
      g_array_append_val (times, elapsed);
      g_array_append_val (cpu_times, cpu);
      elapsed = now_ms () - read_done;
      g_array_append_val (locate_times, elapsed);
    }
  if (times->len == N_SAMPLES)
    {
      g_autofree char *what = g_strdup_printf ("list import, %d rows by postcode (%u located)",
                                               N_ROWS, located);

      bench_report_times (what, times, TARGET_MS, 0);
      bench_report_times ("  the same, CPU time of this thread", cpu_times, TARGET_MS, 0);
      bench_report_times ("  of which locating", locate_times, TARGET_MS, 0);
    }
  g_unlink (path);
  g_rmdir (dir);
}
