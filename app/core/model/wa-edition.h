/* wa-edition.h: the data editions a pack can hold. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An edition is one consistent set of boundaries and indicators. */
typedef enum {
  WA_EDITION_2019,  /* WD17 wards, IMD 2019, CNI 2019: the APPG's 2019 definition */
  WA_EDITION_2025,  /* WD24 wards, IMD 2025, CNI 2023 */
  WA_N_EDITIONS
} WaEdition;

/* "2019" / "2025"; parse accepts exactly those. */
const char *wa_edition_to_string   (WaEdition edition);
gboolean    wa_edition_from_string (const char *text, WaEdition *out_edition);
/* A translatable one-line description, e.g. "2019: Wards 2017, IMD 2019, CNI 2019". */
const char *wa_edition_describe    (WaEdition edition);
/* Whether the published "left behind" flag exists for this edition (2019 only). */
gboolean    wa_edition_has_official_flag (WaEdition edition);

G_END_DECLS
