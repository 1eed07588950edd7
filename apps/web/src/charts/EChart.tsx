import { useEffect, useRef } from 'react';
import { echarts, type EChartsInstance } from './echarts';

export interface ChartClick {
  componentType: string;
  seriesType?: string;
  seriesName?: string;
  name: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
  event?: { event?: MouseEvent };
}

/**
 * One ECharts instance owned by a div: created on mount, given each new option whole (no merging with the
 * last one), resized with its box, disposed on unmount. `data-rendered` turns true once a frame is drawn.
 */
export function EChart({
  option,
  onClick,
  onInstance,
  testId,
  style,
}: {
  option: Record<string, unknown>;
  onClick?: (event: ChartClick) => void;
  onInstance?: (instance: EChartsInstance | null) => void;
  testId?: string;
  style?: React.CSSProperties;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const instanceRef = useRef(onInstance);
  instanceRef.current = onInstance;

  useEffect(() => {
    const element = ref.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as unknown as ChartClick));
    instance.on('finished', () => element.setAttribute('data-rendered', 'true'));
    instanceRef.current?.(instance);
    // The observer reports the box once as soon as it observes it: the size the chart was just drawn at.
    // A resize redraws the whole chart, so it waits for a size the chart does not have.
    const observer = new ResizeObserver(() => {
      if (element.clientWidth !== instance.getWidth() || element.clientHeight !== instance.getHeight())
        instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instanceRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    ref.current?.setAttribute('data-rendered', 'false');
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      data-testid={testId}
      style={{
        width: '100%',
        height: '100%',
        minHeight: 120,
        cursor: onClick ? 'pointer' : undefined,
        ...style,
      }}
    />
  );
}
