/* wa-briefing-figures.c */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-briefing-figures.h"
#include "wa-format.h"
#include "wa-map-drawing.h"
#include "wa-text.h"

/* Points per map pixel on paper: labels and line widths of the screen map
 * come out at a print size (11 px names are 8 pt). */
#define PT_PER_MAP_PX 0.72

static void
rgb (cairo_t *cr, guint32 hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                        (hex & 0xff) / 255.0);
}

/* ---- title block ----------------------------------------------------- */

typedef struct {
  char *kicker, *title, *subtitle, *meta, *badge;
  gboolean alert;
} Title;

static void
title_free (Title *t)
{
  g_free (t->kicker);
  g_free (t->title);
  g_free (t->subtitle);
  g_free (t->meta);
  g_free (t->badge);
  g_free (t);
}

/* Lays out (and with draw, draws) the block; returns its height. */
static double
title_layout (Title *t, cairo_t *cr, double width, gboolean draw)
{
  const char *texts[] = { t->kicker, t->title, t->subtitle, t->meta };
  const double sizes[] = { 8.5, 22, 11, 8.5 };
  const PangoWeight weights[] = { PANGO_WEIGHT_BOLD, PANGO_WEIGHT_BOLD, PANGO_WEIGHT_NORMAL,
                                  PANGO_WEIGHT_NORMAL };
  const double gaps[] = { 3, 2, 5, 0 };
  double y = 14, band_height;

  if (draw)
    {
      /* The band's height is known only after measuring: measure first. */
      band_height = title_layout (t, cr, width, FALSE) - (t->badge != NULL ? 30 : 0);
      rgb (cr, 0x1c3557);
      cairo_rectangle (cr, 0, 0, width, band_height);
      cairo_fill (cr);
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      PangoLayout *layout;

      if (texts[i] == NULL)
        continue;
      {
        /* The kicker in capitals, as a label above the title. */
        g_autofree char *upper = i == 0 ? g_utf8_strup (texts[i], -1) : NULL;

        layout = wa_text_layout_new (cr, upper != NULL ? upper : texts[i], FALSE, sizes[i],
                                     weights[i], width - 28);
      }
      if (draw)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, i == 1 ? 1 : 0.86);
          wa_text_draw (cr, layout, 14, y);
        }
      y += wa_text_layout_height (layout) + gaps[i];
      g_object_unref (layout);
    }
  y += 12;
  if (t->badge != NULL)
    {
      PangoLayout *layout = wa_text_layout_new (cr, t->badge, FALSE, 9.5, PANGO_WEIGHT_BOLD, -1);
      double w = wa_text_layout_width (layout) + 20, h = 20;

      if (draw)
        {
          cairo_rectangle (cr, 0.75, y + 6.75, w, h);
          if (t->alert)
            {
              cairo_set_source_rgb (cr, 1.0, 0.92, 0.96);
              cairo_fill_preserve (cr);
              rgb (cr, 0xff2d8a);
              cairo_set_line_width (cr, 1.5);
            }
          else
            {
              cairo_set_source_rgb (cr, 0.95, 0.96, 0.97);
              cairo_fill_preserve (cr);
              cairo_set_source_rgb (cr, 0.6, 0.62, 0.66);
              cairo_set_line_width (cr, 0.8);
            }
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
          wa_text_draw (cr, layout, 10.75, y + 6.75 + (h - wa_text_layout_height (layout)) / 2);
        }
      g_object_unref (layout);
      y += 30;
    }
  return y;
}

static double
title_measure (gpointer data, cairo_t *cr, double width)
{
  return title_layout (data, cr, width, FALSE);
}

static void
title_draw (gpointer data, cairo_t *cr, double width, double height)
{
  title_layout (data, cr, width, TRUE);
}

