/* bench-assets.c: how long asset points take to draw on the densest z14
 * tiles, and how long the ward panel takes to fill for the wards with the
 * most assets (under a display only). */
#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "bench-assets.h"
#include "bench-clock.h"
#include "bench-mapnik.h"
#include "wa-asset-symbol.h"
#include "wa-ward-panel.h"
#include "wa-asset-section.h"

#define TILE_ZOOM 14
#define N_TILES 20
#define N_WARDS 20

typedef struct {
  guint x, y, n;
} AssetTile;

static int
compare_tiles (gconstpointer a, gconstpointer b)
{
  const AssetTile *x = a, *y = b;
  return (int) y->n - (int) x->n;
}

typedef struct {
  double tx, ty, scale;
} TileProjection;

static void
project (double lon, double lat, double *x, double *y, gpointer data)
{
  TileProjection *p = data;
  double mx, my;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  *x = (mx * p->scale - p->tx) * 256;
  *y = (my * p->scale - p->ty) * 256;
}

static void
bench_asset_tiles (WaAssets *assets)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (AssetTile));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gint64 *keys = g_new (gint64, wa_assets_get_n_assets (assets) + 1);
  double scale = 1 << TILE_ZOOM;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < wa_assets_get_n_assets (assets); i++)
    {
      const WaAsset *asset = wa_assets_get_asset (assets, i);
      double mx, my;

      wa_lonlat_to_mercator (asset->lon, asset->lat, &mx, &my);
      keys[i] = ((gint64) (mx * scale) << 32) | (gint64) (my * scale);
      value = g_hash_table_lookup (counts, &keys[i]);
      g_hash_table_insert (counts, &keys[i], GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AssetTile t = { (guint) (*(gint64 *) key >> 32), (guint) (*(gint64 *) key & 0xffffffff),
                      GPOINTER_TO_UINT (value) };
      g_array_append_val (tiles, t);
    }
  g_array_sort (tiles, compare_tiles);
  g_array_set_size (tiles, MIN (tiles->len, N_TILES));
  if (tiles->len == 0)
    {
      printf ("asset tiles: skipped, the pack has no assets\n");
      return;
    }

  /* The first pass warms cairo's caches; the second is timed. */
  for (guint i = 0; i < 2 * tiles->len; i++)
    {
      AssetTile *t = &g_array_index (tiles, AssetTile, i % tiles->len);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      cairo_t *cr = cairo_create (surface);
      TileProjection p = { t->x, t->y, scale };
      double lon0, lat0, lon1, lat1, start, cpu_start, elapsed, cpu;
      WaBBox box;

      /* Padded by a symbol's width, as the map layer does. */
      wa_mercator_to_lonlat ((t->x - 0.05) / scale, (t->y + 1.05) / scale, &lon0, &lat0);
      wa_mercator_to_lonlat ((t->x + 1.05) / scale, (t->y - 0.05) / scale, &lon1, &lat1);
      box = (WaBBox) { lon0, lat0, lon1, lat1 };
      start = now_ms ();
      cpu_start = cpu_ms ();
      wa_asset_symbols_draw_box (cr, assets, &box, 0x7, 12, project, &p);
      cairo_surface_flush (surface);
      elapsed = now_ms () - start;
      cpu = cpu_ms () - cpu_start;
      if (i >= tiles->len)
        {
          g_array_append_val (times, elapsed);
          g_array_append_val (cpu_times, cpu);
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  {
    g_autofree char *what = g_strdup_printf ("asset points, z%d tile (%u densest, up to %u points)",
                                             TILE_ZOOM, tiles->len, g_array_index (tiles, AssetTile, 0).n);
    bench_report_times (what, times, 2, 2);
    bench_report_times ("  the same, CPU time of this thread", cpu_times, 2, 2);
  }
}

/* The wards with the most assets, where the panel has most to show. */
static GPtrArray *
busiest_wards (WaAtlas *atlas)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (AssetTile));
  GPtrArray *wards = g_ptr_array_new ();

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      AssetTile t = { w, 0, 0 };

      wa_assets_get_ward_assets (assets, w, &t.n);
      g_array_append_val (order, t);
    }
  g_array_sort (order, compare_tiles);
  for (guint i = 0; i < MIN (order->len, N_WARDS); i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (atlas, g_array_index (order, AssetTile, i).x));
  return wards;
}

typedef void (*SetWardFunc) (GtkWidget *widget, gpointer object);
typedef void (*FinishFunc) (GtkWidget *widget);

