/* bench-briefing.c */
#include <stdio.h>
#include <glib/gstdio.h>

#include "bench-briefing.h"
#include "bench-clock.h"
#include "bench-mapnik.h"
#include "wa-briefing.h"

#define RUNS 3

/* Worst of RUNS times to make the briefing and write its PDF. */
static void
time_briefing (WaAtlas *atlas, WaWard *ward, const char *lad_code, const char *what,
               double target_ms)
{
  g_autofree char *dir = g_dir_make_tmp ("ward-atlas-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "briefing.pdf", NULL);
  double worst = 0;
  guint n_pages = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      double start = now_ms ();
      g_autoptr(GError) error = NULL;
      g_autoptr(WaBriefing) briefing = ward != NULL
        ? wa_briefing_new_for_ward (atlas, ward, NULL, WA_PALETTE_VIRIDIS)
        : wa_briefing_new_for_area (atlas, WA_AREA_LAD, lad_code, NULL, WA_PALETTE_VIRIDIS, &error);

      if (briefing == NULL || !wa_briefing_write_pdf (briefing, path, TRUE, &n_pages, &error))
        {
          printf ("%-44s failed: %s\n", what, error->message);
          return;
        }
      worst = MAX (worst, now_ms () - start);
    }
  printf ("%-44s %7.0f ms  (%u pages; target < %.0f ms) %s\n", what, worst, n_pages, target_ms,
          bench_met (worst < target_ms));
  g_remove (path);
  g_rmdir (dir);
}

void
bench_briefings (WaAtlas *atlas)
{
  /* Becontree: a left-behind ward in 2019; the 2025 edition's has another code. */
  WaWard *ward = wa_atlas_lookup_ward (atlas, "E05000028");
  const char *birmingham = NULL;

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas) && birmingham == NULL; i++)
    if (g_strcmp0 (wa_ward_get_lad_name (wa_atlas_get_ward (atlas, i)), "Birmingham") == 0)
      birmingham = wa_ward_get_lad_code (wa_atlas_get_ward (atlas, i));
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas) && ward == NULL; i++)
    if (g_strcmp0 (wa_ward_get_name (wa_atlas_get_ward (atlas, i)), "Becontree") == 0)
      ward = wa_atlas_get_ward (atlas, i);
  if (ward == NULL)
    ward = wa_atlas_get_ward (atlas, 0);

  printf ("\nBriefings (PDF, A4)\n");
  {
    g_autofree char *what = g_strdup_printf ("ward briefing (%s)", wa_ward_get_name (ward));

    time_briefing (atlas, ward, NULL, what, 2000);
  }
  if (birmingham != NULL)
    time_briefing (atlas, NULL, birmingham, "area briefing (Birmingham)", 5000);
}