void
wa_figure_add_title (WaPageLayout *doc, const char *kicker, const char *title,
                     const char *subtitle, const char *meta, const char *badge, gboolean alert)
{
  Title *t = g_new0 (Title, 1);

  t->kicker = g_strdup (kicker);
  t->title = g_strdup (title);
  t->subtitle = g_strdup (subtitle);
  t->meta = g_strdup (meta);
  t->badge = g_strdup (badge);
  t->alert = alert;
  wa_page_layout_add_figure (doc, title_measure, title_draw, t, (GDestroyNotify) title_free);
  {
    /* A screen reader reads the title block's text in order. */
    const char *parts[] = { kicker, title, subtitle, meta, badge };
    g_autoptr(GStrvBuilder) alt = g_strv_builder_new ();
    g_auto(GStrv) strv = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i] != NULL && parts[i][0] != '\0')
        g_strv_builder_add (alt, parts[i]);
    strv = g_strv_builder_end (alt);
    text = g_strjoinv (". ", strv);
    wa_page_layout_set_figure_alt (doc, text);
  }
}

/* ---- map ------------------------------------------------------------- */

typedef struct _WaMapFigure {
  WaMapStyle *style;
  WaBBox subject, context;
  double aspect;
  int focus_ward;
  char *focus_lad, *focus_region;
  GPtrArray *outline;     /* of WaGeometry*, drawn outlined on top; NULL for none */
} MapFigure;

/* The legend's column beside the frame, and the gap between them (pt). */
#define MAP_LEGEND_W 118.0
#define MAP_GAP 8.0
/* The subject never fills less of the frame than this (per axis): a large
 * rural neighbour shows in part rather than shrinking the subject. */
#define MAP_MIN_SUBJECT_SHARE 0.4
/* Room kept around the subject (map px): the north arrow sits in the top
 * right corner and the scale bar in the bottom left, both within this of
 * the top and bottom edges (wa-map-drawing.c). */
#define MAP_INSET_X 14.0
#define MAP_INSET_Y 54.0
#define MAP_FLAGS (WA_MAP_DRAW_LABELS | WA_MAP_DRAW_SCALE_BAR | WA_MAP_DRAW_NORTH_ARROW \
                   | WA_MAP_DRAW_FRAME)

static void
map_free (MapFigure *m)
{
  wa_map_style_unref (m->style);
  g_free (m->focus_lad);
  g_free (m->focus_region);
  g_clear_pointer (&m->outline, g_ptr_array_unref);
  g_free (m);
}

static double
map_measure (gpointer data, cairo_t *cr, double width)
{
  MapFigure *m = data;

  return width * m->aspect;
}

static char *
map_attribution (MapFigure *m)
{
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (wa_map_style_get_atlas (m->style));

  return wa_format_attribution_line ((const char * const *) attributions);
}

static PangoLayout *
attribution_layout (MapFigure *m, cairo_t *cr, double width)
{
  g_autofree char *text = map_attribution (m);

  return wa_text_layout_new (cr, text, FALSE, 6.5, PANGO_WEIGHT_NORMAL, width);
}

/* The zoom at which a box of w x h mercator units fits w_px x h_px. */
static double
fit_zoom (double w, double h, double w_px, double h_px)
{
  return log2 (MIN (w_px / (MAX (w, 1e-12) * 256.0), h_px / (MAX (h, 1e-12) * 256.0)));
}

/* Centred on the subject; out as far as the context reaches on either
 * side (so the subject stays in the middle), but never so far that the
 * subject falls below its share of the frame, nor so near that it leaves
 * the room kept for the scale bar and north arrow. */
