import { createHash, randomUUID } from 'crypto';

export const ACCOUNT_ID = '123456789012';

export const uuid = (): string => randomUUID();
export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
export const arn = (service: string, region: string, resource: string): string => `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;

/** Seconds with fraction: the JSON 1.1 timestamp encoding of CodeBuild, CodePipeline, CodeDeploy and CodeCommit. */
export const ts = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** Deterministic pseudo-random numbers, so seeds and fault rates are reproducible. */
export class Rng {
  constructor(private state = 0x9e3779b9) {}
  next(): number {
    // mulberry32
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}
