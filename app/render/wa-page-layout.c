/* wa-page-layout.c: pages of headings, paragraphs, lists, tables and
 * figures, split over A4 pages and drawn with cairo and Pango.
 *
 * Pagination measures every block once per page size and records where
 * each piece goes; drawing a page only replays those placements, so the
 * PDF writer and a print operation (which asks for pages in any order)
 * draw the same pages.
 *
 * One file although it is long: measuring and drawing must make their
 * Pango layouts with the very same functions (heading_layout, cell_layout,
 * line_top, column_width), or a table row measured at one height is drawn
 * at another and runs off its page. Split along measure/draw, those helpers
 * and the block and placement structs would become a private interface of
 * their own, to serve one reader.
 */
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "wa-page-layout.h"
#include "wa-text.h"

#define MARGIN_X 42.0
#define MARGIN_TOP 48.0
#define MARGIN_BOTTOM 42.0
#define BODY_SIZE 9.5
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 1.6
#define TABLE_SIZE 8
/* A table is not started on a page with room for fewer rows than this. */
#define MIN_ROWS 3
/* A paragraph is split over pages only leaving this many lines each side. */
#define MIN_LINES 2
/* Between the two columns of a list, and between its items. */
#define COLUMN_GAP 14.0
#define ITEM_GAP 2.0

typedef enum {
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
  BLOCK_FIGURE,
  BLOCK_TABLE,
  BLOCK_COLUMNS,
} BlockKind;

struct _WaTable {
  char *caption;
  guint n_columns;
  char **headers;
  double *widths;
  PangoAlignment *aligns;
  GPtrArray *rows;        /* of char ** (n_columns cells) */
  GArray *styles;         /* WaRowStyle per row */
  GArray *heights;        /* per row, from the last pagination */
  double header_height, caption_height;
  double font_size;
  gboolean markup;        /* cells are Pango markup */
};

typedef struct {
  BlockKind kind;
  char *text;
  int level;
  double size;
  double height;          /* measured (not tables) */
  WaBlockMeasureFunc measure;
  WaBlockDrawFunc draw;
  gpointer data;
  GDestroyNotify destroy;
  WaTable *table;
  GArray *line_bottoms;   /* paragraphs: each line's bottom, from the top */
  GPtrArray *items;       /* column lists: each item's markup */
  GArray *item_heights;   /* column lists: each item's height, gap included */
  char *plain;            /* headings: the text, for the PDF outline */
  char *alt;              /* figures: the alternative text, for a tagged PDF */
} Block;

/* One piece of a block on a page. */
typedef struct {
  guint block;
  double y;
  double height;
  guint first_row, end_row;   /* tables: rows; paragraphs: lines; lists: items */
  guint split;                /* lists: the first item of the right column */
  gboolean continued;         /* a table's rows after the first page */
} Placement;

struct _WaPageLayout {
  GPtrArray *blocks;          /* of Block* */
  char *running_header;
  char *footer;
  double page_width, page_height;
  GPtrArray *pages;           /* of GArray of Placement */
  guint n_continued;
  guint drawing_page;         /* while drawing: the page, for outline links */
  int outline_parent;         /* PDF outline item of the last section */

};

static void
table_free (WaTable *table)
{
  g_free (table->caption);
  g_strfreev (table->headers);
  g_free (table->widths);
  g_free (table->aligns);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->styles);
  g_array_unref (table->heights);
  g_free (table);
}

static void
block_free (Block *block)
{
  g_free (block->text);
  if (block->destroy != NULL)
    block->destroy (block->data);
  if (block->table != NULL)
    table_free (block->table);
  g_clear_pointer (&block->line_bottoms, g_array_unref);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->item_heights, g_array_unref);
  g_free (block->plain);
  g_free (block->alt);
  g_free (block);
}

WaPageLayout *
wa_page_layout_new (void)
{
  WaPageLayout *doc = g_new0 (WaPageLayout, 1);

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return doc;
}