static void
map_view (MapFigure *m, double w_px, double h_px, WaMapView *view)
{
  double s0x, s0y, s1x, s1y, c0x, c0y, c1x, c1y, cx, cy, half_w, half_h, zoom, lon, lat;

  wa_lonlat_to_mercator (m->subject.min_x, m->subject.max_y, &s0x, &s0y);
  wa_lonlat_to_mercator (m->subject.max_x, m->subject.min_y, &s1x, &s1y);
  wa_lonlat_to_mercator (m->context.min_x, m->context.max_y, &c0x, &c0y);
  wa_lonlat_to_mercator (m->context.max_x, m->context.min_y, &c1x, &c1y);
  cx = (s0x + s1x) / 2;
  cy = (s0y + s1y) / 2;
  half_w = MAX (cx - c0x, c1x - cx);
  half_h = MAX (cy - c0y, c1y - cy);
  half_w = MIN (half_w, (s1x - s0x) / 2 / MAP_MIN_SUBJECT_SHARE);
  half_h = MIN (half_h, (s1y - s0y) / 2 / MAP_MIN_SUBJECT_SHARE);
  zoom = fit_zoom (2 * half_w, 2 * half_h, w_px * 0.98, h_px * 0.98);
  zoom = MIN (zoom, fit_zoom (s1x - s0x, s1y - s0y, w_px - 2 * MAP_INSET_X,
                              h_px - 2 * MAP_INSET_Y));
  zoom = CLAMP (zoom, 0, 15.5);
  wa_mercator_to_lonlat (cx, cy, &lon, &lat);
  wa_map_view_centre (view, lon, lat, zoom, w_px, h_px);
}

static void
map_options (MapFigure *m, WaMapDrawOptions *options)
{
  wa_map_draw_options_init (options);
  options->flags = MAP_FLAGS;
  options->focus_ward = m->focus_ward;
  options->focus_lad_code = m->focus_lad;
  options->focus_region_code = m->focus_region;
  options->outline = m->outline;
}

static WaBBox
scaled_box (const WaBBox *b, double k)
{
  return (WaBBox) { b->min_x * k, b->min_y * k, b->max_x * k, b->max_y * k };
}

/* Everything but the drawing: where the parts go, and the view. */
static void
map_layout (MapFigure *m, cairo_t *cr, double width, double height, WaMapFigureLayout *out,
            WaMapView *view)
{
  PangoLayout *attribution = attribution_layout (m, cr, width);
  double attribution_h = wa_text_layout_height (attribution);
  double map_w = width - MAP_LEGEND_W - MAP_GAP, map_h = height - attribution_h - 3;
  WaMapDrawOptions options;
  WaBBox boxes[4];
  double x0, y0, x1, y1;
  guint n;

  g_object_unref (attribution);
  *out = (WaMapFigureLayout) { 0 };
  out->frame = (WaBBox) { 0, 0, map_w, map_h };
  out->legend = (WaBBox) { map_w + MAP_GAP, 0, width, map_h };
  out->attribution = (WaBBox) { 0, map_h + 3, width, height };
  map_view (m, map_w / PT_PER_MAP_PX, map_h / PT_PER_MAP_PX, view);
  map_options (m, &options);
  n = wa_map_get_overlay_boxes (m->style, view, &options, cr, boxes);
  /* Scale bar then north arrow, the only overlays in the frame. */
  if (n >= 2)
    {
      out->scale_bar = scaled_box (&boxes[n - 2], PT_PER_MAP_PX);
      out->north_arrow = scaled_box (&boxes[n - 1], PT_PER_MAP_PX);
    }
  wa_lonlat_to_mercator (m->subject.min_x, m->subject.max_y, &x0, &y0);
  wa_lonlat_to_mercator (m->subject.max_x, m->subject.min_y, &x1, &y1);
  out->subject = (WaBBox) { (x0 * view->world_px - view->origin_x) * PT_PER_MAP_PX,
                            (y0 * view->world_px - view->origin_y) * PT_PER_MAP_PX,
                            (x1 * view->world_px - view->origin_x) * PT_PER_MAP_PX,
                            (y1 * view->world_px - view->origin_y) * PT_PER_MAP_PX };
}

