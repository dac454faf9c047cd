/* wa-briefing-private.h: shared by the briefing's source files. */
#pragma once

#include "wa-area-summary.h"
#include "wa-briefing.h"
#include "wa-briefing-figures.h"
#include "wa-page-layout.h"

G_BEGIN_DECLS

struct _WaBriefing {
  WaPageLayout *doc;
  WaMapFigure *map;       /* owned by doc; NULL without a map */
  double map_aspect;      /* the map's height / width before any shrinking */
  guint max_pages;        /* 0 = no limit */
  char *title;
  char *subject;
  char *keywords;
};

/* A ward briefing is two or three pages. Should one run over (another
 * rank method's longer wording, a longer translation), the map gives up
 * height, step by step down to a floor, before a fourth page starts. */
#define WARD_MAX_PAGES 3
#define WARD_MAP_ASPECT 0.56
#define WARD_MAP_MIN_ASPECT 0.40
#define AREA_MAP_ASPECT 0.72
#define MAP_ASPECT_STEP 0.02

/* Words for numbers (wa-briefing.c). */
char *wa_briefing_today        (void);                  /* "2 December 2026" */
char *wa_briefing_rank_or_dash (guint rank);            /* "–" for 0 */
char *wa_briefing_median_text  (double value);          /* "–" for NAN */
/* A percentile of combined rank as a share from greatest need ("0.4 %",
 * finer near the top, where the left-behind wards are; never printed on
 * the 10 % line unless it is on it: "9.96 %", "10.04 %"). Not NAN. */
char *wa_briefing_position_text (double position);
char *wa_briefing_edition_text (WaAtlas *atlas);
char *wa_briefing_method_sentence (WaAtlas *atlas);
/* A paragraph from a printf format; the arguments are escaped. */
/* An area's summary in words: the share and the people of its wards left
 * behind, and its median ranks. */
char *wa_briefing_left_behind_share  (const WaAreaSummary *s);
char *wa_briefing_left_behind_people (const WaAreaSummary *s);
char *wa_briefing_median_combined    (const WaAreaSummary *s);
char *wa_briefing_median_imd         (const WaAreaSummary *s);
char *wa_briefing_median_cni         (const WaAreaSummary *s);
void  wa_briefing_add_markup   (WaPageLayout *doc, double size, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* The parts both briefings share (wa-briefing.c). */
WaBriefing *wa_briefing_new (const char *title, const char *subject, const char *keywords);
void  wa_briefing_add_furniture (WaBriefing *b, WaAtlas *atlas);
/* wards: the briefing's (the ward alone, or the area's), whose councils
 * decide which local asset datasets are listed; NULL lists every source. */
void  wa_briefing_add_method_and_sources (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards);

/* The "Social infrastructure" section for a ward: its community assets
 * by domain against England and similar wards, or, for a pack without
 * asset data, a section that says so. */
void wa_briefing_add_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward);
/* "Your lists": the user's own lists (WaUserList *) in the ward against
 * England. */
void wa_briefing_add_user_lists (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, GPtrArray *lists);
/* The same for the wards of a council or region: totals and rates over
 * the wards each category's data cover. */
void wa_briefing_add_area_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas,
                                                 GPtrArray *wards);

/* The national briefing's social infrastructure page
 * (wa-briefing-benchmark.c): the APPG's three-way benchmark of the
 * categories whose data covers all of England, one table per atlas (an
 * edition, under its rank method), on a page of its own. */
void wa_briefing_add_benchmark (WaPageLayout *doc, WaAtlas * const *atlases, guint n_atlases);

/* The "Since 2019" block (wa-briefing-change.c): for a ward of either
 * edition, or the wards of a council or region. change may be NULL, or
 * made from other atlases than the ward's: the block is then one line
 * saying the other edition's pack was not given. */
void wa_briefing_add_ward_change (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward, WaChange *change);
void wa_briefing_add_area_change (WaPageLayout *doc, WaAtlas *atlas, GPtrArray *wards,
                                  WaChange *change);
void wa_briefing_add_change_missing (WaPageLayout *doc);

/* Makes cairo 1.16's PDF in pdf a tagged one (wa-briefing-tagging.c):
 * marked, in language lang (a BCP 47 tag), each Figure element with its
 * alternative text (figure_alts: one per figure, in drawing order, ""
 * for none). On failure pdf is left as it was. */
gboolean wa_briefing_tag_pdf (GByteArray *pdf, const char *lang, const char * const *figure_alts,
                              GError **error);

G_END_DECLS