void
wa_page_layout_free (WaPageLayout *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->pages);
  g_free (doc->running_header);
  g_free (doc->footer);
  g_free (doc);
}

void
wa_page_layout_set_running_header (WaPageLayout *doc, const char *text)
{
  g_free (doc->running_header);
  doc->running_header = g_strdup (text);
}

void
wa_page_layout_set_footer (WaPageLayout *doc, const char *text)
{
  g_free (doc->footer);
  doc->footer = g_strdup (text);
}

static Block *
add_block (WaPageLayout *doc, BlockKind kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
wa_page_layout_add_heading (WaPageLayout *doc, const char *text, int level)
{
  Block *block = add_block (doc, BLOCK_HEADING);

  block->text = g_markup_escape_text (text, -1);
  block->plain = g_strdup (text);
  block->level = CLAMP (level, 1, 2);
}

void
wa_page_layout_add_paragraph (WaPageLayout *doc, const char *markup, double size)
{
  Block *block = add_block (doc, BLOCK_PARAGRAPH);

  block->text = g_strdup (markup);
  block->size = size > 0 ? size : BODY_SIZE;
}

void
wa_page_layout_add_columns (WaPageLayout *doc, const char * const *items, guint n_items,
                            double size)
{
  Block *block = add_block (doc, BLOCK_COLUMNS);

  block->items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (block->items, g_strdup (items[i]));
  block->item_heights = g_array_new (FALSE, FALSE, sizeof (double));
  block->size = size > 0 ? size : BODY_SIZE;
}

void
wa_page_layout_add_space (WaPageLayout *doc, double height)
{
  add_block (doc, BLOCK_SPACE)->height = height;
}

void
wa_page_layout_add_page_break (WaPageLayout *doc)
{
  add_block (doc, BLOCK_PAGE_BREAK);
}

void
wa_page_layout_add_figure (WaPageLayout *doc, WaBlockMeasureFunc measure, WaBlockDrawFunc draw,
                           gpointer data, GDestroyNotify destroy)
{
  Block *block = add_block (doc, BLOCK_FIGURE);

  block->measure = measure;
  block->draw = draw;
  block->data = data;
  block->destroy = destroy;
}

void
wa_page_layout_set_figure_alt (WaPageLayout *doc, const char *alt)
{
  for (guint i = doc->blocks->len; i > 0; i--)
    {
      Block *block = g_ptr_array_index (doc->blocks, i - 1);

      if (block->kind == BLOCK_FIGURE)
        {
          g_free (block->alt);
          block->alt = g_strdup (alt);
          return;
        }
    }
  g_return_if_reached ();
}

GStrv
wa_page_layout_dup_figure_alts (WaPageLayout *doc)
{
  g_autoptr(GStrvBuilder) alts = g_strv_builder_new ();

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind == BLOCK_FIGURE)
        g_strv_builder_add (alts, block->alt != NULL ? block->alt : "");
    }
  return g_strv_builder_end (alts);
}

WaTable *
wa_page_layout_add_table (WaPageLayout *doc, const char *caption, guint n_columns,
                          const char * const *headers, const double *widths,
                          const PangoAlignment *aligns)
{
  Block *block = add_block (doc, BLOCK_TABLE);
  WaTable *table = g_new0 (WaTable, 1);

  table->caption = g_strdup (caption);
  table->n_columns = n_columns;
  table->headers = g_new0 (char *, n_columns + 1);
  table->widths = g_memdup2 (widths, n_columns * sizeof (double));
  table->aligns = g_new0 (PangoAlignment, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      table->headers[c] = g_strdup (headers != NULL ? headers[c] : "");
      table->aligns[c] = aligns != NULL ? aligns[c] : PANGO_ALIGN_LEFT;
    }
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->styles = g_array_new (FALSE, FALSE, sizeof (WaRowStyle));
  table->heights = g_array_new (FALSE, FALSE, sizeof (double));
  table->font_size = TABLE_SIZE;
  block->table = table;
  return table;
}

