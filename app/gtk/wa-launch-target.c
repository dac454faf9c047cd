/* wa-launch-target.c */
#include <glib/gi18n.h>

#include "wa-launch-target.h"

typedef struct {
  char *ward_code;
  char *postcode;
  gulong ready_id, failed_id;
} Target;

static void
target_free (Target *target)
{
  g_free (target->ward_code);
  g_free (target->postcode);
  g_free (target);
}

static void
target_closure_free (gpointer data, GClosure *closure)
{
  target_free (data);
}

static WaWard *
resolve (WaWindow *window, const Target *target, char **out_message)
{
  WaAtlas *atlas = wa_window_get_atlas (window);
  const char *edition = wa_edition_to_string (wa_atlas_get_edition (atlas));
  g_autoptr(GError) error = NULL;
  g_autoptr(WaPostcodeHit) hit = NULL;
  WaWard *ward;

  if (target->ward_code != NULL)
    {
      g_autofree char *typed = g_strdup (target->ward_code);
      g_autofree char *code = g_ascii_strup (g_strstrip (typed), -1);

      ward = wa_atlas_lookup_ward (atlas, code);
      if (ward == NULL)
        /* Translators: %s is a ward code such as E05000027, then an edition year. */
        *out_message = g_strdup_printf (_("No ward has the code “%s” in the %s edition"),
                                        target->ward_code, edition);
      return ward;
    }
  hit = wa_atlas_lookup_postcode (atlas, target->postcode, &error);
  if (hit == NULL)
    {
      *out_message = g_strdup (error->message);
      return NULL;
    }
  ward = hit->ward_index >= 0 ? wa_atlas_get_ward (atlas, hit->ward_index) : NULL;
  if (ward == NULL)
    *out_message = g_strdup_printf (_("Postcode %s is not inside any ward of the %s edition"),
                                    hit->postcode, edition);
  return ward;
}

static void
apply_now (WaWindow *window, const Target *target)
{
  g_autofree char *message = NULL;
  WaWard *ward = resolve (window, target, &message);

  if (ward != NULL)
    wa_window_select_ward (window, ward, TRUE);
  else
    wa_window_show_toast (window, message);
}

/* Disconnecting the "map-ready" handler frees target: do it last. */
static void
disconnect (WaWindow *window, Target *target)
{
  g_signal_handler_disconnect (window, target->failed_id);
  g_signal_handler_disconnect (window, target->ready_id);
}

static void
on_map_ready (WaWindow *window, Target *target)
{
  if (wa_window_get_atlas (window) != NULL)
    apply_now (window, target);
  disconnect (window, target);
}

static void
on_pack_failed (WaWindow *window, const char *message, Target *target)
{
  /* The window already explains why the pack did not open. */
  disconnect (window, target);
}

void
wa_launch_target_apply (WaWindow *window, const char *ward_code, const char *postcode)
{
  Target *target;

  g_return_if_fail (WA_IS_WINDOW (window));
  g_return_if_fail ((ward_code == NULL) != (postcode == NULL));

  target = g_new0 (Target, 1);
  target->ward_code = g_strdup (ward_code);
  target->postcode = g_strdup (postcode);
  if (wa_window_get_atlas (window) != NULL)
    {
      apply_now (window, target);
      target_free (target);
      return;
    }
  /* Freed with whichever handler is disconnected last. */
  target->ready_id = g_signal_connect_data (window, "map-ready", G_CALLBACK (on_map_ready),
                                            target, target_closure_free, 0);
  target->failed_id = g_signal_connect (window, "pack-failed", G_CALLBACK (on_pack_failed),
                                        target);
}
