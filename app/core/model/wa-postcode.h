/* wa-postcode.h: UK postcode normalisation. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "sw1a0aa", " SW1A  0AA " -> "SW1A0AA" (upper case, no white space).
 * Returns NULL if the text cannot be a full unit postcode (2..4 character
 * outward code + digit + two letters, UK pattern). */
char    *wa_postcode_normalise (const char *text);
/* "SW1A0AA" or any accepted spelling -> "SW1A 0AA"; NULL if invalid. */
char    *wa_postcode_format    (const char *text);
/* Normalised outward code of a partial postcode ("sw1a", "SW1A 0") for
 * prefix search: upper case, white space removed; NULL if it cannot start a
 * postcode. */
char    *wa_postcode_normalise_prefix (const char *text);
gboolean wa_postcode_is_valid  (const char *text);

G_END_DECLS
