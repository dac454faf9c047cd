/* wa-print-operation.c
 *
 * The whole sheet is used (use-full-page) and the briefing keeps its own
 * margins, which are wider than any printer's unprintable edge; so a
 * printed page matches the PDF.
 */
#include "wa-print-operation.h"

struct _WaPrintOperation
{
  GtkPrintOperation parent_instance;
  WaBriefing *briefing;
};

G_DEFINE_FINAL_TYPE (WaPrintOperation, wa_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
wa_print_operation_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  WaPrintOperation *self = WA_PRINT_OPERATION (operation);
  guint n_pages = wa_briefing_paginate (self->briefing,
                                        gtk_print_context_get_cairo_context (context),
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
wa_print_operation_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page)
{
  WaPrintOperation *self = WA_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_save (cr);
  wa_briefing_draw_page (self->briefing, cr, (guint) page);
  cairo_restore (cr);
}

static void
wa_print_operation_finalize (GObject *object)
{
  g_clear_pointer (&WA_PRINT_OPERATION (object)->briefing, wa_briefing_free);
  G_OBJECT_CLASS (wa_print_operation_parent_class)->finalize (object);
}

static void
wa_print_operation_class_init (WaPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = wa_print_operation_finalize;
  print_class->begin_print = wa_print_operation_begin_print;
  print_class->draw_page = wa_print_operation_draw_page;
}

static void
wa_print_operation_init (WaPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

WaPrintOperation *
wa_print_operation_new (WaBriefing *briefing)
{
  WaPrintOperation *self = g_object_new (WA_TYPE_PRINT_OPERATION, NULL);

  self->briefing = briefing;
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), wa_briefing_get_title (briefing));
  return self;
}
