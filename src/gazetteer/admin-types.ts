/** Countries covered by the bundled boundaries. */
export type Iso3 = 'IRQ' | 'SYR';

/**
 * Admin units at a point or for a name, canonical COD-AB English names with their pcodes.
 * Levels below the finest known one are null (Syria has governorates only).
 */
export interface AdminMatch {
  country: Iso3;
  admin1: string | null;
  admin1_code: string | null;
  admin2: string | null;
  admin2_code: string | null;
  admin3: string | null;
  admin3_code: string | null;
}

/** A governorate as listed by `AdminLookup.admin1Units()`. */
export interface Admin1Unit {
  country: Iso3;
  name: string;
  name_ar: string;
  code: string;
}
