/* wa-map-drawing.c
 *
 * The map itself comes from wa_map_render_view, the tiles' own code; this
 * file adds what only a finished map needs. Overlay sizes are in map
 * pixels, so a PNG at 2x and a PDF page at 0.75 pt per pixel show the
 * same map with the same proportions.
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "wa-label-layout.h"
#include "wa-asset-symbol.h"
#include "wa-error.h"
#include "wa-safe-write.h"
#include "wa-format.h"
#include "wa-map-drawing.h"
#include "wa-text.h"
#include "wa-tile-renderer.h"

#define EARTH_CIRCUMFERENCE_M 40075016.686
#define PAD 8.0

void
wa_map_view_centre (WaMapView *view, double lon, double lat, double zoom, double width,
                    double height)
{
  double mx, my;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  view->world_px = 256.0 * exp2 (zoom);
  view->origin_x = mx * view->world_px - width / 2;
  view->origin_y = my * view->world_px - height / 2;
  view->width = width;
  view->height = height;
}

void
wa_map_view_fit_bbox (WaMapView *view, const WaBBox *box, double width, double height,
                      double margin, double max_zoom)
{
  double x0, y0, x1, y1, zoom, lon, lat;
  double usable_w = width * (1 - 2 * margin), usable_h = height * (1 - 2 * margin);

  wa_lonlat_to_mercator (box->min_x, box->max_y, &x0, &y0);
  wa_lonlat_to_mercator (box->max_x, box->min_y, &x1, &y1);
  zoom = log2 (MIN (usable_w / (MAX (x1 - x0, 1e-12) * 256.0),
                    usable_h / (MAX (y1 - y0, 1e-12) * 256.0)));
  zoom = CLAMP (zoom, 0, max_zoom);
  wa_mercator_to_lonlat ((x0 + x1) / 2, (y0 + y1) / 2, &lon, &lat);
  wa_map_view_centre (view, lon, lat, zoom, width, height);
}

double
wa_map_view_get_zoom (const WaMapView *view)
{
  return log2 (view->world_px / 256.0);
}

void
wa_map_view_get_bbox (const WaMapView *view, WaBBox *out)
{
  wa_mercator_to_lonlat (view->origin_x / view->world_px, view->origin_y / view->world_px,
                         &out->min_x, &out->max_y);
  wa_mercator_to_lonlat ((view->origin_x + view->width) / view->world_px,
                         (view->origin_y + view->height) / view->world_px,
                         &out->max_x, &out->min_y);
}

void
wa_map_draw_options_init (WaMapDrawOptions *options)
{
  *options = (WaMapDrawOptions) { .flags = WA_MAP_DRAW_ALL, .focus_ward = -1 };
}

static void
set_rgb (cairo_t *cr, const WaRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

static void
trace (const WaMapView *view, WaGeometry *geometry, cairo_t *cr)
{
  wa_map_trace_geometry (geometry, view->world_px, view->origin_x, view->origin_y,
                         view->width, view->height, cr);
}

/* A dark line on a white halo reads on every band colour. */
static void
stroke_focus (cairo_t *cr, double width)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, width + 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.1);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_focus_area (WaAtlas *atlas, const WaMapView *view, WaAreaKind kind, const char *code,
                 cairo_t *cr)
{
  const WaArea *area = code != NULL ? wa_atlas_lookup_area (atlas, kind, code) : NULL;

  if (area == NULL || area->geometry == NULL)
    return;
  cairo_new_path (cr);
  trace (view, area->geometry, cr);
  cairo_set_dash (cr, (double[]) { 7, 4 }, 2, 0);
  stroke_focus (cr, 1.6);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A custom area's outline (options->outline): a white halo under a black
 * line, as bold as the focus ward's. */
static void
draw_outline (const WaMapView *view, GPtrArray *outline, cairo_t *cr)
{
  if (outline == NULL || outline->len == 0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint g = 0; g < outline->len; g++)
    {
      WaGeometry *geometry = g_ptr_array_index (outline, g);

      for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *xy = wa_geometry_get_ring (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              double x, y;

              wa_lonlat_to_mercator (xy[2 * i], xy[2 * i + 1], &x, &y);
              x = x * view->world_px - view->origin_x;
              y = y * view->world_px - view->origin_y;
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 5.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.08);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_focus_ward (WaMapStyle *style, const WaMapView *view, int index, cairo_t *cr)
{
  WaAtlas *atlas = wa_map_style_get_atlas (style);
  WaGeometry *geometry;
  WaRgb pink;

  if (index < 0 || (guint) index >= wa_atlas_get_n_wards (atlas))
    return;
  geometry = wa_ward_get_geometry (wa_atlas_get_ward (atlas, index));
  if (geometry == NULL)
    return;
  cairo_new_path (cr);
  trace (view, geometry, cr);
  if (!wa_map_style_is_left_behind (style, index))
    {
      stroke_focus (cr, 2.6);
      return;
    }
  /* The outline would hide the ward's own left-behind cue: keep the pink
   * inside it. */
  cairo_save (cr);
  stroke_focus (cr, 4.2);
  cairo_restore (cr);
  cairo_new_path (cr);
  trace (view, geometry, cr);
  wa_palette_left_behind_color (&pink);
  set_rgb (cr, &pink);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  wa_palette_left_behind_inner_color (&pink);
  set_rgb (cr, &pink);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
}

static void
project_point (double lon, double lat, double *x, double *y, gpointer data)
{
  const WaMapView *view = data;
  double mx, my;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  *x = mx * view->world_px - view->origin_x;
  *y = my * view->world_px - view->origin_y;
}

/* The social-infrastructure points as the map's asset layer draws them,
 * symbols growing with zoom as there. */
static void
draw_assets (WaMapStyle *style, const WaMapView *view, guint32 domains, cairo_t *cr)
{
  WaAssets *assets = wa_atlas_get_assets (wa_map_style_get_atlas (style));
  double size = CLAMP (8 + (wa_map_view_get_zoom (view) - 12) * 2, 8, 14);
  WaBBox box;

  if (assets == NULL || domains == 0)
    return;
  wa_map_view_get_bbox (view, &box);
  {
    /* The zoom the map's names were placed at (wa-tile-renderer.c). */
    guint zoom = (guint) CLAMP (floor (wa_map_view_get_zoom (view) + 0.25), 0, 20);
    WaLabelCover hide = { wa_map_style_get_label_layout (style), zoom,
                      size / 2 / pow (2, wa_map_view_get_zoom (view) - zoom) };

    wa_asset_symbols_draw_box_full (cr, assets, &box, domains, size, project_point,
                                    (gpointer) view, wa_label_cover_hides, &hide);
  }
}

static void
panel_background (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
}

static double
legend_row (cairo_t *cr, double y, double width, const char *text)
{
  PangoLayout *layout = wa_text_layout_new (cr, text, FALSE, 9, PANGO_WEIGHT_NORMAL,
                                            width - 21);
  double text_h = wa_text_layout_height (layout);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  /* Beside its swatch, or from the swatch's top when it wraps. */
  wa_text_draw (cr, layout, 21, y + MAX (0, (10 - text_h) / 2));
  g_object_unref (layout);
  return MAX (text_h, 10);
}

/* The symbols of the asset categories shown; returns the height. */
static double
legend_assets (cairo_t *cr, double top, double width, guint32 domains)
{
  PangoLayout *layout = wa_text_layout_new (cr, _("Social infrastructure"), FALSE, 9,
                                            PANGO_WEIGHT_BOLD, width);
  double y = top;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  wa_text_draw (cr, layout, 0, y);
  y += wa_text_layout_height (layout) + 3;
  g_object_unref (layout);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      if (!(domains & (1u << wa_asset_category_domain (c))))
        continue;
      wa_asset_symbol_draw (cr, c, 7.5, y + 5, 10);
      y += legend_row (cr, y, width, wa_asset_category_name (c)) + 1;
    }
  return y - top;
}

/* The legend; with lsoas, the key of the neighbourhood layer (which hides
 * the ward fills where it is drawn) in place of the wards' bands. */
static double
draw_legend (WaMapStyle *style, cairo_t *cr, double width, guint32 asset_domains,
             gboolean lsoas)
{
  g_autofree char *title = NULL;
  const char *method = wa_map_style_get_method_description (style);
  guint n_ranked = wa_map_style_get_n_ranked (style);
  PangoLayout *layout;
  double y = 0;
  WaRgb rgb;

  if (lsoas)
    {
      WaAtlas *atlas = wa_map_style_get_atlas (style);
      const WaEditionInfo *info = wa_edition_get_info (wa_atlas_get_edition (atlas));

      title = wa_lsoas_dup_key_title (wa_atlas_get_lsoas (atlas), info->imd_vintage);
      method = wa_lsoas_key_caption (wa_atlas_get_lsoas (atlas));
    }
  else
    title = g_strdup (_("Combined rank (1 = greatest need)"));
  cairo_save (cr);
  layout = wa_text_layout_new (cr, title, FALSE, 9, PANGO_WEIGHT_BOLD, width);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  wa_text_draw (cr, layout, 0, y);
  y += wa_text_layout_height (layout) + 3;
  g_object_unref (layout);

  for (guint band = 0; band < WA_N_BANDS && (lsoas || n_ranked > 0); band++)
    {
      guint first, last;
      g_autofree char *a = NULL, *b = NULL, *text = NULL;

      if (lsoas)
        text = wa_lsoa_decile_key_text (band);
      else
        {
          wa_palette_band_ranks (band, n_ranked, &first, &last);
          a = wa_format_count (first);
          b = wa_format_count (last);
          text = g_strdup_printf ("%s–%s", a, b);
        }
      wa_palette_band_color (wa_map_style_get_palette (style), band, &rgb);
      cairo_rectangle (cr, 0, y, 15, 10);
      set_rgb (cr, &rgb);
      cairo_fill (cr);
      y += legend_row (cr, y, width, text) + 1;
    }

  /* The left-behind cue as the map draws it: an outline, not a colour. */
  wa_palette_left_behind_color (&rgb);
  cairo_rectangle (cr, 1.5, y + 1.5, 12, 7);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_fill_preserve (cr);
  set_rgb (cr, &rgb);
  cairo_set_line_width (cr, 2.4);
  cairo_stroke_preserve (cr);
  wa_palette_left_behind_inner_color (&rgb);
  set_rgb (cr, &rgb);
  cairo_set_line_width (cr, 0.9);
  cairo_stroke (cr);
  y += legend_row (cr, y, width, _("Left behind (double outline)")) + 1;

  /* Over LSOAs, as on screen, no "not ranked" row when every LSOA has a rank. */
  if (!lsoas || !wa_lsoas_all_ranked_on_map (wa_atlas_get_lsoas (wa_map_style_get_atlas (style))))
    {
      wa_palette_no_data_color (&rgb);
      cairo_rectangle (cr, 0, y, 15, 10);
      set_rgb (cr, &rgb);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, 0.7);
      cairo_set_line_width (cr, 0.8);
      for (double d = -10; d < 15; d += 4)
        {
          cairo_move_to (cr, MAX (d, 0), y + 10 - MAX (-d, 0));
          cairo_line_to (cr, MIN (d + 10, 15), y + MAX (0, d + 10 - 15));
        }
      cairo_stroke (cr);
      y += legend_row (cr, y, width, _("Not ranked (an index is missing)"));
    }
  y += 4;

  layout = wa_text_layout_new (cr, method, FALSE, 8, PANGO_WEIGHT_NORMAL, width);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.28);
  wa_text_draw (cr, layout, 0, y);
  y += wa_text_layout_height (layout);
  g_object_unref (layout);
  if (asset_domains != 0)
    y += legend_assets (cr, y + 6, width, asset_domains) + 6;
  cairo_restore (cr);
  return y;
}

