import { chooseAssignee, type DispatchCandidate } from './auto-dispatch';

const member = (
  userId: string,
  openTasks: number,
  attributes: Record<string, unknown>,
): DispatchCandidate => ({
  userId,
  openTasks,
  attributes,
});

const technicians = [
  member('u1', 3, { projects: ['p1'], skills: ['plumbing'], qualifications: ['general'] }),
  member('u2', 1, {
    projects: ['p1', 'p2'],
    skills: ['plumbing', 'electrical'],
    qualifications: ['general', 'senior'],
  }),
  member('u3', 0, { projects: ['p2'], skills: ['plumbing'], qualifications: ['general'] }),
  member('u4', 0, { projects: ['p1'], skills: ['plumbing'], qualifications: ['general'], onDuty: false }),
  member('u5', 5, { areas: ['p1'], skills: ['plumbing'], qualifications: ['general'], maxOpenTasks: 5 }),
];

describe('auto-dispatch', () => {
  it.each([
    ['area and category: the least loaded on duty', { area: 'p1', category: 'plumbing' }, 'u2'],
    ['another area', { area: 'p2', category: 'plumbing' }, 'u3'],
    ['a skill level narrows it', { area: 'p1', category: 'plumbing', skill: 'senior' }, 'u2'],
    ['an absent value does not filter', { category: 'plumbing' }, 'u3'],
    ['nobody offers it', { area: 'p2', category: 'elevator' }, undefined],
  ])('leastLoaded: %s', (_name, request, expected) => {
    expect(chooseAssignee(technicians, request, 'leastLoaded')).toBe(expected);
  });

  it('breaks ties by user id and skips members at capacity unless everyone is', () => {
    const tied = [member('b', 1, { skills: ['x'] }), member('a', 1, { skills: ['x'] })];
    expect(chooseAssignee(tied, { category: 'x' }, 'leastLoaded')).toBe('a');
    const full = [member('a', 2, { skills: ['x'], maxOpenTasks: 2 }), member('b', 3, { skills: ['x'] })];
    expect(chooseAssignee(full, { category: 'x' }, 'leastLoaded')).toBe('b');
    const allFull = [
      member('a', 2, { skills: ['x'], maxOpenTasks: 2 }),
      member('b', 3, { skills: ['x'], maxOpenTasks: 3 }),
    ];
    expect(chooseAssignee(allFull, { category: 'x' }, 'leastLoaded')).toBe('a');
  });

  it('round robin goes to the next matching member after the previous one, then wraps', () => {
    const request = { area: 'p1', category: 'plumbing' };
    expect(chooseAssignee(technicians, request, 'roundRobin')).toBe('u1');
    expect(chooseAssignee(technicians, request, 'roundRobin', 'u1')).toBe('u2');
    expect(chooseAssignee(technicians, request, 'roundRobin', 'u2')).toBe('u5');
    expect(chooseAssignee(technicians, request, 'roundRobin', 'u5')).toBe('u1');
  });
});
