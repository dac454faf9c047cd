/* wa-error.h: the one error domain of the Ward Atlas core library. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WA_ERROR (wa_error_quark ())

/* Every GError from the core names the file (and row or layer where there is
 * one) in its message; the code says what kind of problem it was. */
typedef enum {
  WA_ERROR_FAILED,        /* anything not covered below */
  WA_ERROR_IO,            /* cannot open, read, write or rename a file */
  WA_ERROR_PARSE,         /* a malformed row, value or manifest entry */
  WA_ERROR_MISSING,       /* a required file, layer, column or manifest key is absent */
  WA_ERROR_DUPLICATE,     /* the same code appears twice where it must be unique */
  WA_ERROR_UNKNOWN_CODE,  /* a code that the other inputs do not know */
  WA_ERROR_SCHEMA,        /* a pack of another schema version, or not a pack at all */
  WA_ERROR_NOT_FOUND,     /* a lookup (ward, postcode, place) found nothing */
  WA_ERROR_INVALID,       /* an argument out of range (threshold, weight, coordinate) */
  WA_ERROR_DAMAGED,       /* a pack whose contents differ from what its builder recorded */
} WaError;

GQuark wa_error_quark (void);

G_END_DECLS
