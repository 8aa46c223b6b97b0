/**
 * What the live collection covered: which resource types were listed in which account and region, and
 * where listing failed. Only a covered (type, account, region) can hold "missing" or "unmanaged" drift:
 * a type that was not listed, or failed to list, is "not compared", never "no drift".
 */
import type { EvidenceGap } from "../sources/aws/contract.js";

/** One type listed in one account; `region` undefined: listed once for every region (a global service). */
export interface LiveCoverage {
  type: string;
  account: string;
  region?: string;
}

export interface CoverageInput {
  collected: readonly LiveCoverage[];
  gaps: readonly EvidenceGap[];
}

export class Coverage {
  readonly accounts: string[];

  constructor(private readonly input: CoverageInput) {
    this.accounts = [...new Set(input.collected.map((c) => c.account))].sort();
  }

  /**
   * Undefined when `type` was listed without a gap where the record lives, else why not. A record
   * whose account is unknown (an ARN-less state record) is covered when every collected account is.
   * A record without a region (IAM) is covered by its type's listing in any region.
   */
  check(type: string, account: string | undefined, region: string | undefined): string | undefined {
    const accounts = account ? [account] : this.accounts;
    if (accounts.length === 0) return `${type} was not collected live`;
    for (const acct of accounts) {
      const gap = this.input.gaps.find(
        (g) => g.type === type && (g.account === undefined || g.account === acct) && (g.region === undefined || region === undefined || g.region === region),
      );
      if (gap) return gap.action ? `${gap.reason} (needs ${gap.action})` : gap.reason;
      const listed = this.input.collected.some((c) => c.type === type && c.account === acct && (c.region === undefined || region === undefined || c.region === region));
      if (!listed) return `${type} was not collected live in ${acct}${region ? ` ${region}` : ""}`;
    }
    return undefined;
  }
}