static void
map_draw (gpointer data, cairo_t *cr, double width, double height)
{
  MapFigure *m = data;
  WaMapFigureLayout layout;
  WaMapDrawOptions options;
  WaMapView view;

  map_layout (m, cr, width, height, &layout, &view);
  map_options (m, &options);
  cairo_save (cr);
  cairo_scale (cr, PT_PER_MAP_PX, PT_PER_MAP_PX);
  wa_map_draw (m->style, &view, &options, cr, NULL);
  cairo_restore (cr);
  {
    /* The legend beside the frame, shrunk if it would be taller. */
    cairo_surface_t *legend = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *rc = cairo_create (legend);
    double legend_w = layout.legend.max_x - layout.legend.min_x;
    double legend_h = wa_map_draw_legend (m->style, rc, legend_w, 0);
    double k = MIN (1, (layout.legend.max_y - layout.legend.min_y) / MAX (legend_h, 1));

    cairo_destroy (rc);
    cairo_save (cr);
    cairo_translate (cr, layout.legend.min_x, layout.legend.min_y);
    cairo_scale (cr, k, k);
    cairo_set_source_surface (cr, legend, 0, 0);
    cairo_paint (cr);
    cairo_restore (cr);
    cairo_surface_destroy (legend);
  }
  {
    PangoLayout *attribution = attribution_layout (m, cr, width);

    cairo_set_source_rgb (cr, 0.3, 0.3, 0.33);
    wa_text_draw (cr, attribution, 0, layout.attribution.min_y);
    g_object_unref (attribution);
  }
}

WaMapFigure *
wa_figure_add_map (WaPageLayout *doc, WaMapStyle *style, const WaBBox *subject,
                   const WaBBox *context, double aspect, int focus_ward,
                   const char *focus_lad_code, const char *focus_region_code)
{
  MapFigure *m = g_new0 (MapFigure, 1);

  m->style = wa_map_style_ref (style);
  m->subject = *subject;
  m->context = *context;
  m->aspect = aspect;
  m->focus_ward = focus_ward;
  m->focus_lad = g_strdup (focus_lad_code);
  m->focus_region = g_strdup (focus_region_code);
  wa_page_layout_add_figure (doc, map_measure, map_draw, m, (GDestroyNotify) map_free);
  return m;
}

void
wa_map_figure_get_layout (WaMapFigure *map, cairo_t *cr, double width, WaMapFigureLayout *out)
{
  WaMapView view;

  map_layout (map, cr, width, width * map->aspect, out, &view);
}

void
wa_map_figure_set_outline (WaMapFigure *map, GPtrArray *geometries)
{
  g_clear_pointer (&map->outline, g_ptr_array_unref);
  map->outline = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
  for (guint i = 0; geometries != NULL && i < geometries->len; i++)
    if (g_ptr_array_index (geometries, i) != NULL)
      g_ptr_array_add (map->outline, wa_geometry_ref (g_ptr_array_index (geometries, i)));
}

double
wa_map_figure_get_aspect (WaMapFigure *map)
{
  return map->aspect;
}

void
wa_map_figure_set_aspect (WaMapFigure *map, double aspect)
{
  map->aspect = aspect;
}

/* ---- key figures ----------------------------------------------------- */

typedef struct {
  guint n;
  GStrv labels, values, details;
} Tiles;

static void
tiles_free (Tiles *t)
{
  g_strfreev (t->labels);
  g_strfreev (t->values);
  g_strfreev (t->details);
  g_free (t);
}

#define TILE_GAP 8.0

