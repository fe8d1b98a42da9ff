/**
 * A local HTTP server that speaks TokenHub's `POST /v1/images/generations` and answers with real
 * PNGs, for tests, demos and Storybook without a key or network. Start it with
 * {@link startMockGateway}.
 * @packageDocumentation
 */
export { isMockFault, MOCK_FAULTS, type MockFault } from './faults.js';
export {
  type ImageDimensions,
  type ImageFormat,
  readImageDimensions,
} from './image-dimensions.js';
export { BOX_COLORS, BOX_STROKE } from './render-image.js';
export { countsAsGeneration, generationsByIdempotencyKey } from './request-log.js';
export { startMockGateway } from './server.js';
export type {
  MockGateway,
  MockGatewayOptions,
  RecordedRequest,
  RecordedRequestJson,
  RequestOutcome,
} from './types.js';
