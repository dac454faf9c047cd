/* wa-text.c */
#include <math.h>

#include "wa-text.h"

PangoLayout *
wa_text_layout_new (cairo_t *cr, const char *text, gboolean markup, double size,
                    PangoWeight weight, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinted metrics would make a line's width depend on the surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

double
wa_text_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
wa_text_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

void
wa_text_draw (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
wa_text_draw_lines (cairo_t *cr, PangoLayout *layout, double x, double y, guint first_line,
                    guint end_line)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint line = 0;

  do
    {
      PangoRectangle logical;

      if (line >= first_line && line < end_line)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line < end_line && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* ---- text with a halo ---------------------------------------------------- */

/* The halo spreads the text's coverage one device pixel every way, and a
 * second pixel along the axes at this share (of 256): about the 1.3
 * pixels of the eight offset copies of the text it replaces (glyphs land
 * on whole pixels, so those copies were one or two pixels off). */
#define HALO_FAR_SHARE_256 77   /* 0.3, in 256ths: integer pixels vectorise */
/* Empty pixels round the ink: the halo's two, and two for antialiasing
 * past Pango's ink box. */
#define HALO_PAD 4
/* Larger texts (device pixels) are left to the outline stroke. */
#define HALO_MAX_PIXELS (1 << 20)

/* The device pixel box round the layout's ink at (x, y), padded for the
 * halo; FALSE when cr does not draw on whole image pixels this way. */
static gboolean
halo_box (cairo_t *cr, PangoLayout *layout, double x, double y, const double *dot,
          const cairo_matrix_t *m, int box[4])
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double ox, oy, sx, sy;
  PangoRectangle ink;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || m->xy != 0 || m->yx != 0 || m->xx <= 0 || m->yy <= 0)
    return FALSE;
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (ox != 0 || oy != 0 || sx != 1 || sy != 1)
    return FALSE;
  pango_layout_get_extents (layout, &ink, NULL);
  box[0] = (int) floor (m->xx * (x + (double) ink.x / PANGO_SCALE) + m->x0) - HALO_PAD;
  box[1] = (int) floor (m->yy * (y + (double) ink.y / PANGO_SCALE) + m->y0) - HALO_PAD;
  box[2] = (int) ceil (m->xx * (x + (double) (ink.x + ink.width) / PANGO_SCALE) + m->x0) + HALO_PAD;
  box[3] = (int) ceil (m->yy * (y + (double) (ink.y + ink.height) / PANGO_SCALE) + m->y0) + HALO_PAD;
  if (dot != NULL)
    {
      double cx = m->xx * dot[0] + m->x0, cy = m->yy * dot[1] + m->y0, r = m->xx * dot[2];

      box[0] = MIN (box[0], (int) floor (cx - r) - HALO_PAD);
      box[1] = MIN (box[1], (int) floor (cy - r) - HALO_PAD);
      box[2] = MAX (box[2], (int) ceil (cx + r) + HALO_PAD);
      box[3] = MAX (box[3], (int) ceil (cy + r) + HALO_PAD);
    }
  return (gint64) (box[2] - box[0]) * (box[3] - box[1]) <= HALO_MAX_PIXELS;
}

/* Adds to mask a disc about (cx, cy), radius r, in the mask's pixels:
 * each pixel covered as far as its centre lies inside the disc's edge
 * (within a tenth of its exact area for the few pixels of a dot), with
 * no cairo path to fill. */
static void
add_disc (cairo_surface_t *mask, double cx, double cy, double r)
{
  int w = cairo_image_surface_get_width (mask), h = cairo_image_surface_get_height (mask);
  int stride = cairo_image_surface_get_stride (mask);
  guint8 *data = cairo_image_surface_get_data (mask);

  for (int y = MAX (0, (int) floor (cy - r - 1)); y < MIN (h, (int) ceil (cy + r + 1)); y++)
    for (int x = MAX (0, (int) floor (cx - r - 1)); x < MIN (w, (int) ceil (cx + r + 1)); x++)
      {
        double cover = CLAMP (r + 0.5 - hypot (x + 0.5 - cx, y + 0.5 - cy), 0, 1);
        guint8 *p = data + (gsize) y * stride + x;

        *p = MAX (*p, (guint8) (cover * 255 + 0.5));
      }
}

/* The text's coverage (and the dot's) on an A8 surface whose top left is
 * device pixel (box[0], box[1]): the glyphs fall on the same pixels as on
 * cr's target. NULL when cairo cannot make the surface. */
static cairo_surface_t *
text_mask (PangoLayout *layout, double x, double y, const double *dot, const cairo_matrix_t *m,
           const int box[4])
{
  cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_A8, box[2] - box[0],
                                                      box[3] - box[1]);
  cairo_matrix_t shifted = *m;
  cairo_t *mcr;

  if (cairo_surface_status (mask) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (mask);
      return NULL;
    }
  mcr = cairo_create (mask);
  shifted.x0 -= box[0];
  shifted.y0 -= box[1];
  cairo_set_matrix (mcr, &shifted);
  cairo_move_to (mcr, x, y);
  pango_cairo_show_layout (mcr, layout);
  cairo_destroy (mcr);
  cairo_surface_flush (mask);
  if (dot != NULL)
    {
      add_disc (mask, m->xx * dot[0] + m->x0 - box[0], m->yy * dot[1] + m->y0 - box[1],
                m->xx * dot[2]);
      cairo_surface_mark_dirty (mask);
    }
  return mask;
}

