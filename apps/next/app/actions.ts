'use server';

import { imageRequest, TokenHubError } from '@tokenhub/image-core';
import { createTokenHubClient } from '@tokenhub/image-core/node';

/** What the server action hands back to the page: plain, serialisable data. */
export type ServerGenerationState =
  | { status: 'idle' }
  | { status: 'done'; urls: string[]; requestId: string | undefined }
  | { status: 'error'; message: string };

/**
 * Generates on the server with the Node client (undici keep-alive), with the server's key: the
 * browser only posts the form and gets the image links back.
 */
export async function generateOnServer(
  _previous: ServerGenerationState,
  form: FormData,
): Promise<ServerGenerationState> {
  const prompt = String(form.get('prompt') ?? '');
  try {
    const client = createTokenHubClient({
      apiKey: process.env.TOKENHUB_API_KEY,
      baseURL: process.env.TOKENHUB_BASE_URL,
    });
    // Invalid input (an empty prompt, ...) throws TokenHubValidationError before any network call.
    const result = await client.generateImages(
      imageRequest('wan2.7-image').text(prompt).size('1K').n(1),
    );
    return {
      status: 'done',
      urls: result.images.map((image) => image.url),
      requestId: result.requestId,
    };
  } catch (error) {
    // Only our own typed errors are shown; they never contain the key.
    if (TokenHubError.isInstance(error)) return { status: 'error', message: error.message };
    throw error;
  }
}
