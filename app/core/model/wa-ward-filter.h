/* wa-ward-filter.h: which wards a ranking table shows and in what order:
 * filters by region, local authorities, left-behind status and free text,
 * and a sort on any column (ranks numeric, unranked last in either
 * direction). Shared by the app's ranking table, `ward-atlas-cli rank` and
 * the CSV export, so that all three show the same rows. */
#pragma once

#include <glib-object.h>
#include "wa-atlas.h"
#include "wa-change.h"

G_BEGIN_DECLS

typedef enum {
  WA_WARD_COLUMN_COMBINED_RANK,
  WA_WARD_COLUMN_NAME,
  WA_WARD_COLUMN_CODE,
  WA_WARD_COLUMN_LAD,
  WA_WARD_COLUMN_REGION,
  WA_WARD_COLUMN_POPULATION,
  WA_WARD_COLUMN_IMD_RANK,
  WA_WARD_COLUMN_CNI_RANK,
  WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK,
  WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK,
  WA_WARD_COLUMN_CNI_ENGAGED_RANK,
  WA_WARD_COLUMN_LEFT_BEHIND,
  WA_WARD_COLUMN_OFFICIAL,        /* 2019 edition only */
  WA_WARD_COLUMN_LAD_CODE,        /* for joining exports to other data */
  WA_WARD_COLUMN_REGION_CODE,
  WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, /* residents in published left-behind LSOAs; 2025 only */
  WA_N_WARD_COLUMNS
} WaWardColumn;

/* Stable id for the CLI and CSV ("combined_rank", "ward_name", ...). */
const char *wa_ward_column_id    (WaWardColumn column);
/* Translated table heading ("Combined", "Ward", ...). */
const char *wa_ward_column_title (WaWardColumn column);
/* Accepts the id or a short alias ("combined", "ward", "name", "lad",
 * "imd", "cni", "population", ...). */
gboolean    wa_ward_column_from_id (const char *id, WaWardColumn *out_column);
/* "combined", "imd:desc", "population:asc" -> column and direction. */
gboolean    wa_ward_sort_parse (const char *text, WaWardColumn *out_column,
                                gboolean *out_descending, GError **error);
/* Whether the column applies to the atlas's edition. */
gboolean    wa_ward_column_available (WaWardColumn column, WaAtlas *atlas);
/* Numeric columns are right-aligned in tables. */
gboolean    wa_ward_column_is_numeric (WaWardColumn column);
/* Names and codes: the columns wa_ward_column_text answers. */
gboolean    wa_ward_column_is_text (WaWardColumn column);
/* The cell text: ranks and counts in en-GB digits ("1,234"), "–" when
 * there is no figure, "Yes"/"No" for flags. */
char       *wa_ward_column_format (WaWardColumn column, WaWard *ward);
/* The text of a name or code column (NULL for other columns, or when the
 * ward has none), for sorting and CSV. */
const char *wa_ward_column_text (WaWardColumn column, WaWard *ward);
/* The figure in a numeric column that is neither a rank nor a count
 * (the neighbourhood share, 0..1), NAN when the ward has none. */
double      wa_ward_column_value (WaWardColumn column, WaWard *ward);
/* The rank in a rank column (0 = unranked), for sorting and CSV. */
guint       wa_ward_column_rank (WaWardColumn column, WaWard *ward);

/* Order of a and b on column in the given direction: < 0 when a comes
 * first. Wards without a figure come last in both directions; ties fall
 * back to the combined rank, then the code, so the order is total. */
int         wa_ward_compare (WaWard *a, WaWard *b, WaWardColumn column, gboolean descending);

typedef struct _WaWardFilter WaWardFilter;

WaWardFilter *wa_ward_filter_new  (void);
WaWardFilter *wa_ward_filter_copy (const WaWardFilter *filter);
void          wa_ward_filter_free (WaWardFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaWardFilter, wa_ward_filter_free)

