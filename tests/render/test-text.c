/* test-text.c: text drawn with a halo (wa_text_draw_with_halo) against
 * the same text drawn by Pango straight onto the surface. */
#include <math.h>

#include "wa-text.h"

#define SIZE 96

static const double clear[4] = { 0, 0, 0, 0 };
static const double black[4] = { 0, 0, 0, 1 };
static const double white[4] = { 1, 1, 1, 1 };

static cairo_surface_t *
new_surface (void)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
}

/* A layout as the map's labels make theirs: on the cairo_t it is drawn
 * with, so its fonts follow that scale. */
static PangoLayout *
new_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");

  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, "Wakefield", -1);
  return layout;
}

static guint8
alpha_at (cairo_surface_t *surface, int x, int y)
{
  const guint32 *row;

  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE)
    return 0;
  row = (const guint32 *) (cairo_image_surface_get_data (surface)
                           + y * cairo_image_surface_get_stride (surface));
  return row[x] >> 24;
}

/* Draws at (x, y) under a matrix of scale and that offset: with a halo
 * when halo is given, else by Pango alone. */
static cairo_surface_t *
draw (double scale, double x, double y, const double *halo, const double *text)
{
  cairo_surface_t *surface = new_surface ();
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout;

  cairo_translate (cr, 0.25, 0.5);
  cairo_scale (cr, scale, scale);
  layout = new_layout (cr);
  if (halo != NULL)
    g_assert_true (wa_text_draw_with_halo (cr, layout, x, y, NULL, halo, text));
  else
    {
      cairo_set_source_rgba (cr, text[0], text[1], text[2], text[3]);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The text itself falls on the very pixels Pango puts it on, at any
 * fractional position and at the 512 px tiles' scale. */
static void
test_text_on_pangos_pixels (void)
{
  const double scales[] = { 1, 2 };
  const double offsets[] = { 0, 0.3, 0.5, 0.8 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
      {
        double x = 6 + offsets[o], y = 9 + offsets[(o + 1) % 4];
        cairo_surface_t *haloed = draw (scales[s], x, y, clear, black);
        cairo_surface_t *plain = draw (scales[s], x, y, NULL, black);
        guint n_ink = 0;

        for (int py = 0; py < SIZE; py++)
          for (int px = 0; px < SIZE; px++)
            {
              g_assert_cmpint (abs (alpha_at (haloed, px, py) - alpha_at (plain, px, py)), <=, 1);
              n_ink += alpha_at (plain, px, py) > 0;
            }
        g_assert_cmpuint (n_ink, >, 100);
        cairo_surface_destroy (haloed);
        cairo_surface_destroy (plain);
      }
}

/* Distance in pixels from (x, y) to the nearest pixel of the text with
 * at least min_alpha of coverage, up to limit. */
static int
distance_to_ink (cairo_surface_t *plain, int x, int y, guint8 min_alpha, int limit)
{
  for (int d = 0; d <= limit; d++)
    for (int dy = -d; dy <= d; dy++)
      for (int dx = -d; dx <= d; dx++)
        if (MAX (abs (dx), abs (dy)) == d && alpha_at (plain, x + dx, y + dy) >= min_alpha)
          return d;
  return limit + 1;
}

/* Round every glyph a pixel of halo at least, and none far from it: the
 * name reads on any fill and does not blot out the map. */
static void
test_halo_hugs_the_text (void)
{
  cairo_surface_t *haloed = draw (1, 6.4, 9.7, white, black);
  cairo_surface_t *plain = draw (1, 6.4, 9.7, NULL, black);

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        if (distance_to_ink (plain, x, y, 128, 1) <= 1)
          g_assert_cmpint (alpha_at (haloed, x, y), >=, 240);
        else if (distance_to_ink (plain, x, y, 1, 2) > 2)
          g_assert_cmpint (alpha_at (haloed, x, y), <=, 2);   /* rounding, as above */
      }
  cairo_surface_destroy (haloed);
  cairo_surface_destroy (plain);
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  return ((const guint32 *) (cairo_image_surface_get_data (surface)
                             + y * cairo_image_surface_get_stride (surface)))[x];
}

/* A place's dot beside its name: solid in the text's colour at its
 * centre, haloed round its edge, nothing beyond, at both tile scales. */
static void
test_dot_inside_the_halo (void)
{
  const double scales[] = { 1, 2 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      double scale = scales[s], dot[3] = { 30.3, 35.6, 1.8 };
      cairo_surface_t *surface = new_surface ();
      cairo_t *cr = cairo_create (surface);
      PangoLayout *layout;
      /* The dot's centre in device pixels (the matrix scales only). */
      double cx = dot[0] * scale, cy = dot[1] * scale, r = dot[2] * scale;
      guint32 halo;

      cairo_scale (cr, scale, scale);
      layout = new_layout (cr);
      g_assert_true (wa_text_draw_with_halo (cr, layout, 4, 4, dot, white, black));
      cairo_surface_flush (surface);
      /* Opaque black: the text's colour. */
      g_assert_cmphex (pixel_at (surface, (int) cx, (int) cy), ==, 0xff000000);
      /* Just past the dot's edge below it (below the text's line): the
       * halo, white and mostly opaque. */
      halo = pixel_at (surface, (int) cx, (int) (cy + r + 1));
      g_assert_cmpuint (halo >> 24, >=, 190);
      g_assert_cmphex (halo & 0xffffff, ==, (halo >> 24) * 0x010101);
      /* Well past the halo: nothing. */
      g_assert_cmpint (alpha_at (surface, (int) cx, (int) (cy + r + 5)), ==, 0);
      g_object_unref (layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static gboolean
surface_is_clear (cairo_surface_t *surface)
{
  cairo_surface_flush (surface);
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      if (alpha_at (surface, x, y) != 0)
        return FALSE;
  return TRUE;
}

/* Where the halo cannot be made of whole pixels it draws nothing and
 * says so, so the caller strokes the text's outline instead. */
static void
test_refuses_what_it_cannot_draw (void)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_surface_t *image = new_surface ();
  cairo_t *cr = cairo_create (recording);
  PangoLayout *layout = new_layout (cr);

  g_assert_false (wa_text_draw_with_halo (cr, layout, 5, 5, NULL, white, black));
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);

  cr = cairo_create (image);
  cairo_rotate (cr, 0.3);
  layout = new_layout (cr);
  g_assert_false (wa_text_draw_with_halo (cr, layout, 5, 5, NULL, white, black));
  g_assert_true (surface_is_clear (image));
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/text-on-pangos-pixels", test_text_on_pangos_pixels);
  g_test_add_func ("/text/halo-hugs-the-text", test_halo_hugs_the_text);
  g_test_add_func ("/text/dot-inside-the-halo", test_dot_inside_the_halo);
  g_test_add_func ("/text/refuses-what-it-cannot-draw", test_refuses_what_it_cannot_draw);
  return g_test_run ();
}
