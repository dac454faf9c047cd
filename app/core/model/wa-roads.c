/* wa-roads.c: see wa-roads.h. Read from the pack by wa-pack-reader.c. */
#include "wa-roads.h"

struct _WaRoads
{
  GPtrArray *motorways;   /* WaRoad* */
  GArray *stations;       /* WaStation */
};

static void
road_free (gpointer data)
{
  WaRoad *road = data;

  g_free (road->ref);
  g_free (road->xy);
  g_free (road);
}

static void
station_clear (gpointer data)
{
  WaStation *station = data;

  g_free (station->name);
  g_free (station->code);
}

WaRoads *
wa_roads_new (void)
{
  WaRoads *roads = g_new0 (WaRoads, 1);

  roads->motorways = g_ptr_array_new_with_free_func (road_free);
  roads->stations = g_array_new (FALSE, TRUE, sizeof (WaStation));
  g_array_set_clear_func (roads->stations, station_clear);
  return roads;
}

void
wa_roads_free (WaRoads *roads)
{
  if (roads == NULL)
    return;
  g_ptr_array_unref (roads->motorways);
  g_array_unref (roads->stations);
  g_free (roads);
}

void
wa_roads_add_motorway (WaRoads *roads, char *ref, double *xy, guint n_points)
{
  WaRoad *road = g_new0 (WaRoad, 1);

  g_return_if_fail (n_points >= 2);
  road->ref = ref;
  road->xy = xy;
  road->n_points = n_points;
  road->bbox = (WaBBox) { xy[0], xy[1], xy[0], xy[1] };
  for (guint i = 1; i < n_points; i++)
    {
      road->bbox.min_x = MIN (road->bbox.min_x, xy[2 * i]);
      road->bbox.max_x = MAX (road->bbox.max_x, xy[2 * i]);
      road->bbox.min_y = MIN (road->bbox.min_y, xy[2 * i + 1]);
      road->bbox.max_y = MAX (road->bbox.max_y, xy[2 * i + 1]);
    }
  g_ptr_array_add (roads->motorways, road);
}

void
wa_roads_add_station (WaRoads *roads, char *name, char *code, double lon, double lat)
{
  WaStation station = { name, code, lon, lat };

  g_array_append_val (roads->stations, station);
}

GPtrArray *
wa_roads_get_motorways (WaRoads *roads)
{
  return roads->motorways;
}

GArray *
wa_roads_get_stations (WaRoads *roads)
{
  return roads->stations;
}