double
wa_map_draw_legend (WaMapStyle *style, cairo_t *cr, double width, guint32 asset_domains)
{
  return draw_legend (style, cr, width, asset_domains, FALSE);
}

/* 1, 2 or 5 times a power of ten metres, at most max_m. */
static double
nice_length (double max_m)
{
  static const double steps[] = { 5, 2, 1 };
  double power = pow (10, floor (log10 (max_m)));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * power <= max_m)
      return steps[i] * power;
  return power;
}

/* Where the overlays go, worked out before the map is drawn so that place
 * names keep clear of them. Sizes are in map pixels. */
typedef struct {
  double attribution_h;
  char *attribution;
  double legend_w, legend_h;
  cairo_surface_t *legend;        /* recorded once, painted in place */
  double scale_m, scale_px;
  char *scale_text;
  double scale_text_h;
  WaBBox keep_clear[4];           /* x/y boxes of the panels */
  guint n_keep_clear;
} Overlays;

static void
keep_clear (Overlays *ov, double x, double y, double w, double h)
{
  ov->keep_clear[ov->n_keep_clear++] = (WaBBox) { x, y, x + w, y + h };
}

static void
measure_scale_bar (Overlays *ov, const WaMapView *view, cairo_t *cr)
{
  double lon, lat, metres_per_px;
  PangoLayout *layout;

  wa_mercator_to_lonlat ((view->origin_x + view->width / 2) / view->world_px,
                         (view->origin_y + view->height / 2) / view->world_px, &lon, &lat);
  metres_per_px = EARTH_CIRCUMFERENCE_M * cos (lat * G_PI / 180) / view->world_px;
  ov->scale_m = nice_length (metres_per_px * MIN (120, view->width / 4));
  ov->scale_px = ov->scale_m / metres_per_px;
  ov->scale_text = ov->scale_m >= 1000 ? g_strdup_printf (_("%g km"), ov->scale_m / 1000)
                                       : g_strdup_printf (_("%g m"), ov->scale_m);
  layout = wa_text_layout_new (cr, ov->scale_text, FALSE, 8.5, PANGO_WEIGHT_NORMAL, -1);
  ov->scale_text_h = wa_text_layout_height (layout);
  g_object_unref (layout);
}

