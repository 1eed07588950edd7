// A token's branch is its path through the splits it is inside: `splitId:branch` per open split, outermost
// first. `return` and the visits it chooses from compare branches by prefix.
import { type Token } from '../types';

export const branchOf = (token: Token): string[] =>
  token.splits.map((frame) => `${frame.splitId}:${frame.branch}`);

/** Whether `branch` is `of` or a branch `of` lies inside (so a token on `of` may go back to it). */
export const samePrefix = (branch: string[], of: string[]): boolean =>
  branch.length <= of.length && branch.every((part, index) => of[index] === part);
