import type { FaultRule } from '../contracts';

/** The faults a test or a run has asked for, each good for a number of matching requests. */
export class FaultRules {
  private readonly rules: Array<FaultRule & { left: number }> = [];

  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const entry = { ...rule, left: rule.times ?? 1 };
    this.rules.push(entry);
    return () => {
      entry.left = 0;
    };
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first rule that matches this request and has uses left (one use is taken), if any. */
  take(product: string, operation: string, method: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.left <= 0) continue;
      if (rule.product && rule.product !== product) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      rule.left -= 1;
      return rule;
    }
    return undefined;
  }
}
