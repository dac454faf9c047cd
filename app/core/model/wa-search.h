/* wa-search.h: one search box over an atlas: postcodes (full or partial,
 * any case and spacing, through the pack's index), ward names and codes,
 * local authority (LAD) names and codes, and places (cities, towns,
 * villages). Shared by the app's search entry and `ward-atlas-cli search`.
 *
 * Names are folded for matching (case, accents, punctuation: "St. Helens",
 * "st helens" and "Saint Helens" are the same), and ranked: exact match,
 * then prefix of the name, then prefix of a later word ("hull" finds
 * "Kingston upon Hull"; well-known short names such as "Hull" are exact
 * aliases); within each, local authorities, then cities, towns, wards and
 * smaller places, bigger first. */
#pragma once

#include <glib-object.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

typedef enum {
  WA_SEARCH_POSTCODE,
  WA_SEARCH_POSTCODE_DISTRICT,   /* a whole outward code, e.g. "SW1A": no bbox here
                                  * (wa_atlas_get_postcode_district gives it) */
  WA_SEARCH_WARD,
  WA_SEARCH_LAD,
  WA_SEARCH_PLACE,
  WA_SEARCH_CUSTOM_AREA,         /* one of the user's saved areas: code is its id
                                  * (wa_custom_areas_search, wa-custom-area.h) */
} WaSearchKind;

typedef struct {
  WaSearchKind kind;
  WaPlaceKind place_kind; /* places only */
  char *title;          /* "Becontree", "SW1A 0AA" */
  char *context;        /* "ward in Barking and Dagenham", "postcode in St James's" */
  char *code;           /* ward or LAD code, or the postcode; NULL for places */
  int ward_index;       /* the ward to select: the ward itself, or the one holding the point; -1 if none */
  int area_index;       /* LADs: index into wa_atlas_get_areas (WA_AREA_LAD); else -1 */
  /* What to show on activation: fit bbox (wards, LADs, districts, large
   * places); for postcodes and places also a point to pin. */
  gboolean has_point;
  double lon, lat;
  gboolean has_bbox;
  WaBBox bbox;
} WaSearchResult;

void wa_search_result_free (WaSearchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaSearchResult, wa_search_result_free)

/* A word for the kind of result ("ward", "postcode", "city", ...), translated. */
const char *wa_search_result_kind_label (const WaSearchResult *result);

#define WA_TYPE_SEARCH (wa_search_get_type ())
G_DECLARE_FINAL_TYPE (WaSearch, wa_search, WA, SEARCH, GObject)

/* Builds the name index over the atlas (about 40,000 names; tens of ms). */
WaSearch  *wa_search_new (WaAtlas *atlas);
/* The search for an atlas, built on first use and kept with the atlas. */
WaSearch  *wa_search_get_for_atlas (WaAtlas *atlas);
WaAtlas   *wa_search_get_atlas (WaSearch *self);
/* For building in a worker thread (it only reads the atlas; keep a
 * reference to the atlas meanwhile): an index for the atlas that holds no
 * reference to it, then, on the atlas's thread, make it the one that
 * wa_search_get_for_atlas returns (unless there already is one). */
WaSearch  *wa_search_new_unattached (WaAtlas *atlas);
void       wa_search_attach (WaSearch *search);

/* Results for the text, best first, at most limit; empty for blank text.
 * Returns a GPtrArray of WaSearchResult* that frees them. */
GPtrArray *wa_search_query (WaSearch *self, const char *text, guint limit);
/* The same, or NULL with WA_ERROR_DAMAGED when a whole postcode's row or
 * index in the pack is damaged (wa_search_query then leaves it out). */
GPtrArray *wa_search_query_checked (WaSearch *self, const char *text, guint limit,
                                    GError **error);

/* The folded form used for matching: lower case, no accents, punctuation
 * dropped or turned into spaces, "saint" as "st", "&" as "and", single
 * spaces. Exposed for tests and for the table's text filter. */
char      *wa_search_fold (const char *text);

G_END_DECLS