/* Region name or code; NULL or "" for all regions. */
void        wa_ward_filter_set_region (WaWardFilter *filter, const char *region);
const char *wa_ward_filter_get_region (const WaWardFilter *filter);
/* Local authorities (names or codes); none = all. */
void        wa_ward_filter_add_lad    (WaWardFilter *filter, const char *lad);
void        wa_ward_filter_clear_lads (WaWardFilter *filter);
gboolean    wa_ward_filter_has_lad    (const WaWardFilter *filter, const char *lad);
guint       wa_ward_filter_get_n_lads (const WaWardFilter *filter);
void        wa_ward_filter_set_left_behind_only (WaWardFilter *filter, gboolean only);
gboolean    wa_ward_filter_get_left_behind_only (const WaWardFilter *filter);
/* Only the new wards of a change category (a WaChangeCategory; < 0 for
 * any, change may then be NULL); change's newer atlas is the filtered one. */
void        wa_ward_filter_set_change_category (WaWardFilter *filter, WaChange *change, int category);
int         wa_ward_filter_get_change_category (const WaWardFilter *filter);
/* Wards by their share of residents in the published left-behind
 * neighbourhoods (wa_ward_get_neighbourhood_share): any ward, wards with
 * some (share above 0), or wards with half or more (the neighbourhoods
 * method's cut). Wards whose share is unknown match only ANY. */
typedef enum {
  WA_NEIGHBOURHOOD_FILTER_ANY,
  WA_NEIGHBOURHOOD_FILTER_SOME,
  WA_NEIGHBOURHOOD_FILTER_MAJORITY,
  WA_N_NEIGHBOURHOOD_FILTERS
} WaNeighbourhoodFilter;

void        wa_ward_filter_set_neighbourhoods (WaWardFilter *filter, WaNeighbourhoodFilter which);
WaNeighbourhoodFilter wa_ward_filter_get_neighbourhoods (const WaWardFilter *filter);
/* "any", "some", "half" (the CLI's words) and back. */
gboolean    wa_neighbourhood_filter_from_id (const char *id, WaNeighbourhoodFilter *out);
/* Translated, for a drop-down: "All Wards", … */
const char *wa_neighbourhood_filter_title (WaNeighbourhoodFilter which);
/* Free text: every word must start a word of the ward's name, code, LAD or
 * region (folded like search: case, accents, punctuation). */
void        wa_ward_filter_set_text   (WaWardFilter *filter, const char *text);
const char *wa_ward_filter_get_text   (const WaWardFilter *filter);
gboolean    wa_ward_filter_is_empty   (const WaWardFilter *filter);

gboolean    wa_ward_filter_match (const WaWardFilter *filter, WaWard *ward);
/* Checks region and LAD names against the atlas: WA_ERROR_NOT_FOUND names
 * the first one that matches no ward (a typo in `--lad` must not silently
 * give an empty table). */
gboolean    wa_ward_filter_validate (const WaWardFilter *filter, WaAtlas *atlas, GError **error);
/* The atlas's wards that match, sorted; borrowed WaWard*. */
GPtrArray  *wa_ward_filter_apply (const WaWardFilter *filter, WaAtlas *atlas,
                                  WaWardColumn sort, gboolean descending);

/* Builds, once, what text filtering keeps on each ward (its folded
 * text) and the collation keys its name and code are sorted by, for
 * wards [first, first + n), so that a front end can do it in idle time
 * rather than on the first click; the slice that reaches the last ward
 * also starts a thread that sorts the keys into the atlas's order and
 * frees them (a sort asked for meanwhile waits for it). Returns the index
 * after the last ward done. */
guint       wa_ward_filter_prepare (WaAtlas *atlas, guint first, guint n);

/* "225 wards, 2.39 million people" (wards with an unknown population count
 * but add nothing). */
char       *wa_ward_list_describe (GPtrArray *wards);
gint64      wa_ward_list_population (GPtrArray *wards);

G_END_DECLS
