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

/* cairo's PDF is kept in memory (a briefing is well under a few
 * megabytes) to be tagged before it is written. */
static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Marks the PDF tagged, in the briefing's language, with the figures'
 * alternative text. Should this cairo write a PDF the tagger does not
 * know, the PDF is kept untagged: still a correct briefing. */
static void
tag_pdf (WaBriefing *briefing, GByteArray *pdf)
{
  g_auto(GStrv) alts = wa_page_layout_dup_figure_alts (briefing->doc);
  g_autoptr(GError) error = NULL;
  /* TRANSLATORS: the language of this translation as a BCP 47 tag
   * (e.g. fr-FR), written into briefing PDFs for screen readers. */
  const char *lang = C_("PDF language", "en-GB");

  if (!wa_briefing_tag_pdf (pdf, lang, (const char * const *) alts, &error))
    g_warning ("Briefing PDF left untagged: %s", error->message);
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
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (briefing != NULL && path != NULL, FALSE);

  /* Fails before the work when the file may not be replaced. */
  if ((file = wa_safe_write_begin (path, replace, error)) == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, WA_PAGE_A4_WIDTH,
                                                 WA_PAGE_A4_HEIGHT);
  set_metadata (briefing, surface);
  cr = cairo_create (surface);
  n_pages = wa_briefing_paginate (briefing, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT);
  /* A tagged PDF's structure has one root element, the document. */
  cairo_tag_begin (cr, "Document", NULL);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      wa_briefing_draw_page (briefing, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_tag_end (cr, "Document");
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_FAILED, _("%s: cannot make the PDF: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  tag_pdf (briefing, pdf);
  if (!wa_safe_write_append (file, pdf->data, pdf->len, error))
    return FALSE;
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return wa_safe_write_commit (g_steal_pointer (&file), error);
}
