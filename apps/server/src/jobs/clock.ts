import { Injectable } from '@nestjs/common';

/**
 * The time every timer, SLA and schedule reads. Production follows the system clock; tests build the app
 * with `manualClock` and move time by hand, so a 7-day dunning rule is tested in milliseconds.
 */
@Injectable()
export class Clock {
  private manual: Date | undefined;

  constructor(manual = false) {
    if (manual) this.manual = new Date();
  }

  now(): Date {
    return this.manual ? new Date(this.manual) : new Date();
  }

  set(at: Date): void {
    if (!this.manual) throw new Error('Only a manual clock can be set');
    this.manual = new Date(at);
  }

  advance(milliseconds: number): Date {
    this.set(new Date(this.now().getTime() + milliseconds));
    return this.now();
  }
}