static double
tiles_layout (Tiles *t, cairo_t *cr, double width, gboolean draw)
{
  double tile_w = (width - TILE_GAP * (t->n - 1)) / t->n, height = 0;

  /* Two passes when drawing: the tallest tile sets every tile's height. */
  if (draw)
    height = tiles_layout (t, cr, width, FALSE);
  for (guint i = 0; i < t->n; i++)
    {
      double x = i * (tile_w + TILE_GAP), y = 7;
      const char *texts[] = { t->labels[i], t->values[i], t->details[i] };
      const double sizes[] = { 8, 17, 7.5 };

      if (draw)
        {
          cairo_rectangle (cr, x, 0, tile_w, height);
          cairo_set_source_rgb (cr, 0.95, 0.96, 0.975);
          cairo_fill (cr);
          rgb (cr, 0x1c3557);
          cairo_rectangle (cr, x, 0, tile_w, 2.5);
          cairo_fill (cr);
        }
      for (guint k = 0; k < 3; k++)
        {
          PangoLayout *layout = wa_text_layout_new (cr, texts[k], FALSE, sizes[k],
                                                    k == 1 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                                    tile_w - 14);

          if (draw)
            {
              cairo_set_source_rgb (cr, k == 1 ? 0.05 : 0.3, k == 1 ? 0.05 : 0.3, k == 1 ? 0.1 : 0.34);
              wa_text_draw (cr, layout, x + 7, y);
            }
          y += wa_text_layout_height (layout) + 1;
          g_object_unref (layout);
        }
      height = draw ? height : MAX (height, y + 6);
    }
  return height;
}

static double
tiles_measure (gpointer data, cairo_t *cr, double width)
{
  return tiles_layout (data, cr, width, FALSE);
}

static void
tiles_draw (gpointer data, cairo_t *cr, double width, double height)
{
  tiles_layout (data, cr, width, TRUE);
}

void
wa_figure_add_key_figures (WaPageLayout *doc, guint n, const char * const *labels,
                           const char * const *values, const char * const *details)
{
  Tiles *t = g_new0 (Tiles, 1);

  t->n = n;
  t->labels = g_new0 (char *, n + 1);
  t->values = g_new0 (char *, n + 1);
  t->details = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      t->labels[i] = g_strdup (labels[i]);
      t->values[i] = g_strdup (values[i]);
      t->details[i] = g_strdup (details[i] != NULL ? details[i] : "");
    }
  wa_page_layout_add_figure (doc, tiles_measure, tiles_draw, t, (GDestroyNotify) tiles_free);
  {
    /* Each tile as "label: value, detail". */
    GString *alt = g_string_new (NULL);

    for (guint i = 0; i < n; i++)
      g_string_append_printf (alt, "%s%s: %s%s%s", i > 0 ? "; " : "", t->labels[i], t->values[i],
                              t->details[i][0] != '\0' ? ", " : "", t->details[i]);
    wa_page_layout_set_figure_alt (doc, alt->str);
    g_string_free (alt, TRUE);
  }
}

/* ---- rank strips ----------------------------------------------------- */

#define STRIP_LABEL_W 92.0
#define STRIP_ROW_H 23.0
#define STRIP_BAR_H 11.0

typedef struct {
  WaPalette palette;
  WaStripRow *rows;
  guint n_rows;
  double threshold;
  char *group_label;
} Strips;

static void
strips_free (Strips *s)
{
  for (guint i = 0; i < s->n_rows; i++)
    {
      g_free (s->rows[i].label);
      g_clear_pointer (&s->rows[i].group, g_array_unref);
    }
  g_free (s->rows);
  g_free (s->group_label);
  g_free (s);
}

static double
strips_measure (gpointer data, cairo_t *cr, double width)
{
  Strips *s = data;

  return s->n_rows * STRIP_ROW_H + 26;
}

static void
small_text (cairo_t *cr, const char *text, double x, double y, double size, gboolean bold,
            double anchor)
{
  PangoLayout *layout = wa_text_layout_new (cr, text, FALSE, size,
                                            bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, -1);

  wa_text_draw (cr, layout, x - anchor * wa_text_layout_width (layout), y);
  g_object_unref (layout);
}

