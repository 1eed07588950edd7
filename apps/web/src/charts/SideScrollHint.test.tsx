import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SideScrollHint } from './SideScrollHint';

const widths = (scroll: number, client: number) => {
  Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get: () => scroll });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => client });
};

describe('SideScrollHint', () => {
  // Back to jsdom's own (on Element.prototype), which these shadow.
  afterEach(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'scrollWidth');
    Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  });

  it('shows an arrow at the edge while columns lie to the right, and none once scrolled to the end', () => {
    widths(800, 300);
    render(
      <SideScrollHint>
        <div className="ant-table-content" data-testid="scroller">
          <table />
        </div>
      </SideScrollHint>,
    );
    expect(screen.getByTestId('side-scroll-hint')).toBeInTheDocument();
    const scroller = screen.getByTestId('scroller');
    scroller.scrollLeft = 500;
    fireEvent.scroll(scroller);
    expect(screen.queryByTestId('side-scroll-hint')).toBeNull();
  });

  it('shows nothing when the table fits', () => {
    widths(300, 300);
    render(
      <SideScrollHint>
        <div className="ant-table-content">
          <table />
        </div>
      </SideScrollHint>,
    );
    expect(screen.queryByTestId('side-scroll-hint')).toBeNull();
  });
});
