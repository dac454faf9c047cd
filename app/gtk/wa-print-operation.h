/* wa-print-operation.h: prints a briefing: the same pages as the PDF
 * export, drawn by the same code onto the print context. */
#pragma once

#include <gtk/gtk.h>
#include "wa-briefing.h"

G_BEGIN_DECLS

#define WA_TYPE_PRINT_OPERATION (wa_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (WaPrintOperation, wa_print_operation, WA, PRINT_OPERATION,
                      GtkPrintOperation)

/* Takes ownership of briefing. A4 portrait by default; the briefing is
 * laid out again for whatever paper the user picks. */
WaPrintOperation *wa_print_operation_new (WaBriefing *briefing);

G_END_DECLS
