// The IPC types, as the UI imports them. The contract itself is generated from the Rust
// types into ./bindings.ts (never edited by hand: a Rust test fails while it is stale); this
// module passes it on, with the UI's own names for three of its types, and tells the codes
// the backend has from anything else that arrives.

import { CHECK_CODES, ERROR_CODES, type CheckCode, type ErrorCode } from './bindings';

export * from './bindings';
export type { Check as PreflightCheck, ErrorPayload as BackendError, ItemStatus as ExportItemStatus } from './bindings';

/** One of the codes the backend rejects with. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code);
}

/** One of the preflight's check codes. */
export function isCheckCode(code: unknown): code is CheckCode {
  return (CHECK_CODES as readonly unknown[]).includes(code);
}
