/* wa-briefing-assets.c: the briefing's social infrastructure section. */
#include <glib/gi18n.h>

#include "wa-briefing-private.h"

void
wa_briefing_add_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward)
{
  g_autofree char *name = g_markup_escape_text (wa_ward_get_name (ward), -1);
  g_autofree char *text = NULL;

  wa_page_layout_add_heading (doc, _("Social infrastructure"), 1);
  text = g_strdup_printf (_("<b>No asset data in this pack.</b> This data pack holds no "
                            "social infrastructure (community asset) data, so the places "
                            "to meet, civic assets and community organisations in %s "
                            "cannot be counted or compared with England and similar wards "
                            "here. The Community Needs Index's Civic Assets, Connectedness "
                            "and Active and Engaged Community domains above are the "
                            "closest measures available."), name);
  wa_page_layout_add_paragraph (doc, text, 0);
}
