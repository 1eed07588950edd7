import { RightOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table wider than its card scrolls sideways, but a phone's or a Mac's scrollbars stay hidden until one
 * scrolls: without a sign the columns past the edge look missing (the CX pivot's third service line). While
 * more lies to the right, the edge fades out under an arrow; scrolled to the end, it is gone.
 */
export function SideScrollHint({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  // After every render, not once: antd may have replaced the scrolling element or its table since.
  useEffect(() => {
    const scroller = box.current?.querySelector<HTMLElement>('.ant-table-body, .ant-table-content');
    if (!scroller) return;
    const measure = () => setMore(scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1);
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    // Older browsers (and jsdom) have no ResizeObserver: the hint then follows scrolling and re-renders only.
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    resized?.observe(scroller);
    if (scroller.firstElementChild) resized?.observe(scroller.firstElementChild);
    return () => {
      scroller.removeEventListener('scroll', measure);
      resized?.disconnect();
    };
  });
  return (
    <div ref={box} style={{ position: 'relative', minWidth: 0 }}>
      {children}
      {more ? (
        <div
          data-testid="side-scroll-hint"
          aria-hidden
          style={{
            position: 'absolute',
            top: 0,
            right: 0,
            bottom: 0,
            width: 32,
            pointerEvents: 'none',
            background: 'linear-gradient(to right, rgba(255,255,255,0), rgba(255,255,255,0.95))',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            color: 'rgba(0,0,0,0.45)',
          }}
        >
          <RightOutlined />
        </div>
      ) : null}
    </div>
  );
}
