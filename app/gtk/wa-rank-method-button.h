/* wa-rank-method-button.h: the header's "combined rank method" button and
 * its popover: the methods, what the chosen one means, its threshold and
 * weights.
 *
 * The settings are the only store: the popover writes the rank-method,
 * threshold, weight-imd and weight-cni keys, and shows what they say for
 * the open edition. Whoever ranks wards reads the same keys with
 * wa_rank_params_from_settings(). */
#pragma once

#include <gtk/gtk.h>
#include "wa-edition.h"
#include "wa-rank-method.h"

G_BEGIN_DECLS

#define WA_TYPE_RANK_METHOD_BUTTON (wa_rank_method_button_get_type ())
G_DECLARE_FINAL_TYPE (WaRankMethodButton, wa_rank_method_button, WA, RANK_METHOD_BUTTON, GtkWidget)

/* Methods the edition lacks are greyed out; until an edition is set the
 * button shows no method. */
void wa_rank_method_button_set_edition (WaRankMethodButton *self, WaEdition edition);

/* The rank parameters the settings ask for, made valid for edition: an
 * unavailable method falls back to the edition's default method (the
 * edition table's default_method), invalid numbers to the
 * defaults. */
void wa_rank_params_from_settings (GSettings *settings, WaEdition edition, WaRankParams *params);
/* The same for every edition, for a pack not yet opened
 * (wa_atlas_open_progressive_async ranks it so). */
void wa_rank_params_from_settings_all (GSettings *settings, WaRankParams by_edition[WA_N_EDITIONS]);

G_END_DECLS
