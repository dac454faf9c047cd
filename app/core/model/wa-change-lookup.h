/* wa-change-lookup.h: questions a front end asks of a WaChange about one
 * ward of either edition: which ward of the other edition holds most of
 * its residents, and which new wards an old ward's residents went to. */
#pragma once

#include "wa-change.h"

G_BEGIN_DECLS

/* A new ward an old ward's residents went to. */
typedef struct {
  const WaWardChange *change;   /* the new ward and its change */
  double share_of_before;       /* of the old ward's residents */
} WaChangeSuccessor;

/* The ward of the other edition holding most of ward's residents: its main
 * successor when ward_is_old, else its largest predecessor (NULL when that
 * is not in the old atlas). out_share is of ward's residents. NULL if the
 * crosswalk does not have the ward. */
WaWard *wa_change_counterpart (WaChange *change, WaWard *ward, gboolean ward_is_old,
                               double *out_share);
/* The new wards holding an old ward's residents, largest share first; an
 * array of WaChangeSuccessor, empty if the crosswalk lacks the code. */
GArray *wa_change_dup_successors (WaChange *change, const char *old_code);
/* "Marfleet (2017) is now mostly Marfleet (2024), 86 % of residents", or
 * for a new ward, "Marfleet (2024) was mostly Marfleet (2017), 86 % of
 * its residents", translated. */
char   *wa_change_describe_counterpart (WaWard *from, WaWard *to, gboolean from_is_old, double share);

G_END_DECLS