void
wa_table_add_row (WaTable *table, const char * const *cells, WaRowStyle style)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint c = 0; c < table->n_columns; c++)
    row[c] = g_strdup (cells[c] != NULL ? cells[c] : "");
  g_ptr_array_add (table->rows, row);
  g_array_append_val (table->styles, style);
}

void
wa_table_set_font_size (WaTable *table, double size)
{
  table->font_size = size;
}

void
wa_table_set_markup (WaTable *table, gboolean markup)
{
  table->markup = markup;
}

guint
wa_table_get_n_rows (WaTable *table)
{
  return table->rows->len;
}

/* ---- measuring ------------------------------------------------------- */

static double
text_width (WaPageLayout *doc)
{
  return doc->page_width - 2 * MARGIN_X;
}

static PangoLayout *
heading_layout (cairo_t *cr, const Block *block, double width)
{
  return wa_text_layout_new (cr, block->text, TRUE, block->level == 1 ? 13.5 : 10.5,
                             PANGO_WEIGHT_BOLD, width);
}

/* Space above a heading, then the text, then a rule under a section. */
static double
heading_height (cairo_t *cr, const Block *block, double width)
{
  PangoLayout *layout = heading_layout (cr, block, width);
  double h = wa_text_layout_height (layout) + (block->level == 1 ? 11 : 6);

  g_object_unref (layout);
  return h;
}

/* A header wraps between words only and never hyphenates ("Populati-on"):
 * the columns are made wide enough for their longest header word. */
static PangoLayout *
cell_layout (cairo_t *cr, WaTable *table, guint column, const char *text, gboolean bold,
             gboolean header, double width)
{
  double cell_width = table->widths[column] * width - 2 * CELL_PAD_X;
  PangoLayout *layout = wa_text_layout_new (cr, text, table->markup, table->font_size,
                                            bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                            MAX (cell_width, 10));

  if (header)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_alignment (layout, table->aligns[column]);
  return layout;
}

static double
row_height (cairo_t *cr, WaTable *table, char **cells, gboolean bold, gboolean header,
            double width)
{
  double h = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      PangoLayout *layout = cell_layout (cr, table, c, cells[c], bold, header, width);

      h = MAX (h, wa_text_layout_height (layout));
      g_object_unref (layout);
    }
  return h + 2 * CELL_PAD_Y;
}

static void
measure_table (cairo_t *cr, WaTable *table, double width)
{
  g_array_set_size (table->heights, 0);
  table->header_height = row_height (cr, table, table->headers, TRUE, TRUE, width);
  table->caption_height = 0;
  if (table->caption != NULL)
    {
      PangoLayout *layout = wa_text_layout_new (cr, table->caption, FALSE, 9, PANGO_WEIGHT_BOLD,
                                                width);

      table->caption_height = wa_text_layout_height (layout) + 4;
      g_object_unref (layout);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      WaRowStyle style = g_array_index (table->styles, WaRowStyle, r);
      /* Measured as drawn (highlighted rows are bold too), or a bold name
       * that wraps loses its last line ("Kingston upon Hull, City"). */
      double h = row_height (cr, table, g_ptr_array_index (table->rows, r),
                             style != WA_ROW_NORMAL, FALSE, width);

      g_array_append_val (table->heights, h);
    }
}

