/* wa-build-slot.c */
#include "wa-build-slot.h"
#include "wa-heap.h"

/* Whether the slot is made, with its value in made. */
static gboolean
slot_read (const WaSlotOrder *order, gpointer *made)
{
  gboolean done;

  g_mutex_lock (order->lock);
  *made = order->slot->made;
  done = order->slot->done;
  g_mutex_unlock (order->lock);
  return done;
}

gpointer
wa_build_slot_get (const WaSlotOrder *order)
{
  WaBuildSlot *slot = order->slot;
  gpointer made;

  if (slot_read (order, &made))
    return made;
  made = order->kind->build (order->owner, order->row, order->column);
  g_mutex_lock (order->lock);
  if (!slot->done)
    {
      slot->made = made;
      slot->done = TRUE;
    }
  else
    g_clear_pointer (&made, order->kind->free);
  made = slot->made;
  g_mutex_unlock (order->lock);
  return made;
}

/* The background thread's gate (wa_build_slot_hold_background): shut
 * until release_at (monotonic µs), or open when that is 0. */
static GMutex gate_lock;
static GCond gate_cond;
static gint64 gate_release_at;

void
wa_build_slot_hold_background (guint max_ms)
{
  g_mutex_lock (&gate_lock);
  gate_release_at = g_get_monotonic_time () + (gint64) max_ms * 1000;
  g_mutex_unlock (&gate_lock);
}

void
wa_build_slot_release_background (void)
{
  g_mutex_lock (&gate_lock);
  gate_release_at = 0;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

static void
wait_for_gate (void)
{
  g_mutex_lock (&gate_lock);
  while (gate_release_at != 0 && g_get_monotonic_time () < gate_release_at)
    g_cond_wait_until (&gate_cond, &gate_lock, gate_release_at);
  g_mutex_unlock (&gate_lock);
}

/* A background build: the owner is held until it runs. */
static void
build_job_run (gpointer data, gpointer user_data)
{
  WaSlotOrder *order = data;

  wait_for_gate ();

  /* An owner no one holds any more (the method or palette changed again
   * meanwhile, the pack was closed) is not worth the work. */
  if (order->kind->wanted (order->owner))
    {
      wa_build_slot_get (order);
      /* What the build grew and freed, in this thread's heap. */
      wa_heap_give_back_freed ();
    }
  else
    {
      /* Asked again (wa_build_slot_try) should it be wanted later. */
      g_mutex_lock (order->lock);
      order->slot->queued = FALSE;
      g_mutex_unlock (order->lock);
    }
  order->kind->release (order->owner);
  g_free (order);
}

/* One background thread for all owners' builds. */
static GThreadPool *
build_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (build_job_run, NULL, 1, FALSE, NULL));
  return pool;
}

static void
build_queue (const WaSlotOrder *order)
{
  WaSlotOrder *job = g_memdup2 (order, sizeof *order);

  job->owner = order->kind->hold (order->owner);
  g_thread_pool_push (build_pool (), job, NULL);
}

gpointer
wa_build_slot_try (const WaSlotOrder *order)
{
  WaBuildSlot *slot = order->slot;
  gpointer made;
  gboolean queue;

  if (slot_read (order, &made))
    return made;
  /* Checked again under the lock: only the first to ask queues a build,
   * and not once one is made meanwhile. */
  g_mutex_lock (order->lock);
  queue = !slot->done && !slot->queued;
  slot->queued = TRUE;
  g_mutex_unlock (order->lock);
  if (queue)
    build_queue (order);
  return NULL;
}
