/** Geographic positions: GEO (`lat;long`) and `geo:lat,long` URIs (Apple's structured location). */

/** A position when both numbers are finite and in range; undefined otherwise. */
export function validGeo(lat: number, long: number): { lat: number; long: number } | undefined {
  return Number.isFinite(lat) && Number.isFinite(long) && Math.abs(lat) <= 90 && Math.abs(long) <= 180 ? { lat, long } : undefined;
}

/**
 * The position in a `geo:` URI anywhere in `v`.
 *
 * @example geoFromUri('geo:48.000000,11.000000') // { lat: 48, long: 11 }
 */
export function geoFromUri(v: string): { lat: number; long: number } | undefined {
  const m = /geo:\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)/i.exec(v);
  return m === null ? undefined : validGeo(Number(m[1]), Number(m[2]));
}