static void
overlays_measure (Overlays *ov, WaMapStyle *style, const WaMapView *view,
                  const WaMapDrawOptions *options, cairo_t *cr)
{
  double bottom = view->height;

  *ov = (Overlays) { 0 };
  if (options->flags & WA_MAP_DRAW_ATTRIBUTION)
    {
      g_auto(GStrv) attributions = wa_atlas_dup_attributions (wa_map_style_get_atlas (style));
      PangoLayout *layout;

      ov->attribution = wa_format_attribution_line ((const char * const *) attributions);
      layout = wa_text_layout_new (cr, ov->attribution, FALSE, 7.5, PANGO_WEIGHT_NORMAL,
                                   view->width - 12);
      ov->attribution_h = wa_text_layout_height (layout) + 6;
      bottom -= ov->attribution_h;
      g_object_unref (layout);
      keep_clear (ov, 0, bottom, view->width, ov->attribution_h);
    }
  if (options->flags & WA_MAP_DRAW_LEGEND)
    {
      /* Recorded once: measured and drawn by the same code. */
      cairo_t *rc;

      ov->legend = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      rc = cairo_create (ov->legend);
      ov->legend_w = MIN (165, view->width / 3);
      ov->legend_h = draw_legend (style, rc, ov->legend_w, options->asset_domains,
                                  wa_map_style_shows_lsoas_at (style, wa_map_view_get_zoom (view)));
      cairo_destroy (rc);
      keep_clear (ov, PAD, PAD, ov->legend_w + 12, ov->legend_h + 12);
    }
  if (options->flags & WA_MAP_DRAW_SCALE_BAR)
    {
      measure_scale_bar (ov, view, cr);
      keep_clear (ov, PAD, bottom - PAD - 8 - ov->scale_text_h - 4, ov->scale_px + 12,
                  ov->scale_text_h + 14);
    }
  if (options->flags & WA_MAP_DRAW_NORTH_ARROW)
    keep_clear (ov, view->width - PAD - 26, PAD, 24, 40);
}