static void
measure_lines (Block *block, PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  if (block->line_bottoms == NULL)
    block->line_bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (block->line_bottoms, 0);
  do
    {
      PangoRectangle logical;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      g_array_append_val (block->line_bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double
column_width (WaPageLayout *doc)
{
  return (text_width (doc) - COLUMN_GAP) / 2;
}

static void
measure_items (WaPageLayout *doc, Block *block, cairo_t *cr)
{
  g_array_set_size (block->item_heights, 0);
  for (guint i = 0; i < block->items->len; i++)
    {
      PangoLayout *layout = wa_text_layout_new (cr, g_ptr_array_index (block->items, i), TRUE,
                                                block->size, PANGO_WEIGHT_NORMAL,
                                                column_width (doc));
      double h = wa_text_layout_height (layout) + ITEM_GAP;

      g_array_append_val (block->item_heights, h);
      g_object_unref (layout);
    }
}

static double
line_top (const Block *block, guint line)
{
  return line == 0 ? 0 : g_array_index (block->line_bottoms, double, line - 1);
}

static void
measure_block (WaPageLayout *doc, Block *block, cairo_t *cr)
{
  double width = text_width (doc);
  PangoLayout *layout;

  switch (block->kind)
    {
    case BLOCK_HEADING:
      block->height = heading_height (cr, block, width);
      break;
    case BLOCK_PARAGRAPH:
      layout = wa_text_layout_new (cr, block->text, TRUE, block->size, PANGO_WEIGHT_NORMAL, width);
      measure_lines (block, layout);
      block->height = wa_text_layout_height (layout) + block->size * 0.4;
      g_object_unref (layout);
      break;
    case BLOCK_FIGURE:
      cairo_save (cr);
      block->height = block->measure (block->data, cr, width) + 6;
      cairo_restore (cr);
      break;
    case BLOCK_TABLE:
      measure_table (cr, block->table, width);
      break;
    case BLOCK_COLUMNS:
      measure_items (doc, block, cr);
      break;
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* ---- pagination ------------------------------------------------------ */

typedef struct {
  WaPageLayout *doc;
  GArray *page;
  double y, bottom;
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (flow->doc->pages, flow->page);
  flow->y = MARGIN_TOP;
}

static void
flow_place (Flow *flow, guint block, double height, guint first_row, guint end_row,
            gboolean continued)
{
  Placement p = { block, flow->y, height, first_row, end_row, end_row, continued };

  g_array_append_val (flow->page, p);
  flow->y += height;
}

static double
table_start_height (WaTable *table)
{
  double h = table->caption_height + table->header_height;

  for (guint r = 0; r < MIN (MIN_ROWS, table->rows->len); r++)
    h += g_array_index (table->heights, double, r);
  return h;
}

/* The height a block needs on the current page before anything may
 * follow it: a table's caption, header and first row. */
static double
first_piece_height (Block *block)
{
  if (block->kind == BLOCK_TABLE)
    return table_start_height (block->table);
  if (block->kind == BLOCK_PARAGRAPH && block->line_bottoms->len >= 2 * MIN_LINES)
    return g_array_index (block->line_bottoms, double, MIN_LINES - 1);
  if (block->kind == BLOCK_COLUMNS)
    return block->items->len > 0 ? g_array_index (block->item_heights, double, 0) : 0;
  return block->height;
}

/* Places a paragraph, splitting it between lines when it does not fit
 * and both parts keep MIN_LINES lines. */
static void
flow_paragraph (Flow *flow, guint index, Block *block)
{
  guint n = block->line_bottoms->len, fit = 0;

  if (flow->y + block->height > flow->bottom)
    while (fit < n && flow->y + g_array_index (block->line_bottoms, double, fit) <= flow->bottom)
      fit++;
  /* Carry lines over rather than leave one alone on the next page. */
  if (fit < n && n - fit < MIN_LINES && n >= 2 * MIN_LINES)
    fit = n - MIN_LINES;
  if (flow->y + block->height <= flow->bottom || fit < MIN_LINES || n - fit < MIN_LINES)
    {
      if (flow->y + block->height > flow->bottom && flow->page->len > 0)
        flow_new_page (flow);
      flow_place (flow, index, block->height, 0, n, FALSE);
      return;
    }
  flow_place (flow, index, g_array_index (block->line_bottoms, double, fit - 1), 0, fit, FALSE);
  flow_new_page (flow);
  flow_place (flow, index, block->height - line_top (block, fit), fit, n, TRUE);
}

static double
items_height (const Block *block, guint first, guint end)
{
  double h = 0;

  for (guint i = first; i < end; i++)
    h += g_array_index (block->item_heights, double, i);
  return h;
}

/* The split of items [first, end) into a left and a right column that
 * makes the taller of the two shortest; their height in *height. */
static guint
balance_columns (const Block *block, guint first, guint end, double *height)
{
  guint best = end;

  *height = items_height (block, first, end);
  for (guint split = first + 1; split < end; split++)
    {
      double h = MAX (items_height (block, first, split), items_height (block, split, end));

      if (h < *height)
        {
          *height = h;
          best = split;
        }
    }
  return best;
}

/* How many items from first fill a column of this height (at least one
 * on an empty page, so a tall item cannot stall the flow). */
static guint
fill_column (const Block *block, guint first, double room, gboolean empty_page)
{
  guint end = first;
  double h = 0;

  while (end < block->items->len && h + g_array_index (block->item_heights, double, end) <= room)
    h += g_array_index (block->item_heights, double, end++);
  if (end == first && empty_page && first < block->items->len)
    end++;
  return end;
}

/* A list in two balanced columns; when the rest does not fit the page,
 * both columns are filled to its foot and the list carries on overleaf,
 * read down the left column then the right on each page. */
static void
flow_columns (Flow *flow, guint index, Block *block)
{
  guint first = 0, n = block->items->len;

  while (first < n)
    {
      double room = flow->bottom - flow->y, height;
      guint split = balance_columns (block, first, n, &height), end = n;

      if (height > room)
        {
          split = fill_column (block, first, room, flow->page->len == 0);
          end = split > first ? fill_column (block, split, room, FALSE) : split;
          if (split == first)
            {
              flow_new_page (flow);
              continue;
            }
          height = MAX (items_height (block, first, split), items_height (block, split, end));
        }
      {
        Placement p = { index, flow->y, height, first, end, split, first > 0 };

        g_array_append_val (flow->page, p);
        flow->y += height;
      }
      first = end;
      if (first < n)
        flow_new_page (flow);
    }
}

static void
flow_table (Flow *flow, guint index, WaTable *table)
{
  guint row = 0;
  gboolean continued = FALSE;

  do
    {
      double h = table->caption_height + table->header_height;
      guint end = row;

      while (end < table->rows->len
             && flow->y + h + g_array_index (table->heights, double, end) <= flow->bottom)
        h += g_array_index (table->heights, double, end++);
      /* A bold row heads the rows after it: it does not end a page. */
      while (end < table->rows->len && end > row + 1
             && g_array_index (table->styles, WaRowStyle, end - 1) == WA_ROW_BOLD)
        h -= g_array_index (table->heights, double, --end);
      if (end < table->rows->len && end - row < MIN_ROWS && flow->y > MARGIN_TOP)
        {
          /* Too few rows fit to be worth starting here: carry on overleaf. */
          flow_new_page (flow);
          continue;
        }
      if (end == row)
        end = row + 1;   /* a row taller than a page: place it anyway */
      flow_place (flow, index, h + 4, row, MIN (end, table->rows->len), continued);
      flow->doc->n_continued += continued;
      row = end;
      continued = TRUE;
      if (row < table->rows->len)
        flow_new_page (flow);
    }
  while (row < table->rows->len);
}

guint
wa_page_layout_paginate (WaPageLayout *doc, cairo_t *cr, double page_width, double page_height)
{
  Flow flow = { doc };

  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->n_continued = 0;
  g_ptr_array_set_size (doc->pages, 0);
  for (guint i = 0; i < doc->blocks->len; i++)
    measure_block (doc, g_ptr_array_index (doc->blocks, i), cr);

  flow.bottom = page_height - MARGIN_BOTTOM;
  flow_new_page (&flow);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);
      double need = first_piece_height (block);

      if (block->kind == BLOCK_PAGE_BREAK)
        {
          if (flow.page->len > 0)
            flow_new_page (&flow);
          continue;
        }
      if (block->kind == BLOCK_SPACE)
        {
          if (flow.page->len > 0)
            flow.y += block->height;
          continue;
        }
      /* A heading keeps with the start of what follows it. */
      if (block->kind == BLOCK_HEADING && i + 1 < doc->blocks->len)
        need += first_piece_height (g_ptr_array_index (doc->blocks, i + 1));
      if (flow.y + need > flow.bottom && flow.page->len > 0)
        flow_new_page (&flow);
      if (block->kind == BLOCK_TABLE)
        flow_table (&flow, i, block->table);
      else if (block->kind == BLOCK_PARAGRAPH)
        flow_paragraph (&flow, i, block);
      else if (block->kind == BLOCK_COLUMNS)
        flow_columns (&flow, i, block);
      else
        flow_place (&flow, i, block->height, 0, 0, FALSE);
    }
  return doc->pages->len;
}

guint
wa_page_layout_get_n_pages (WaPageLayout *doc)
{
  return doc->pages->len;
}

guint
wa_page_layout_get_n_continued (WaPageLayout *doc)
{
  return doc->n_continued;
}

/* ---- drawing --------------------------------------------------------- */

/* Sections and sub-sections in the PDF viewer's outline (bookmarks). */
static void
add_outline (WaPageLayout *doc, cairo_t *cr, const Block *block, double y)
{
  cairo_surface_t *target = cairo_get_target (cr);
  g_autofree char *link = NULL;
  int id;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_PDF)
    return;
  link = g_strdup_printf ("page=%u pos=[%d %d]", doc->drawing_page + 1, (int) MARGIN_X,
                          (int) y);
  id = cairo_pdf_surface_add_outline (target,
                                      block->level == 1 ? CAIRO_PDF_OUTLINE_ROOT
                                                        : doc->outline_parent,
                                      block->plain, link,
                                      block->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_BOLD : 0);
  if (block->level == 1)
    doc->outline_parent = id;
}

static void
draw_heading (WaPageLayout *doc, cairo_t *cr, const Block *block, double y)
{
  double width = text_width (doc);

  add_outline (doc, cr, block, y);
  PangoLayout *layout = heading_layout (cr, block, width);
  double top = y + (block->level == 1 ? 7 : 4);

  cairo_set_source_rgb (cr, 0.11, 0.21, 0.34);
  wa_text_draw (cr, layout, MARGIN_X, top);
  if (block->level == 1)
    {
      double rule = top + wa_text_layout_height (layout) + 2;

      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, MARGIN_X, rule);
      cairo_line_to (cr, MARGIN_X + width, rule);
      cairo_stroke (cr);
    }
  g_object_unref (layout);
}

static void
row_background (cairo_t *cr, WaRowStyle style, gboolean header, guint index)
{
  if (header)
    cairo_set_source_rgb (cr, 0.87, 0.9, 0.94);
  else if (style == WA_ROW_HIGHLIGHT)
    cairo_set_source_rgb (cr, 1.0, 0.9, 0.95);
  else if (index % 2 == 1)
    cairo_set_source_rgb (cr, 0.96, 0.965, 0.97);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
}

static void
draw_row (WaPageLayout *doc, cairo_t *cr, WaTable *table, char **cells, WaRowStyle style,
          gboolean header, double y, double h, guint index)
{
  double width = text_width (doc), x = MARGIN_X;

  row_background (cr, style, header, index);
  cairo_rectangle (cr, MARGIN_X, y, width, h);
  cairo_fill (cr);
  if (style == WA_ROW_HIGHLIGHT && !header)
    {
      /* Not colour alone: a bar in the margin marks the row too. */
      cairo_set_source_rgb (cr, 0.85, 0.1, 0.45);
      cairo_rectangle (cr, MARGIN_X, y, 2.2, h);
      cairo_fill (cr);
    }
  cairo_tag_begin (cr, "TR", NULL);
  for (guint c = 0; c < table->n_columns; c++)
    {
      PangoLayout *layout = cell_layout (cr, table, c, cells[c],
                                         header || style != WA_ROW_NORMAL, header, width);

      cairo_tag_begin (cr, header ? "TH" : "TD", NULL);
      cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
      wa_text_draw (cr, layout, x + CELL_PAD_X, y + CELL_PAD_Y);
      cairo_tag_end (cr, header ? "TH" : "TD");
      g_object_unref (layout);
      x += table->widths[c] * width;
    }
  cairo_tag_end (cr, "TR");
  cairo_set_source_rgb (cr, 0.78, 0.8, 0.83);
  cairo_set_line_width (cr, header ? 0.8 : 0.4);
  cairo_move_to (cr, MARGIN_X, y + h);
  cairo_line_to (cr, MARGIN_X + width, y + h);
  cairo_stroke (cr);
}

static void
draw_table (WaPageLayout *doc, cairo_t *cr, WaTable *table, const Placement *p)
{
  double y = p->y;

  if (table->caption != NULL)
    {
      g_autofree char *text = p->continued ? g_strdup_printf (_("%s (continued)"), table->caption)
                                           : g_strdup (table->caption);
      PangoLayout *layout = wa_text_layout_new (cr, text, FALSE, 9, PANGO_WEIGHT_BOLD,
                                                text_width (doc));

      cairo_set_source_rgb (cr, 0.15, 0.15, 0.2);
      wa_text_draw (cr, layout, MARGIN_X, y);
      y += table->caption_height;
      g_object_unref (layout);
    }
  draw_row (doc, cr, table, table->headers, WA_ROW_BOLD, TRUE, y, table->header_height, 0);
  y += table->header_height;
  for (guint r = p->first_row; r < p->end_row; r++)
    {
      double h = g_array_index (table->heights, double, r);

      draw_row (doc, cr, table, g_ptr_array_index (table->rows, r),
                g_array_index (table->styles, WaRowStyle, r), FALSE, y, h, r);
      y += h;
    }
}

/* The structure tag of a block in a tagged PDF (for screen readers and
 * reflow); other surfaces ignore tags. */
static const char *
block_tag (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING: return block->level == 1 ? "H1" : "H2";
    case BLOCK_PARAGRAPH: return "P";
    case BLOCK_FIGURE: return "Figure";
    case BLOCK_TABLE: return "Table";
    case BLOCK_COLUMNS: return "L";
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default: return NULL;
    }
}

