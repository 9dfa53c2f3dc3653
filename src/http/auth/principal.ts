import type { Application, Credential, Permission, Scope } from '../../core/index.js';

export type Principal =
  | { kind: 'api_key'; credential: Credential; application: Application }
  | { kind: 'access_token'; credential: Credential; application: Application; sub: string; scopes: ReadonlySet<string> }
  | {
      kind: 'element_token';
      credential: Credential;
      application: Application;
      /** Ordered subs; the first is the primary sub. */
      subs: string[];
      primarySub: string;
      permissions: ReadonlySet<Permission>;
      origin: string;
    };

/** Which credentials a route accepts (PROTOCOL §5.1, §4.5). */
export interface RouteAuth {
  apiKey?: boolean;
  /** Access tokens accepted; with `scope`, one of these scopes (or read_write) is required. */
  accessToken?: boolean;
  scope?: Scope | readonly Scope[];
  /** Element tokens accepted when they hold any of these permissions. */
  element?: readonly Permission[];
}

/** The account an account-scoped call acts on: the access token's, or the element token's primary sub. */
export function accountSub(p: Principal): string {
  if (p.kind === 'access_token') return p.sub;
  if (p.kind === 'element_token') return p.primarySub;
  throw new Error('an API key does not identify an account');
}
