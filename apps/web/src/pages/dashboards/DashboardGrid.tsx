import type { DashboardItem } from '@lowcode/app-model';
import { Flex } from 'antd';
import ReactGridLayout, { useContainerWidth } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { GRID_COLUMNS, phoneOrder, ROW_HEIGHT, toGridLayout, type GridItem } from './model/layout';

const MARGIN = 12;
/** Pixel height of an item `h` rows tall, margins between its rows included. */
export const itemHeight = (h: number) => h * ROW_HEIGHT + (h - 1) * MARGIN;

interface GridProps {
  items: DashboardItem[];
  phone: boolean;
  editing: boolean;
  layout: GridItem[] | undefined;
  onLayoutChange: (layout: GridItem[]) => void;
  renderItem: (item: DashboardItem, height: number) => React.ReactNode;
  /** A card's height on a phone when it needs less than a chart (a KPI). */
  phoneHeight?: (item: DashboardItem) => number | undefined;
}

/**
 * The dashboard's cards on the 24-column grid (dragged by their header and resized from the corner in edit
 * mode), or on a phone one full-width card after another in the grid's reading order.
 */
export function DashboardGrid({ items, phone, phoneHeight, renderItem, ...desktop }: GridProps) {
  if (!phone) return <DesktopGrid items={items} renderItem={renderItem} {...desktop} />;
  return (
    <Flex vertical gap={MARGIN} data-testid="dashboard-grid" data-layout="phone">
      {phoneOrder(items).map((item) => {
        // A KPI keeps its own height; charts get room to read on a narrow screen.
        const height = phoneHeight?.(item) ?? Math.max(itemHeight(Math.min(item.layout.h, 8)), 220);
        return (
          <div key={item.key} style={{ height }}>
            {renderItem(item, height)}
          </div>
        );
      })}
    </Flex>
  );
}

function DesktopGrid({
  items,
  editing,
  layout,
  onLayoutChange,
  renderItem,
}: Omit<GridProps, 'phone' | 'phoneHeight'>) {
  // The cards are laid out once the container's width is known: laid out at a guessed width first, every
  // chart would draw itself, then draw itself again at the real one.
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const current = layout ?? toGridLayout(items);
  const heights = new Map(current.map((entry) => [entry.i, itemHeight(entry.h)]));
  return (
    <div
      ref={containerRef as React.RefObject<HTMLDivElement>}
      data-testid="dashboard-grid"
      data-layout="grid"
    >
      {mounted ? (
        <ReactGridLayout
          width={width}
          layout={current}
          gridConfig={{
            cols: GRID_COLUMNS,
            rowHeight: ROW_HEIGHT,
            margin: [MARGIN, MARGIN],
            containerPadding: [0, 0],
          }}
          dragConfig={{ enabled: editing, handle: '.ant-card-head' }}
          resizeConfig={{ enabled: editing }}
          onLayoutChange={(next) =>
            editing && onLayoutChange(next.map(({ i, x, y, w, h }) => ({ i, x, y, w, h })))
          }
        >
          {items.map((item) => (
            <div key={item.key}>{renderItem(item, heights.get(item.key) ?? itemHeight(item.layout.h))}</div>
          ))}
        </ReactGridLayout>
      ) : null}
    </div>
  );
}
