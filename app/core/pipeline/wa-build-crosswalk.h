/* wa-build-crosswalk.h: wards of the previous edition <-> wards of this
 * one, through LSOAs, weighted by population (README "Change since 2019").
 *
 * Each old LSOA (2011) has a ward (best fit) and a population (mid-2019);
 * each new LSOA (2021) a ward (best fit) and a population (Census 2021);
 * the ONS LSOA 2011 -> 2021 lookup links them with a change code: U
 * unchanged (1:1), S split (1:n), M merged (n:1), X redrawn (n:m). A link
 * carries the old LSOA's population shared among its new LSOAs in
 * proportion to their populations, and the new LSOA's population shared
 * among its old LSOAs in proportion to theirs; so a U link carries both
 * LSOAs whole, and the links of one LSOA always add up to its population.
 * A piece is the sum of the links between one old and one new ward.
 *
 * Pure computation, so that tests can build any case in code; the build
 * step (wa_build_crosswalk) reads the sources and writes the pieces. */
#pragma once

#include <glib.h>
#include "wa-change.h"

G_BEGIN_DECLS

typedef struct _WaCrosswalk WaCrosswalk;

/* WaCrosswalkPiece (one home: wa-change.h, which reads the pieces). */

WaCrosswalk *wa_crosswalk_new  (void);
void         wa_crosswalk_free (WaCrosswalk *crosswalk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaCrosswalk, wa_crosswalk_free)

/* The LSOAs the crosswalk covers (those of the edition's IMD table). An
 * LSOA added twice is an error. */
gboolean wa_crosswalk_add_lsoa    (WaCrosswalk *crosswalk, gboolean after, const char *code,
                                   GError **error);
gboolean wa_crosswalk_has_lsoa    (WaCrosswalk *crosswalk, gboolean after, const char *code);
/* Attributes of an added LSOA; FALSE if it was not added. */
gboolean wa_crosswalk_set_ward    (WaCrosswalk *crosswalk, gboolean after, const char *lsoa,
                                   const char *ward);
gboolean wa_crosswalk_set_population (WaCrosswalk *crosswalk, gboolean after, const char *lsoa,
                                      double population);
gboolean wa_crosswalk_set_decile1 (WaCrosswalk *crosswalk, gboolean after, const char *lsoa,
                                   gboolean decile1);
/* One row of the LSOA lookup; change is "U", "S", "M" or "X". Rows between
 * two LSOAs outside the crosswalk (Wales) are ignored; a row with one
 * side outside it is an error. */
gboolean wa_crosswalk_add_link    (WaCrosswalk *crosswalk, const char *before, const char *after,
                                   const char *change, GError **error);

/* The pieces (WaCrosswalkPiece*), sorted by new ward, then largest share
 * of it first. Fails, naming the LSOA, when an LSOA lacks a ward, a
 * population or a link, or when the links contradict a change code (a U
 * LSOA with two links, an S one whose new LSOA has two old ones, ...). */
GPtrArray   *wa_crosswalk_compute (WaCrosswalk *crosswalk, GError **error);

G_END_DECLS
