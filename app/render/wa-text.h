/* wa-text.h: Pango text on any cairo_t for the map overlays and the
 * briefings. Sizes are absolute, in cr's user units, so the same layout
 * measures the same on a PDF page, a print context and an image; metrics
 * are unhinted for the same reason. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A layout of text (Pango markup when markup is TRUE) at size user units
 * in weight, wrapped at width (no wrapping when width <= 0). */
PangoLayout *wa_text_layout_new (cairo_t *cr, const char *text, gboolean markup,
                                 double size, PangoWeight weight, double width);
double       wa_text_layout_height (PangoLayout *layout);
double       wa_text_layout_width  (PangoLayout *layout);
/* Draws with the layout's top-left at (x, y) in the current source. */
void         wa_text_draw (cairo_t *cr, PangoLayout *layout, double x, double y);
/* Only lines [first_line, end_line) of a layout whose top-left is at
 * (x, y): part of a paragraph split between pages, with no hidden text
 * left in a PDF's text layer. */
void         wa_text_draw_lines (cairo_t *cr, PangoLayout *layout, double x, double y,
                                 guint first_line, guint end_line);
/* Draws the layout's top-left at (x, y) in text_rgba on a halo of
 * halo_rgba about two device pixels wide, from one rendering of the
 * glyphs (nine took 1.8 times as long on a dense z7 tile, issue 18);
 * with dot (x, y and radius, user units) also a disc there, inside the
 * same halo. FALSE, drawing nothing, where cr is not an image whose
 * pixels its matrix only scales and moves onto. */
gboolean     wa_text_draw_with_halo (cairo_t *cr, PangoLayout *layout, double x, double y,
                                     const double *dot, const double halo_rgba[4],
                                     const double text_rgba[4]);

G_END_DECLS
