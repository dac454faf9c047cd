/* wa-ward-list.c: see wa-ward-list.h.
 *
 * A GListStore of the wards kept a node of its own for each (a GSequence
 * of 74,000 on the 10x pack, 3.5 MB) beside the atlas's array of the very
 * same wards, which never changes once the pack is read. */
#include "wa-ward-list.h"
#include "wa-ward.h"

struct _WaWardList
{
  GObject parent_instance;

  GPtrArray *wards;
};

static GType
list_get_item_type (GListModel *model)
{
  return WA_TYPE_WARD;
}

static guint
list_get_n_items (GListModel *model)
{
  return WA_WARD_LIST (model)->wards->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  GPtrArray *wards = WA_WARD_LIST (model)->wards;

  return position < wards->len ? g_object_ref (g_ptr_array_index (wards, position)) : NULL;
}

static void
wa_ward_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (WaWardList, wa_ward_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wa_ward_list_model_init))

static void
wa_ward_list_finalize (GObject *object)
{
  g_ptr_array_unref (WA_WARD_LIST (object)->wards);
  G_OBJECT_CLASS (wa_ward_list_parent_class)->finalize (object);
}

static void
wa_ward_list_class_init (WaWardListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wa_ward_list_finalize;
}

static void
wa_ward_list_init (WaWardList *self)
{
}

WaWardList *
wa_ward_list_new (GPtrArray *wards)
{
  WaWardList *self;

  g_return_val_if_fail (wards != NULL, NULL);

  self = g_object_new (WA_TYPE_WARD_LIST, NULL);
  self->wards = g_ptr_array_ref (wards);
  return self;
}