static void
draw_columns (WaPageLayout *doc, cairo_t *cr, const Block *block, const Placement *p)
{
  double x = MARGIN_X, y = p->y;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  for (guint i = p->first_row; i < p->end_row; i++)
    {
      PangoLayout *layout;

      if (i == p->split)
        {
          x += column_width (doc) + COLUMN_GAP;
          y = p->y;
        }
      layout = wa_text_layout_new (cr, g_ptr_array_index (block->items, i), TRUE, block->size,
                                   PANGO_WEIGHT_NORMAL, column_width (doc));
      cairo_tag_begin (cr, "LI", NULL);
      wa_text_draw (cr, layout, x, y);
      cairo_tag_end (cr, "LI");
      y += g_array_index (block->item_heights, double, i);
      g_object_unref (layout);
    }
}

static void
draw_block (WaPageLayout *doc, cairo_t *cr, const Placement *p)
{
  Block *block = g_ptr_array_index (doc->blocks, p->block);
  const char *tag = block_tag (block);
  PangoLayout *layout;

  if (tag != NULL)
    cairo_tag_begin (cr, tag, NULL);
  cairo_save (cr);
  switch (block->kind)
    {
    case BLOCK_HEADING:
      draw_heading (doc, cr, block, p->y);
      break;
    case BLOCK_PARAGRAPH:
      layout = wa_text_layout_new (cr, block->text, TRUE, block->size, PANGO_WEIGHT_NORMAL,
                                   text_width (doc));
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      wa_text_draw_lines (cr, layout, MARGIN_X, p->y - line_top (block, p->first_row),
                          p->first_row, p->end_row);
      g_object_unref (layout);
      break;
    case BLOCK_FIGURE:
      cairo_translate (cr, MARGIN_X, p->y);
      block->draw (block->data, cr, text_width (doc), block->height - 6);
      break;
    case BLOCK_TABLE:
      draw_table (doc, cr, block->table, p);
      break;
    case BLOCK_COLUMNS:
      draw_columns (doc, cr, block, p);
      break;
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
  cairo_restore (cr);
  if (tag != NULL)
    cairo_tag_end (cr, tag);
}

static void
draw_furniture (WaPageLayout *doc, cairo_t *cr, guint page)
{
  double width = text_width (doc);
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, doc->pages->len);
  PangoLayout *layout;
  double y = doc->page_height - MARGIN_BOTTOM + 12;

  cairo_save (cr);
  if (page > 0 && doc->running_header != NULL)
    {
      layout = wa_text_layout_new (cr, doc->running_header, FALSE, 7.5, PANGO_WEIGHT_NORMAL, width);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
      wa_text_draw (cr, layout, MARGIN_X, MARGIN_TOP - 24);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, MARGIN_X, MARGIN_TOP - 10);
      cairo_line_to (cr, MARGIN_X + width, MARGIN_TOP - 10);
      cairo_stroke (cr);
      g_object_unref (layout);
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.65);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, MARGIN_X, y - 5);
  cairo_line_to (cr, MARGIN_X + width, y - 5);
  cairo_stroke (cr);
  layout = wa_text_layout_new (cr, number, FALSE, 7.5, PANGO_WEIGHT_BOLD, -1);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.35);
  wa_text_draw (cr, layout, MARGIN_X + width - wa_text_layout_width (layout), y);
  g_object_unref (layout);
  if (doc->footer != NULL)
    {
      layout = wa_text_layout_new (cr, doc->footer, FALSE, 7, PANGO_WEIGHT_NORMAL, width - 70);
      wa_text_draw (cr, layout, MARGIN_X, y);
      g_object_unref (layout);
    }
  cairo_restore (cr);
}

