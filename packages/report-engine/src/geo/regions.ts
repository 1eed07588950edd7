// Region outlines for the map chart, shipped with the package (nothing is fetched at run time). These are
// hand-drawn, simplified outlines of the three districts the property template's communities are in —
// enough to colour a district by a measure, not a survey map. Register with
// `echarts.registerMap(REGION_MAP_NAME, REGION_GEOJSON)`; a map report's first dimension names the region
// (`properties.name`, in Chinese as the template's `district` values are). The districts lie in three
// cities up to 1,700 km apart: drawn where they are, each would be a speck on a dashboard card, so
// `REGION_SPECIAL_AREAS` (ECharts' `specialAreas`, as its US map insets Alaska) sets them side by side,
// one cell each.

export const REGION_MAP_NAME = 'lowcode-property-districts';

type Ring = Array<[number, number]>;

function feature(name: string, nameEn: string, city: string, ring: Ring) {
  return {
    type: 'Feature' as const,
    properties: { name, nameEn, city },
    // Closed with a copy of the first point: ECharts moves points in place, and a shared one would move twice.
    geometry: { type: 'Polygon' as const, coordinates: [[...ring, [...ring[0]!] as [number, number]]] },
  };
}

export const REGION_GEOJSON = {
  type: 'FeatureCollection' as const,
  features: [
    feature('南山区', 'Nanshan District', '深圳', [
      [113.86, 22.47],
      [113.94, 22.48],
      [114.0, 22.51],
      [114.03, 22.56],
      [114.01, 22.62],
      [113.95, 22.65],
      [113.89, 22.61],
      [113.85, 22.55],
    ]),
    feature('浦东新区', 'Pudong New Area', '上海', [
      [121.47, 31.23],
      [121.52, 31.39],
      [121.63, 31.42],
      [121.8, 31.35],
      [121.97, 31.07],
      [121.93, 30.88],
      [121.76, 30.86],
      [121.6, 30.98],
      [121.5, 31.1],
    ]),
    feature('锦江区', 'Jinjiang District', '成都', [
      [104.07, 30.66],
      [104.1, 30.67],
      [104.13, 30.65],
      [104.16, 30.61],
      [104.14, 30.57],
      [104.1, 30.57],
      [104.08, 30.6],
      [104.07, 30.63],
    ]),
  ],
};

/** Degrees of longitude each district is drawn across, and the gap between two. */
const INSET_WIDTH = 0.3;
const INSET_GAP = 0.12;

/** Each district's place in the row: left edge and bottom (ECharts' `top` is the lower latitude) and width. */
export const REGION_SPECIAL_AREAS: Record<string, { left: number; top: number; width: number }> =
  Object.fromEntries(
    REGION_GEOJSON.features.map((region, index) => [
      region.properties.name,
      { left: 100 + index * (INSET_WIDTH + INSET_GAP), top: 30, width: INSET_WIDTH },
    ]),
  );
