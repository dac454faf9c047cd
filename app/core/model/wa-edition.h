/* wa-edition.h: the data editions a pack can hold, in one table.
 *
 * Everything that differs between editions (its id in settings, packs and
 * on the command line, its labels, whether a published left-behind list
 * exists, the default rank method, the pack's file name, the shortcut that
 * switches to it) is a field of WaEditionInfo. The header switcher, the
 * shortcuts window, the CLI and the tests iterate this table; the pack
 * builder keeps one recipe per edition (wa_pack_build_has_recipe).
 * Adding an edition: README, "Adding an edition". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An edition is one consistent set of boundaries and indicators. Values
 * index the table; newest last. */
typedef enum {
  WA_EDITION_2019,  /* WD17 wards, IMD 2019, CNI 2019: the APPG's 2019 definition */
  WA_EDITION_2025,  /* WD24 wards, IMD 2025, CNI 2023 */
  WA_N_EDITIONS
} WaEdition;

typedef struct {
  WaEdition   edition;
  const char *id;                /* "2019": settings, CLI, pack metadata */
  const char *label;             /* translatable: "2019 edition" */
  const char *description;       /* translatable: "2019: Wards 2017, IMD 2019, CNI 2019" */
  const char *details;           /* translatable: what the edition holds, for tooltips */
  const char *ward_vintage;      /* "2017": the ward boundaries' year */
  const char *imd_vintage;       /* "2019" */
  const char *cni_vintage;       /* "2019" */
  gboolean    has_official_list; /* OCSI's published left-behind flag */
  gboolean    has_neighbourhood_list; /* OCSI's published left-behind LSOAs */
  const char *default_method;    /* a WaRankMethod id, e.g. "both-decile" */
  const char *pack_file_name;    /* "ward-atlas-2019.gpkg" */
  const char *accelerator;       /* "<Control>1": switch to this edition */
} WaEditionInfo;

/* The row for EDITION (never NULL for a valid edition). Strings marked
 * translatable are returned untranslated: pass them through _(). */
const WaEditionInfo *wa_edition_get_info (WaEdition edition);
/* The newest edition: the last row. */
WaEdition   wa_edition_newest      (void);

/* "2019" / "2025"; parse accepts exactly the table's ids. */
const char *wa_edition_to_string   (WaEdition edition);
gboolean    wa_edition_from_string (const char *text, WaEdition *out_edition);
/* The ids joined with SEPARATOR, e.g. "2019 or 2025" for messages (free). */
char       *wa_edition_list_ids    (const char *separator, const char *last_separator);
/* The ids as a translated choice, "2019 or 2025", for help and errors (free). */
char       *wa_edition_list_choices (void);
/* A translated one-line description, e.g. "2019: Wards 2017, IMD 2019, CNI 2019". */
const char *wa_edition_describe    (WaEdition edition);
/* Whether the published "left behind" flag exists for this edition (2019 only). */
gboolean    wa_edition_has_official_flag (WaEdition edition);
/* Whether OCSI published left-behind neighbourhoods (LSOAs) for this
 * edition's CNI (2025: CNI 2023). */
gboolean    wa_edition_has_neighbourhood_flag (WaEdition edition);

G_END_DECLS