void
wa_page_layout_draw_page (WaPageLayout *doc, cairo_t *cr, guint page)
{
  GArray *placements;

  g_return_if_fail (page < doc->pages->len);

  doc->drawing_page = page;
  if (page == 0)
    doc->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
  placements = g_ptr_array_index (doc->pages, page);
  for (guint i = 0; i < placements->len; i++)
    draw_block (doc, cr, &g_array_index (placements, Placement, i));
  draw_furniture (doc, cr, page);
}

/* A header breaks a word when a line starts after something other than a
 * space, or overflows its cell when a word is wider than the column. */
static gboolean
header_breaks_word (PangoLayout *layout, const char *text, double cell_width)
{
  PangoRectangle logical;
  GSList *lines = pango_layout_get_lines_readonly (layout);

  pango_layout_get_extents (layout, NULL, &logical);
  if (logical.width / (double) PANGO_SCALE > cell_width + 0.01)
    return TRUE;
  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      int start = ((PangoLayoutLine *) l->data)->start_index;

      if (start > 0 && !g_ascii_isspace (text[start - 1]))
        return TRUE;
    }
  return FALSE;
}

guint
wa_page_layout_count_broken_headers (WaPageLayout *doc, cairo_t *cr, double page_width)
{
  double width = page_width - 2 * MARGIN_X;
  guint n = 0;

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);
      WaTable *table = block->table;

      if (block->kind != BLOCK_TABLE || table->markup)
        continue;
      for (guint c = 0; c < table->n_columns; c++)
        {
          PangoLayout *layout = cell_layout (cr, table, c, table->headers[c], TRUE, TRUE, width);

          n += header_breaks_word (layout, table->headers[c],
                                   table->widths[c] * width - 2 * CELL_PAD_X);
          g_object_unref (layout);
        }
    }
  return n;
}