static inline guint8
max3 (guint8 a, guint8 b, guint8 c)
{
  return MAX (a, MAX (b, c));
}

/* GCC's -O2 leaves these loops scalar; vectorised, they went from 2 % of
 * the densest z7 tile's profile to 0.3 %. */
#if defined(__GNUC__) && !defined(__clang__)
#define VECTORISE __attribute__ ((optimize ("tree-vectorize")))
#else
#define VECTORISE
#endif

/* A row's spread along it: the most within a pixel (near) and the more
 * of the two pixels two away (far). */
static VECTORISE void
spread_row (const guint8 *restrict row, guint8 *restrict near, guint8 *restrict far, int w)
{
  for (int x = 2; x < w - 2; x++)
    {
      near[x] = max3 (row[x - 1], row[x], row[x + 1]);
      far[x] = MAX (row[x - 2], row[x + 2]);
    }
}

/* A row of the halo from the rows' spreads above, at and below it, and
 * the text two rows above and below. */
static VECTORISE void
spread_column (const guint8 *restrict near_above, const guint8 *restrict near,
               const guint8 *restrict near_below, const guint8 *restrict far,
               const guint8 *restrict two_above, const guint8 *restrict two_below,
               guint8 *restrict halo, int w)
{
  for (int x = 0; x < w; x++)
    {
      guint spread = max3 (near_above[x], near[x], near_below[x]);
      guint reach = max3 (far[x], two_above[x], two_below[x]);

      halo[x] = MIN (255, 2 * MAX (spread, (reach * HALO_FAR_SHARE_256) >> 8));
    }
}

/* The halo's coverage: the text's spread (HALO_FAR_SHARE_256), doubled, as
 * the copies it replaces covered a pixel beside a stem two or three times
 * over. In two separable passes, along the rows then down the columns;
 * the mask's outer HALO_PAD pixels are empty, so the edges need no care
 * beyond staying inside. NULL when cairo cannot make the surface. */
static cairo_surface_t *
halo_mask (cairo_surface_t *text)
{
  int w = cairo_image_surface_get_width (text), h = cairo_image_surface_get_height (text);
  int stride = cairo_image_surface_get_stride (text);
  const guint8 *src = cairo_image_surface_get_data (text);
  cairo_surface_t *halo = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  guint8 *dst = cairo_image_surface_get_data (halo);
  g_autofree guint8 *near = NULL, *far = NULL;

  if (dst == NULL || cairo_image_surface_get_stride (halo) != stride)
    {
      cairo_surface_destroy (halo);
      return NULL;
    }
  near = g_malloc0 ((gsize) stride * h);
  far = g_malloc0 ((gsize) stride * h);

  for (int y = 0; y < h; y++)
    spread_row (src + (gsize) y * stride, near + (gsize) y * stride, far + (gsize) y * stride, w);
  for (int y = 2; y < h - 2; y++)
    {
      const guint8 *n = near + (gsize) y * stride, *s = src + (gsize) y * stride;

      spread_column (n - stride, n, n + stride, far + (gsize) y * stride, s - 2 * stride,
                     s + 2 * stride, dst + (gsize) y * stride, w);
    }
  cairo_surface_mark_dirty (halo);
  return halo;
}

gboolean
wa_text_draw_with_halo (cairo_t *cr, PangoLayout *layout, double x, double y, const double *dot,
                        const double halo_rgba[4], const double text_rgba[4])
{
  cairo_surface_t *text, *halo;
  cairo_matrix_t m;
  int box[4];

  cairo_get_matrix (cr, &m);
  if (!halo_box (cr, layout, x, y, dot, &m, box))
    return FALSE;
  text = text_mask (layout, x, y, dot, &m, box);
  halo = text != NULL ? halo_mask (text) : NULL;
  if (halo == NULL)
    {
      g_clear_pointer (&text, cairo_surface_destroy);
      return FALSE;
    }
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_rgba (cr, halo_rgba[0], halo_rgba[1], halo_rgba[2], halo_rgba[3]);
  cairo_mask_surface (cr, halo, box[0], box[1]);
  cairo_set_source_rgba (cr, text_rgba[0], text_rgba[1], text_rgba[2], text_rgba[3]);
  cairo_mask_surface (cr, text, box[0], box[1]);
  cairo_restore (cr);
  cairo_surface_destroy (halo);
  cairo_surface_destroy (text);
  return TRUE;
}