typedef struct
{
  GArray *first;                /* set_ward and the measure of its frame */
  GArray *after;                /* what it left for the next frame, measured again */
  GArray *both;
} FillTimes;

static void
fill_times_init (FillTimes *t)
{
  t->first = g_array_new (FALSE, FALSE, sizeof (double));
  t->after = g_array_new (FALSE, FALSE, sizeof (double));
  t->both = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
fill_times_clear (FillTimes *t)
{
  g_array_unref (t->first);
  g_array_unref (t->after);
  g_array_unref (t->both);
}

/* A fill that started at start, ended its first frame's work at mid and
 * the frame after's at end. */
static void
fill_times_add (FillTimes *t, double start, double mid, double end)
{
  double first = mid - start, after = end - mid, both = end - start;

  g_array_append_val (t->first, first);
  g_array_append_val (t->after, after);
  g_array_append_val (t->both, both);
}

static void
fill_times_report (FillTimes *t, const char *what, gboolean split)
{
  g_autofree char *first = g_strdup_printf ("%s, first frame", what);

  if (!split)
    {
      bench_report_times (what, t->both, 20, 2);
      return;
    }
  bench_report_times (first, t->first, 20, 2);
  bench_report_times ("  the frame after (LSOAs, assets)", t->after, 20, 2);
  bench_report_times ("  both frames together", t->both, 0, 2);
}

/* Times set_ward on a shown widget for each ward, measured as the first
 * frame would measure it, then (with finish) what it leaves for the frame
 * after, measured again; one untimed fill first loads types, templates
 * and styles. Wall time, then CPU time of this thread. */
static void
time_fills (WaAtlas *atlas, GPtrArray *wards, GtkWidget *widget, SetWardFunc set_atlas,
            SetWardFunc set_ward, FinishFunc finish, const char *what)
{
  FillTimes wall, cpu;
  GtkWidget *window = gtk_window_new ();

  fill_times_init (&wall);
  fill_times_init (&cpu);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_present (GTK_WINDOW (window));
  set_atlas (widget, atlas);
  for (guint i = 0; i <= wards->len; i++)
    {
      double start = now_ms (), cpu_start = cpu_ms (), mid, cpu_mid, end, cpu_end;

      set_ward (widget, wards->pdata[i % wards->len]);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 360, NULL, NULL, NULL, NULL);
      mid = now_ms ();
      cpu_mid = cpu_ms ();
      if (finish != NULL)
        {
          finish (widget);
          gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 360, NULL, NULL, NULL, NULL);
        }
      end = now_ms ();
      cpu_end = cpu_ms ();
      if (i > 0)
        {
          fill_times_add (&wall, start, mid, end);
          fill_times_add (&cpu, cpu_start, cpu_mid, cpu_end);
        }
    }
  fill_times_report (&wall, what, finish != NULL);
  printf ("  CPU time of this thread:\n");
  fill_times_report (&cpu, what, finish != NULL);
  fill_times_clear (&wall);
  fill_times_clear (&cpu);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
bench_panel (WaAtlas *atlas)
{
  g_autoptr(GPtrArray) wards = busiest_wards (atlas);
  g_autoptr(GArray) summary = g_array_new (FALSE, FALSE, sizeof (double));
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];

  for (guint i = 0; i < wards->len; i++)
    {
      double start = now_ms (), elapsed;

      wa_assets_summarise (wa_atlas_get_assets (atlas), wa_ward_get_index (wards->pdata[i]), stats);
      elapsed = now_ms () - start;
      g_array_append_val (summary, elapsed);
    }
  bench_report_times ("asset summary (model), busiest wards", summary, 20, 2);

  if (!gtk_init_check ())
    {
      printf ("ward panel fill: skipped, no display (run under xvfb-run)\n");
      return;
    }
  adw_init ();
  time_fills (atlas, wards, wa_ward_panel_new (), (SetWardFunc) wa_ward_panel_set_atlas,
              (SetWardFunc) wa_ward_panel_set_ward, (FinishFunc) wa_ward_panel_finish_fill,
              "ward panel, busiest wards");
  time_fills (atlas, wards, wa_asset_section_new (), (SetWardFunc) wa_asset_section_set_atlas,
              (SetWardFunc) wa_asset_section_set_ward, NULL, "its assets section alone");
}

void
bench_assets (WaAtlas *atlas)
{
  printf ("\nSocial-infrastructure assets (%u points; import time: see the pack build's "
          "\"Built assets\" line)\n", wa_assets_get_n_assets (wa_atlas_get_assets (atlas)));
  bench_asset_tiles (wa_atlas_get_assets (atlas));
  bench_panel (atlas);
}
