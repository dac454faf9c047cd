/* bench-custom-area.c: how long a custom area's figures take (issue 20:
 * under 100 ms): an area of 50 neighbouring wards (by index, around the
 * middle of the list), and a drawn polygon of 10,000 vertices (a circle of
 * 2 km around a ward's interior point, as a long freehand outline would
 * be), apportioned over the LSOAs it crosses. Several samples; the median
 * and the worst are printed with the target. */
#include <math.h>
#include <stdio.h>

#include "bench-custom-area.h"
#include "bench-clock.h"
#include "wa-custom-area.h"

#define N_WARDS 50
#define N_VERTICES 10000
#define N_SAMPLES 5
#define TARGET_MS 100.0

static void
time_area (WaAtlas *atlas, WaCustomArea *area, const char *what)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(GError) error = NULL;
      WaCustomAreaFigures figures;
      double start = now_ms (), elapsed;

      if (!wa_custom_area_compute (atlas, area, &figures, &error))
        {
          printf ("%s: failed: %s\n", what, error->message);
          return;
        }
      elapsed = now_ms () - start;
      g_array_append_val (times, elapsed);
      wa_custom_area_figures_clear (&figures);
    }
  bench_report_times (what, times, TARGET_MS, 1);
}

void
bench_custom_area (WaAtlas *atlas)
{
  guint n_wards = wa_atlas_get_n_wards (atlas), first = n_wards / 2;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(WaCustomArea) wards = NULL, drawn = NULL;
  g_autoptr(WaGeometry) circle = NULL;
  g_autofree double *xy = g_new (double, 2 * N_VERTICES);
  double lon, lat;
  guint start = 0;

  printf ("\nCustom areas\n");
  if (n_wards < first + N_WARDS || wa_lsoas_get_n (wa_atlas_get_lsoas (atlas)) == 0)
    {
      printf ("custom areas: skipped, the pack has too few wards or no LSOAs\n");
      return;
    }
  for (guint w = first; w < first + N_WARDS; w++)
    g_strv_builder_add (builder, wa_ward_get_code (wa_atlas_get_ward (atlas, w)));
  codes = g_strv_builder_end (builder);
  wards = wa_custom_area_new_wards ("Bench wards", (const char *const *) codes);
  time_area (atlas, wards, "custom area of 50 wards");

  for (guint w = first; w < n_wards; w++)
    if (wa_ward_get_geometry (wa_atlas_get_ward (atlas, w)) != NULL)
      {
        wa_geometry_interior_point (wa_ward_get_geometry (wa_atlas_get_ward (atlas, w)), &lon, &lat);
        break;
      }
  for (guint i = 0; i < N_VERTICES; i++)
    {
      double angle = 2 * G_PI * i / N_VERTICES;
      /* 2 km, with a ripple so the outline is not a regular polygon. */
      double r = 2000.0 * (1 + 0.05 * sin (37 * angle));

      xy[2 * i] = lon + r * cos (angle) / (111320.0 * cos (lat * G_PI / 180));
      xy[2 * i + 1] = lat + r * sin (angle) / 110540.0;
    }
  circle = wa_geometry_new (xy, N_VERTICES, &start, 1);
  drawn = wa_custom_area_new_polygon ("Bench drawn", circle, NULL);
  if (drawn != NULL)
    time_area (atlas, drawn, "custom area, drawn polygon of 10,000 vertices");
}
