// The ECharts build the web uses: only the chart types and components the report engine's options need,
// so the bundle stays a fraction of the full library. The map of the template's districts ships with the
// report engine and is registered once here.
import { REGION_GEOJSON, REGION_MAP_NAME, REGION_SPECIAL_AREAS } from '@lowcode/report-engine';
import {
  BarChart,
  BoxplotChart,
  FunnelChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  MapChart,
  PieChart,
  RadarChart,
  SankeyChart,
  ScatterChart,
  SunburstChart,
  TreemapChart,
} from 'echarts/charts';
import {
  CalendarComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  BoxplotChart,
  FunnelChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  MapChart,
  PieChart,
  RadarChart,
  SankeyChart,
  ScatterChart,
  SunburstChart,
  TreemapChart,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  // The rule that marks a month still in progress (本月至今).
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
// A copy: ECharts moves the outlines' points in place to lay the districts side by side.
echarts.registerMap(
  REGION_MAP_NAME,
  structuredClone(REGION_GEOJSON) as unknown as Parameters<typeof echarts.registerMap>[1],
  REGION_SPECIAL_AREAS,
);

export { echarts };
export type EChartsInstance = ReturnType<typeof echarts.init>;
