/* wa-page-layout.h: a document of blocks (headings, paragraphs, tables,
 * drawn figures) flowed onto pages of any size, drawn on any cairo_t: a
 * PDF surface or a print context share it. Tables that do not fit carry on
 * on the next page under a repeated header; a heading never ends a page.
 * Every page has a running header (from page 2) and a footer: a line of
 * text (kept short: it takes room from every page) and the page number. Units are cr's user units (points). */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _WaPageLayout WaPageLayout;
typedef struct _WaTable WaTable;

/* A figure drawn by the caller: measure returns its height at width, draw
 * draws it with its top-left corner at cr's origin. */
typedef double (*WaBlockMeasureFunc) (gpointer data, cairo_t *cr, double width);
typedef void   (*WaBlockDrawFunc)    (gpointer data, cairo_t *cr, double width, double height);

typedef enum {
  WA_ROW_NORMAL,
  WA_ROW_BOLD,        /* a total or the overall index */
  WA_ROW_HIGHLIGHT,   /* the ward the briefing is about, or a left-behind ward */
} WaRowStyle;

#define WA_PAGE_A4_WIDTH  595.276
#define WA_PAGE_A4_HEIGHT 841.89

WaPageLayout *wa_page_layout_new  (void);
void          wa_page_layout_free (WaPageLayout *doc);

/* Plain text (not markup) for the running header and the footer lines. */
void wa_page_layout_set_running_header (WaPageLayout *doc, const char *text);
void wa_page_layout_set_footer         (WaPageLayout *doc, const char *text);

/* level 1: section, 2: sub-section. Plain text. */
void wa_page_layout_add_heading   (WaPageLayout *doc, const char *text, int level);
/* Pango markup; size 0 for body text. */
void wa_page_layout_add_paragraph (WaPageLayout *doc, const char *markup, double size);
/* A list of items (Pango markup) set in two balanced columns, read down
 * the left then the right; size 0 for body text. */
void wa_page_layout_add_columns   (WaPageLayout *doc, const char * const *items, guint n_items,
                                   double size);
void wa_page_layout_add_space     (WaPageLayout *doc, double height);
void wa_page_layout_add_page_break (WaPageLayout *doc);
void wa_page_layout_add_figure    (WaPageLayout *doc, WaBlockMeasureFunc measure,
                                   WaBlockDrawFunc draw, gpointer data, GDestroyNotify destroy);
/* The alternative text of the last figure added (plain text), for the
 * Figure element of a tagged PDF: what a screen reader says instead. */
void wa_page_layout_set_figure_alt (WaPageLayout *doc, const char *alt);
/* Every figure's alternative text ("" for none), in the order the figures
 * are drawn, which is the order of their Figure elements in the PDF. */
GStrv wa_page_layout_dup_figure_alts (WaPageLayout *doc);
/* widths: fractions of the text width summing to 1; aligns may be NULL
 * (all left). caption may be NULL. */
WaTable *wa_page_layout_add_table (WaPageLayout *doc, const char *caption, guint n_columns,
                                   const char * const *headers, const double *widths,
                                   const PangoAlignment *aligns);
/* n_columns plain-text cells (NULL = empty). */
void     wa_table_add_row (WaTable *table, const char * const *cells, WaRowStyle style);
guint    wa_table_get_n_rows (WaTable *table);
void     wa_table_set_font_size (WaTable *table, double size);   /* default 8 */
/* Cells are Pango markup instead of plain text. */
void     wa_table_set_markup (WaTable *table, gboolean markup);

/* Lays the blocks out on pages of this size, measuring text with cr;
 * returns the number of pages (at least 1). */
guint wa_page_layout_paginate  (WaPageLayout *doc, cairo_t *cr, double page_width,
                                double page_height);
guint wa_page_layout_get_n_pages (WaPageLayout *doc);
/* Draws page (0-based) of the last pagination. */
void  wa_page_layout_draw_page (WaPageLayout *doc, cairo_t *cr, guint page);
/* How many times a table was continued onto another page (for tests). */
guint wa_page_layout_get_n_continued (WaPageLayout *doc);
/* How many table headers break inside a word or overflow their column at
 * this page width (for tests: headers wrap between words only). */
guint wa_page_layout_count_broken_headers (WaPageLayout *doc, cairo_t *cr, double page_width);

G_END_DECLS
