/* test-build-slot.c: values made on first use (wa-build-slot.h): in the
 * caller's thread, or once in the background thread, which waits while
 * held for an app's first frame. */
#include "wa-build-slot.h"

typedef struct {
  gint n_builds;
  gint users;
} Owner;

static gpointer
build (gpointer owner, guint row, guint column)
{
  g_atomic_int_inc (&((Owner *) owner)->n_builds);
  return GUINT_TO_POINTER (100 * row + column + 1);
}

static gpointer
hold (gpointer owner)
{
  g_atomic_int_inc (&((Owner *) owner)->users);
  return owner;
}

static void
release (gpointer owner)
{
  g_atomic_int_add (&((Owner *) owner)->users, -1);
}

/* Values are numbers, nothing to free. */
static void
free_value (gpointer value)
{
}

static gboolean
wanted (gpointer owner)
{
  return TRUE;
}

static const WaSlotKind kind = { build, free_value, hold, release, wanted };

/* try until the background thread has made it and let go of its owner
 * (which lives on the test's stack), for at most 5 s. */
static gpointer
try_until_made (const WaSlotOrder *order)
{
  Owner *owner = order->owner;

  for (guint i = 0; i < 500; i++)
    {
      gpointer made = wa_build_slot_try (order);

      if (made != NULL && g_atomic_int_get (&owner->users) == 0)
        return made;
      g_usleep (10000);
    }
  return NULL;
}

static void
test_get_and_try (void)
{
  Owner owner = { 0 };
  GMutex lock;
  WaBuildSlot slots[2] = { { 0 } };
  WaSlotOrder first = { &lock, &slots[0], &kind, &owner, 1, 2 };
  WaSlotOrder second = { &lock, &slots[1], &kind, &owner, 3, 4 };

  g_mutex_init (&lock);
  g_assert_cmpuint (GPOINTER_TO_UINT (wa_build_slot_get (&first)), ==, 103);
  g_assert_cmpuint (GPOINTER_TO_UINT (wa_build_slot_try (&first)), ==, 103);
  g_assert_null (wa_build_slot_try (&second));
  g_assert_cmpuint (GPOINTER_TO_UINT (try_until_made (&second)), ==, 305);
  g_assert_cmpint (g_atomic_int_get (&owner.n_builds), ==, 2);
  g_mutex_clear (&lock);
}

/* Held, the background build waits (here 0.3 s, well within the hold's
 * 10 s) and runs once released; get is not held. */
static void
test_hold (void)
{
  Owner owner = { 0 };
  GMutex lock;
  WaBuildSlot slots[2] = { { 0 } };
  WaSlotOrder held = { &lock, &slots[0], &kind, &owner, 0, 7 };
  WaSlotOrder direct = { &lock, &slots[1], &kind, &owner, 0, 8 };

  g_mutex_init (&lock);
  wa_build_slot_hold_background (10000);
  g_assert_null (wa_build_slot_try (&held));
  g_usleep (300000);
  g_assert_null (wa_build_slot_try (&held));
  g_assert_cmpint (g_atomic_int_get (&owner.n_builds), ==, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (wa_build_slot_get (&direct)), ==, 9);
  wa_build_slot_release_background ();
  g_assert_cmpuint (GPOINTER_TO_UINT (try_until_made (&held)), ==, 8);
  g_mutex_clear (&lock);
}

/* A hold ends by itself after its time, should no first frame come. */
static void
test_hold_expires (void)
{
  Owner owner = { 0 };
  GMutex lock;
  WaBuildSlot slot = { 0 };
  WaSlotOrder order = { &lock, &slot, &kind, &owner, 0, 1 };

  g_mutex_init (&lock);
  wa_build_slot_hold_background (200);
  g_assert_null (wa_build_slot_try (&order));
  g_assert_cmpuint (GPOINTER_TO_UINT (try_until_made (&order)), ==, 2);
  g_mutex_clear (&lock);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/build-slot/get-and-try", test_get_and_try);
  g_test_add_func ("/build-slot/hold", test_hold);
  g_test_add_func ("/build-slot/hold-expires", test_hold_expires);
  return g_test_run ();
}
