/**
 * The simulator's own view of what Alipay accepts and answers, written from Alipay's pages and
 * official SDKs (sources.ts), independent of the node it judges.
 */
import { APIS } from './apis';
import type { ApiContract } from './schema';

export { APIS, NOTIFICATIONS } from './apis';
export { formatIsoDateTime, isIsoDateTime, parseIsoDateTime } from './datetime';
export type { ApiContract, ApiName, FieldRule, NotificationName } from './schema';
export { SOURCES, type SourceId } from './sources';
export { validateNotification, validateRequest, validateResponse, type ContractOptions, type Violation } from './validate';

export const PRODUCTION_PREFIX = '/ams/api';
export const SANDBOX_PREFIX = '/ams/sandbox/api';

/** Sandbox client IDs start with SANDBOX_ (the sandbox page's client IDs). */
export function isSandboxClientId(clientId: string): boolean {
	return clientId.startsWith('SANDBOX_');
}

/** `/ams/api/v1/payments/pay`, or the sandbox twin. */
export function apiPath(api: ApiContract['name'], sandbox: boolean): string {
	return (sandbox ? SANDBOX_PREFIX : PRODUCTION_PREFIX) + APIS[api].path;
}

/** The API behind a gateway path (query ignored), and whether it was the sandbox one. */
export function findApi(path: string): { api: ApiContract; sandbox: boolean } | undefined {
	const [, sandboxSegment, rest] = /^\/ams\/(sandbox\/)?api(\/[^?]*)/.exec(path) ?? [];
	const api = rest === undefined ? undefined : Object.values(APIS).find((a) => a.path === rest);
	return api && { api, sandbox: sandboxSegment !== undefined };
}