static void
strip_draw_row (Strips *s, const WaStripRow *row, cairo_t *cr, double width, double y)
{
  double x0 = STRIP_LABEL_W, w = width - STRIP_LABEL_W - 8;
  double top = y + 4;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  small_text (cr, row->label, 0, top - 1, 8.5, TRUE, 0);
  if (row->n == 0)
    return;
  for (guint band = 0; band < WA_N_BANDS; band++)
    {
      WaRgb c;

      wa_palette_band_color (s->palette, band, &c);
      cairo_set_source_rgba (cr, c.red, c.green, c.blue, 0.55);
      cairo_rectangle (cr, x0 + w * band / WA_N_BANDS, top, w / WA_N_BANDS + 0.3, STRIP_BAR_H);
      cairo_fill (cr);
    }
  /* The comparison group as ticks across the bar. */
  cairo_set_source_rgba (cr, 0.08, 0.08, 0.12, 0.75);
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; row->group != NULL && i < row->group->len; i++)
    {
      double x = x0 + w * (g_array_index (row->group, guint, i) - 0.5) / row->n;

      cairo_move_to (cr, x, top + 1.5);
      cairo_line_to (cr, x, top + STRIP_BAR_H - 1.5);
    }
  cairo_stroke (cr);
  if (s->threshold > 0)
    {
      double x = x0 + w * s->threshold;

      cairo_set_source_rgb (cr, 0.85, 0.1, 0.45);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 2, 1.5 }, 2, 0);
      cairo_move_to (cr, x, top - 2);
      cairo_line_to (cr, x, top + STRIP_BAR_H + 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if (row->rank > 0)
    {
      double x = x0 + w * (row->rank - 0.5) / row->n;
      g_autofree char *rank = wa_format_count (row->rank);

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, top + STRIP_BAR_H + 1);
      cairo_line_to (cr, x - 4.5, top + STRIP_BAR_H + 8);
      cairo_line_to (cr, x + 4.5, top + STRIP_BAR_H + 8);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_set_line_width (cr, 1.6);
      cairo_move_to (cr, x, top - 1);
      cairo_line_to (cr, x, top + STRIP_BAR_H + 1);
      cairo_stroke (cr);
      small_text (cr, rank, CLAMP (x + 7, x0, x0 + w - 20), top + STRIP_BAR_H + 1, 7.5, TRUE, 0);
    }
}

static void
strips_draw (gpointer data, cairo_t *cr, double width, double height)
{
  Strips *s = data;
  double x0 = STRIP_LABEL_W, w = width - STRIP_LABEL_W - 8;
  double y = s->n_rows * STRIP_ROW_H;
  g_autofree char *legend = NULL;

  for (guint i = 0; i < s->n_rows; i++)
    strip_draw_row (s, &s->rows[i], cr, width, i * STRIP_ROW_H);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.34);
  small_text (cr, _("1 = greatest need"), x0, y, 7, FALSE, 0);
  small_text (cr, _("least need"), x0 + w, y, 7, FALSE, 1);
  legend = s->threshold > 0
           ? g_strdup_printf (_("▲ this ward   | %s   ┆ left-behind threshold"), s->group_label)
           : g_strdup_printf (_("▲ this ward   | %s"), s->group_label);
  small_text (cr, legend, x0 + w / 2, y + 11, 7, FALSE, 0.5);
}

void
wa_figure_add_strips (WaPageLayout *doc, WaPalette palette, WaStripRow *rows, guint n_rows,
                      double threshold, const char *group_label)
{
  Strips *s = g_new0 (Strips, 1);

  s->palette = palette;
  s->rows = g_memdup2 (rows, n_rows * sizeof (WaStripRow));
  s->n_rows = n_rows;
  s->threshold = threshold;
  s->group_label = g_strdup (group_label);
  wa_page_layout_add_figure (doc, strips_measure, strips_draw, s, (GDestroyNotify) strips_free);
  {
    /* Each strip as "label: rank R of N" (the ticks are in the tables). */
    GString *alt = g_string_new (NULL);

    for (guint i = 0; i < n_rows; i++)
      {
        g_autofree char *of = wa_format_rank_of (rows[i].rank, rows[i].n);

        g_string_append_printf (alt, "%s%s: %s", i > 0 ? "; " : "", rows[i].label, of);
      }
    wa_page_layout_set_figure_alt (doc, alt->str);
    g_string_free (alt, TRUE);
  }
}

