import {
  AppstoreOutlined,
  AreaChartOutlined,
  BarChartOutlined,
  BorderInnerOutlined,
  BoxPlotOutlined,
  BranchesOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DotChartOutlined,
  FieldNumberOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  HeatMapOutlined,
  LineChartOutlined,
  PieChartOutlined,
  RadarChartOutlined,
  SunOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { CHART_TYPES, type ChartType } from '@lowcode/app-model';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** An icon per chart type; a mapped type keeps it complete when a type is added. */
export const CHART_ICONS: { [K in ChartType]: React.ReactNode } = {
  kpi: <FieldNumberOutlined />,
  line: <LineChartOutlined />,
  area: <AreaChartOutlined />,
  bar: <BarChartOutlined />,
  stackedBar: <BarChartOutlined style={{ transform: 'scaleY(-1)' }} />,
  horizontalBar: <BarChartOutlined style={{ transform: 'rotate(90deg)' }} />,
  pie: <PieChartOutlined />,
  ring: <PieChartOutlined style={{ opacity: 0.75 }} />,
  rose: <SunOutlined style={{ transform: 'rotate(20deg)' }} />,
  scatter: <DotChartOutlined />,
  bubble: <DotChartOutlined style={{ fontWeight: 700 }} />,
  radar: <RadarChartOutlined />,
  funnel: <FunnelPlotOutlined />,
  gauge: <DashboardOutlined />,
  heatmap: <HeatMapOutlined />,
  calendarHeatmap: <CalendarOutlined />,
  treemap: <AppstoreOutlined />,
  sunburst: <SunOutlined />,
  sankey: <BranchesOutlined />,
  boxplot: <BoxPlotOutlined />,
  table: <TableOutlined />,
  pivot: <BorderInnerOutlined />,
  map: <GlobalOutlined />,
};

export function ChartTypePicker({
  value,
  onChange,
}: {
  value: ChartType;
  onChange: (type: ChartType) => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(84px, 1fr))', gap: 4 }}
      data-testid="report-chart-types"
    >
      {CHART_TYPES.map((type) => (
        <Tooltip key={type} title={t(`dashboards.chartHints.${type}`)} mouseEnterDelay={0.6}>
          <Button
            size="small"
            type={type === value ? 'primary' : 'default'}
            icon={CHART_ICONS[type]}
            onClick={() => onChange(type)}
            data-testid={`report-chart-${type}`}
            style={{ justifyContent: 'flex-start', overflow: 'hidden' }}
          >
            {t(`dashboards.chartTypes.${type}`)}
          </Button>
        </Tooltip>
      ))}
    </div>
  );
}