static void
overlays_clear (Overlays *ov)
{
  g_clear_pointer (&ov->legend, cairo_surface_destroy);
  g_free (ov->attribution);
  g_free (ov->scale_text);
}

guint
wa_map_get_overlay_boxes (WaMapStyle *style, const WaMapView *view,
                          const WaMapDrawOptions *options, cairo_t *cr, WaBBox out[4])
{
  Overlays ov;
  guint n;

  overlays_measure (&ov, style, view, options, cr);
  n = ov.n_keep_clear;
  memcpy (out, ov.keep_clear, n * sizeof (WaBBox));
  overlays_clear (&ov);
  return n;
}

static void
draw_legend_panel (const Overlays *ov, cairo_t *cr)
{
  panel_background (cr, PAD, PAD, ov->legend_w + 12, ov->legend_h + 12);
  cairo_save (cr);
  cairo_translate (cr, PAD + 6, PAD + 6);
  cairo_set_source_surface (cr, ov->legend, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_scale_bar (const Overlays *ov, double bottom, cairo_t *cr)
{
  double x = PAD + 6, y = bottom - PAD - 8;
  PangoLayout *layout = wa_text_layout_new (cr, ov->scale_text, FALSE, 8.5, PANGO_WEIGHT_NORMAL,
                                            -1);

  panel_background (cr, PAD, y - ov->scale_text_h - 4, ov->scale_px + 12, ov->scale_text_h + 14);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  wa_text_draw (cr, layout, x, y - ov->scale_text_h - 1);
  cairo_set_line_width (cr, 1.4);
  cairo_move_to (cr, x, y - 3);
  cairo_line_to (cr, x, y + 2);
  cairo_line_to (cr, x + ov->scale_px, y + 2);
  cairo_line_to (cr, x + ov->scale_px, y - 3);
  cairo_stroke (cr);
  g_object_unref (layout);
}

static void
draw_north_arrow (const WaMapView *view, cairo_t *cr)
{
  double cx = view->width - PAD - 14, top = PAD + 2;
  PangoLayout *layout = wa_text_layout_new (cr, C_("north", "N"), FALSE, 10, PANGO_WEIGHT_BOLD, -1);

  panel_background (cr, cx - 12, PAD, 24, 40);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  wa_text_draw (cr, layout, cx - wa_text_layout_width (layout) / 2, top);
  cairo_move_to (cr, cx, top + 15);
  cairo_line_to (cr, cx + 6, top + 35);
  cairo_line_to (cr, cx, top + 30);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top + 15);
  cairo_line_to (cr, cx - 6, top + 35);
  cairo_line_to (cr, cx, top + 30);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  g_object_unref (layout);
}

/* The strip along the bottom edge. */
static void
draw_attribution (const Overlays *ov, const WaMapView *view, cairo_t *cr)
{
  PangoLayout *layout = wa_text_layout_new (cr, ov->attribution, FALSE, 7.5, PANGO_WEIGHT_NORMAL,
                                            view->width - 12);
  double h = ov->attribution_h;

  cairo_rectangle (cr, 0, view->height - h, view->width, h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
  wa_text_draw (cr, layout, 6, view->height - h + 3);
  g_object_unref (layout);
}

gboolean
wa_map_draw (WaMapStyle *style, const WaMapView *view, const WaMapDrawOptions *options,
             cairo_t *cr, GCancellable *cancellable)
{
  WaAtlas *atlas = wa_map_style_get_atlas (style);
  WaMapDrawOptions defaults;
  WaRenderOptions render = { 0 };
  Overlays ov;
  gboolean complete;

  g_return_val_if_fail (style != NULL && view != NULL && cr != NULL, FALSE);

  if (options == NULL)
    {
      wa_map_draw_options_init (&defaults);
      options = &defaults;
    }
  overlays_measure (&ov, style, view, options, cr);
  /* The names are drawn last, over the outlines and symbols (below), so
   * that no line crosses a name. */
  render.flags = WA_RENDER_LABELS_INSIDE;
  render.keep_clear = ov.keep_clear;
  render.n_keep_clear = ov.n_keep_clear;
  complete = wa_map_render_view_full (style, view->world_px, view->origin_x, view->origin_y,
                                      view->width, view->height, &render, cr, cancellable);
  if (complete)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, view->width, view->height);
      cairo_clip (cr);
      draw_focus_area (atlas, view, WA_AREA_REGION, options->focus_region_code, cr);
      draw_focus_area (atlas, view, WA_AREA_LAD, options->focus_lad_code, cr);
      draw_focus_ward (style, view, options->focus_ward, cr);
      draw_outline (view, options->outline, cr);
      draw_assets (style, view, options->asset_domains, cr);
      if (options->flags & WA_MAP_DRAW_LABELS)
        wa_map_render_labels (style, view->world_px, view->origin_x, view->origin_y,
                              view->width, view->height, &render, options->focus_ward, cr);
      if (options->flags & WA_MAP_DRAW_ATTRIBUTION)
        draw_attribution (&ov, view, cr);
      if (options->flags & WA_MAP_DRAW_LEGEND)
        draw_legend_panel (&ov, cr);
      if (options->flags & WA_MAP_DRAW_SCALE_BAR)
        draw_scale_bar (&ov, view->height - ov.attribution_h, cr);
      if (options->flags & WA_MAP_DRAW_NORTH_ARROW)
        draw_north_arrow (view, cr);
      cairo_restore (cr);
    }
  if (complete && (options->flags & WA_MAP_DRAW_FRAME))
    {
      cairo_rectangle (cr, 0, 0, view->width, view->height);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.33);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  overlays_clear (&ov);
  return complete && (cancellable == NULL || !g_cancellable_is_cancelled (cancellable));
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
wa_map_write_png (WaMapStyle *style, const WaMapView *view, const WaMapDrawOptions *options,
                  double scale, const char *path, gboolean replace, GError **error)
{
  int width = (int) ceil (view->width * scale), height = (int) ceil (view->height * scale);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("%s: an image of %d × %d pixels cannot be made"), path, width, height);
      return FALSE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  wa_map_draw (style, view, options, cr, NULL);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_FAILED, _("%s: cannot encode the image: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return wa_safe_write_bytes (path, bytes->data, bytes->len, replace, error);
}

void
wa_map_draw_left_behind_swatch (cairo_t *cr, const WaRgb *fill, int width, int height)
{
  WaRgb rgb;

  cairo_set_source_rgb (cr, fill->red, fill->green, fill->blue);
  cairo_paint (cr);
  wa_palette_left_behind_color (&rgb);
  cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
  cairo_set_line_width (cr, 3);
  cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
  cairo_stroke (cr);
  wa_palette_left_behind_inner_color (&rgb);
  cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
  cairo_stroke (cr);
}
