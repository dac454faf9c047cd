/* wa-briefing-output.c: a made briefing on paper: its pages laid out for
 * a page size (the ward map giving up height to keep within its pages),
 * drawn one by one, or written as a PDF with its metadata. */
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "wa-briefing-private.h"
#include "wa-error.h"
#include "wa-safe-write.h"

void
wa_briefing_free (WaBriefing *briefing)
{
  if (briefing == NULL)
    return;
  wa_page_layout_free (briefing->doc);
  g_free (briefing->title);
  g_free (briefing->subject);
  g_free (briefing->keywords);
  g_free (briefing);
}

const char *
wa_briefing_get_title (WaBriefing *briefing)
{
  return briefing->title;
}

guint
wa_briefing_paginate (WaBriefing *briefing, cairo_t *cr, double page_width, double page_height)
{
  guint n_pages;

  if (briefing->map != NULL)
    wa_map_figure_set_aspect (briefing->map, briefing->map_aspect);
  n_pages = wa_page_layout_paginate (briefing->doc, cr, page_width, page_height);
  while (briefing->max_pages > 0 && n_pages > briefing->max_pages && briefing->map != NULL
         && wa_map_figure_get_aspect (briefing->map) > WARD_MAP_MIN_ASPECT + 1e-6)
    {
      wa_map_figure_set_aspect (briefing->map,
                                wa_map_figure_get_aspect (briefing->map) - MAP_ASPECT_STEP);
      n_pages = wa_page_layout_paginate (briefing->doc, cr, page_width, page_height);
    }
  return n_pages;
}

void
wa_briefing_draw_page (WaBriefing *briefing, cairo_t *cr, guint page)
{
  wa_page_layout_draw_page (briefing->doc, cr, page);
}

guint
wa_briefing_get_n_continued (WaBriefing *briefing)
{
  return wa_page_layout_get_n_continued (briefing->doc);
}

/* cairo streams the PDF straight into the safe write; the first write
 * error (a full disk) is kept to be reported as it is. */
typedef struct {
  WaSafeWrite *file;
  GError *error;
} PdfSink;

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  PdfSink *sink = closure;

  if (sink->error == NULL && wa_safe_write_append (sink->file, data, length, &sink->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}

static void
set_metadata (WaBriefing *briefing, cairo_surface_t *surface)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* PDF dates take no fractions of a second. */
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *creator = g_strdup_printf ("Ward Atlas %s", WA_VERSION);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, briefing->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Ward Atlas");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, briefing->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, briefing->keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

gboolean
wa_briefing_write_pdf (WaBriefing *briefing, const char *path, gboolean replace,
                       guint *out_n_pages, GError **error)
{
  g_autoptr(WaSafeWrite) file = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (briefing != NULL && path != NULL, FALSE);

  /* Fails before the work when the file may not be replaced. */
  if ((file = wa_safe_write_begin (path, replace, error)) == NULL)
    return FALSE;
  sink.file = file;
  surface = cairo_pdf_surface_create_for_stream (append_bytes, &sink, WA_PAGE_A4_WIDTH,
                                                 WA_PAGE_A4_HEIGHT);
  set_metadata (briefing, surface);
  cr = cairo_create (surface);
  n_pages = wa_briefing_paginate (briefing, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      wa_briefing_draw_page (briefing, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_FAILED, _("%s: cannot make the PDF: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return wa_safe_write_commit (g_steal_pointer (&file), error);
}
