/* wa-user-list-private.h: what the user lists' files share inside the
 * model folder, and the knob the tests turn. */
#pragma once

#include "wa-user-list.h"

G_BEGIN_DECLS

/* The row limit wa_user_table_read enforces: WA_USER_TABLE_MAX_ROWS, or
 * for tests a smaller one (0 restores the default), so the limit can be
 * tested without writing a million rows. */
void  wa_user_table_set_row_limit (guint limit);
guint wa_user_table_get_row_limit (void);

G_END_DECLS