/* ---- positions then and now ---------------------------------------- */

#define POSITIONS_H 36.0
#define POSITIONS_BAR_Y 13.0
#define POSITIONS_BAR_H 6.0

typedef struct {
  char *label;
  double value[2];      /* then, now */
  char *text[2];
} Positions;

static void
positions_free (Positions *p)
{
  g_free (p->label);
  g_free (p->text[0]);
  g_free (p->text[1]);
  g_free (p);
}

static double
positions_measure (gpointer data, cairo_t *cr, double width)
{
  return POSITIONS_H;
}

/* then: a hollow circle above the bar, its label above it; now: a filled
 * triangle under the bar, its label under it. Two shapes and two sides,
 * so the two stay apart when they share a place, in print and in grey. */
static void
positions_marker (Positions *p, cairo_t *cr, int which, double x0, double w)
{
  double x = x0 + w * CLAMP (p->value[which], 0, 1);
  double bar_bottom = POSITIONS_BAR_Y + POSITIONS_BAR_H;
  PangoLayout *layout = wa_text_layout_new (cr, p->text[which], FALSE, 7, PANGO_WEIGHT_BOLD, -1);
  double tw = wa_text_layout_width (layout);
  double tx = CLAMP (x - tw / 2, x0, x0 + w - tw);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.4);
  if (which == 0)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, POSITIONS_BAR_Y - 3.5, 3, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_stroke (cr);
      wa_text_draw (cr, layout, tx, -2);
    }
  else
    {
      cairo_move_to (cr, x, bar_bottom + 0.5);
      cairo_line_to (cr, x - 3.5, bar_bottom + 6.5);
      cairo_line_to (cr, x + 3.5, bar_bottom + 6.5);
      cairo_close_path (cr);
      cairo_fill (cr);
      wa_text_draw (cr, layout, tx, bar_bottom + 6.5);
    }
  g_object_unref (layout);
}

static void
positions_draw (gpointer data, cairo_t *cr, double width, double height)
{
  Positions *p = data;
  /* The axis's ends are named beside it: above and below are the markers'. */
  double x0 = STRIP_LABEL_W, w = width - STRIP_LABEL_W - 46;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  small_text (cr, p->label, 0, 1, 8.5, TRUE, 0);
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.9);
  cairo_rectangle (cr, x0, POSITIONS_BAR_Y, w, POSITIONS_BAR_H);
  cairo_fill (cr);
  /* Quarters, so a position reads without counting. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.6);
  cairo_set_line_width (cr, 0.6);
  for (int q = 0; q <= 4; q++)
    {
      cairo_move_to (cr, x0 + w * q / 4, POSITIONS_BAR_Y);
      cairo_line_to (cr, x0 + w * q / 4, POSITIONS_BAR_Y + POSITIONS_BAR_H);
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.34);
  small_text (cr, _("greatest need"), x0 - 5, POSITIONS_BAR_Y - 1, 7, FALSE, 1);
  small_text (cr, _("least need"), x0 + w + 5, POSITIONS_BAR_Y - 1, 7, FALSE, 0);
  for (int which = 0; which < 2; which++)
    if (!isnan (p->value[which]))
      positions_marker (p, cr, which, x0, w);
}

void
wa_figure_add_positions (WaPageLayout *doc, const char *label, double then, const char *then_label,
                         double now, const char *now_label, const char *alt)
{
  Positions *p = g_new0 (Positions, 1);

  p->label = g_strdup (label);
  p->value[0] = then;
  p->value[1] = now;
  p->text[0] = g_strdup (then_label != NULL ? then_label : "");
  p->text[1] = g_strdup (now_label != NULL ? now_label : "");
  wa_page_layout_add_figure (doc, positions_measure, positions_draw, p, (GDestroyNotify) positions_free);
  wa_page_layout_set_figure_alt (doc, alt);
}
