/* wa-change.h: what changed between two editions, ward by ward, through the
 * crosswalk stored in the newer pack (README "Change since 2019").
 *
 * For each ward of the newer edition: its predecessors with population
 * shares, its position (percentile of rank: combined, IMD, CNI) in each
 * edition, the share of its residents whose old ward was left behind, its
 * change category, the share of its residents on a changed boundary, and
 * the like-for-like count of IMD decile-1 LSOAs in each edition.
 *
 * Left-behind status and combined positions are those of each atlas's
 * rank method when the WaChange is made: make a new one after changing a
 * method. Positions are percentiles (rank / wards ranked, 1 = most in
 * need), never raw ranks: the editions rank different numbers of wards. */
#pragma once

#include <glib-object.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

/* A ward whose old wards' residents were left behind for at least this
 * share counts as left behind in the old edition; at most WA_CHANGE_PARTLY_LOW,
 * as not; in between, "partly". Shares are of the new ward's residents. */
#define WA_CHANGE_PARTLY_LOW  0.25
#define WA_CHANGE_PARTLY_HIGH 0.75

/* An old ward is on an unchanged boundary with a new one when it has the
 * same code, or when each holds at least this share of the other's
 * residents (a ward re-coded without a boundary change). */
#define WA_CHANGE_SAME_AREA 0.95
/* Positions (percentiles of combined rank) are read against the
 * definition's left-behind line, the most deprived 10 %: printed with the
 * decimals that keep them on their side of it (wa_format_percent_beside). */
#define WA_CHANGE_POSITION_LINE_PERCENT 10.0

typedef enum {
  WA_CHANGE_LEFT_BEHIND_BOTH,      /* left behind then (or partly) and now */
  WA_CHANGE_NEWLY_LEFT_BEHIND,     /* not then, left behind now */
  WA_CHANGE_NO_LONGER_LEFT_BEHIND, /* left behind then (or partly), not now */
  WA_CHANGE_NEITHER,
  WA_N_CHANGE_CATEGORIES
} WaChangeCategory;

/* "left-behind-in-both", "newly-left-behind", "no-longer-left-behind", "neither". */
const char *wa_change_category_id    (WaChangeCategory category);
gboolean    wa_change_category_from_id (const char *id, WaChangeCategory *out_category);
/* In words, translated: "Partly left behind in 2019, left behind now", ... */
const char *wa_change_category_label (WaChangeCategory category, gboolean partly);
/* The category of a ward whose old wards' left-behind share is share_then;
 * out_partly (may be NULL) tells whether share_then is strictly between
 * the two cuts. */
WaChangeCategory wa_change_classify (double share_then, gboolean left_behind_now,
                                     gboolean *out_partly);

/* One piece of the crosswalk: the residents an old ward and a new ward
 * share (built by wa-build-crosswalk.c, stored in the "crosswalk" table). */
typedef struct {
  char *before;                 /* old ward code */
  char *after;                  /* new ward code */
  double population_before;     /* old ward's residents in the piece (old population year) */
  double population_after;      /* new ward's residents in the piece (new population year) */
  double share_of_before;       /* population_before / old ward's total */
  double share_of_after;        /* population_after / new ward's total */
  double lsoa_changed_after;    /* of population_after, in LSOAs split, merged or redrawn */
  double decile1_before;        /* old IMD decile-1 LSOAs, shared like their population */
  double decile1_after;         /* new IMD decile-1 LSOAs, likewise */
} WaCrosswalkPiece;

void wa_crosswalk_piece_free (WaCrosswalkPiece *piece);

typedef enum {
  WA_CHANGE_POSITION_COMBINED,
  WA_CHANGE_POSITION_IMD,
  WA_CHANGE_POSITION_CNI,
  WA_N_CHANGE_POSITIONS
} WaChangePosition;

/* An old ward of a new one. */
typedef struct {
  const char *code;
  WaWard *ward;                 /* in the old atlas; NULL if it has no such ward */
  double share_of_after;        /* of the new ward's residents */
  double share_of_before;       /* of the old ward's residents */
  double population_before;
  gboolean left_behind;         /* in the old atlas */
  double position[WA_N_CHANGE_POSITIONS];  /* percentile in the old edition; NAN if unranked */
} WaChangeLink;

typedef struct {
  WaWard *ward;                 /* in the new atlas */
  const WaChangeLink *predecessors;   /* largest share first */
  guint n_predecessors;
  double share_left_behind_then;      /* of residents, from old wards left behind */
  gboolean left_behind_now;
  WaChangeCategory category;
  gboolean partly;
  double changed_boundary_share;      /* of residents, from old wards not the same area (WA_CHANGE_SAME_AREA) */
  double changed_lsoa_share;          /* of residents, in LSOAs split, merged or redrawn */
  double decile1_then, decile1_now;   /* IMD decile-1 LSOAs in the area, each edition */
  double position_then[WA_N_CHANGE_POSITIONS]; /* old wards' percentiles, weighted by share */
  double position_now[WA_N_CHANGE_POSITIONS];
  double list_residents_then;         /* old population of left-behind old wards now here */
  double residents_now;               /* new population year: the crosswalk's residents of the ward */
} WaWardChange;

/* Totals of one category: wards, their residents now, and the residents
 * (old population year) of old left-behind wards who live in them. */
typedef struct {
  guint n_wards;
  guint n_partly;
  double residents_now;
  double list_residents_then;
} WaChangeTotals;

#define WA_TYPE_CHANGE (wa_change_get_type ())
G_DECLARE_FINAL_TYPE (WaChange, wa_change, WA, CHANGE, GObject)

/* Reads the crosswalk of after's pack. before must be the older edition.
 * Errors name the pack: no crosswalk (an older pack), a malformed row, a
 * new ward the atlas lacks. */
WaChange *wa_change_new (WaAtlas *before, WaAtlas *after, GError **error);
/* Whether a source of that manifest role only feeds the crosswalk: such
 * sources say nothing about a ward's own figures, so a briefing without a
 * change block does not list them. */
gboolean wa_change_is_crosswalk_role (const char *role);

/* Reads the crosswalk of the pack at path (a GPtrArray of WaCrosswalkPiece,
 * owned): the file only, no atlas, so a worker thread may call it while the
 * main thread goes on changing ranks. */
GPtrArray *wa_change_read_pieces (const char *path, GError **error);
/* The same from ward lists (GListModel of WaWard) and pieces, for tests
 * and front ends that already hold the pieces. */
WaChange *wa_change_new_from_pieces (GListModel *before_wards, GListModel *after_wards,
                                     GPtrArray *pieces, GError **error);

/* New wards with at least one predecessor, in the new atlas's order. */
guint               wa_change_get_n_wards (WaChange *self);
const WaWardChange *wa_change_get_ward    (WaChange *self, guint index);
/* By new ward code; NULL if the ward has no predecessor in the crosswalk. */
const WaWardChange *wa_change_lookup      (WaChange *self, const char *code);
/* The new ward holding most of an old ward's residents; NULL if none. */
WaWard             *wa_change_main_successor (WaChange *self, const char *old_code,
                                              double *out_share);
void                wa_change_get_totals  (WaChange *self, WaChangeCategory category,
                                           WaChangeTotals *out_totals);
/* The wards ranked in the old (or new) edition: the denominator of its
 * percentiles, for "7th of 7,421". */
guint               wa_change_get_n_ranked (WaChange *self, gboolean old, WaChangePosition position);
/* Residents (old population year) of the old left-behind wards: the sum of
 * the crosswalk's pieces, to check against the old atlas's populations. */
double              wa_change_get_list_residents_then (WaChange *self);

G_END_DECLS
