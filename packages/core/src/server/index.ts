/**
 * Server-side proxy that keeps the TokenHub key off the browser: a Web-standard handler
 * (`createProxyHandler`) and an adapter for node:http, Connect and Express (`toNodeHandler`).
 * @packageDocumentation
 */
export type {
  AuthorizeAcceptance,
  AuthorizeFunction,
  AuthorizeRejection,
  AuthorizeResult,
} from './authorize.js';
export type {
  ByteRange,
  ImageStore,
  ImageToKeep,
  KeptImage,
} from './files/image-store.js';
export type { ImageKeepReport } from './files/keep-images.js';
export type {
  ClaimResult,
  GenerationLedger,
  LedgerEntry,
  LedgerEntryState,
  StoredAnswer,
} from './ledger/ledger.js';
export { type MemoryLedgerOptions, memoryLedger } from './ledger/memory-ledger.js';
export type { NodeHandler, NodeRequestLike, NodeResponseLike } from './node-handler.js';
export { toNodeHandler } from './node-handler.js';
export type { ProxyCompletion, ProxyHandler, ProxyHandlerOptions } from './proxy-handler.js';
export { createProxyHandler } from './proxy-handler.js';
