/* wa-rank-explain.h: why a ward is or is not left behind under a rank
 * method, in words a reader can check against the ward's ranks ("IMD in
 * the most deprived 10 % (decile 1) but CNI decile 5: not in the most
 * deprived 10 % on both"). The same test as wa_rank_method_compute. */
#pragma once

#include <glib.h>
#include "wa-rank-method.h"

G_BEGIN_DECLS

/* One sentence for the ward described by input, whose combined rank is
 * result->combined_rank of n_combined wards with one. Free with g_free. */
char *wa_rank_explain (const WaRankParams *params, const WaRankInput *input,
                       const WaRankResult *result, guint n_combined);

G_END_DECLS
