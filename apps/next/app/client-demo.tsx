'use client';

import { BboxPicker, type Box } from '@tokenhub/bbox-picker';
import { imageRequest } from '@tokenhub/image-core';
import { TokenHubProvider, useImageGeneration } from '@tokenhub/image-react';
import { useState } from 'react';
import { Results } from './results';

/** The browser side: the hook talks to this app's route handler, which holds the key. */
export function ClientDemo({ clock, room }: { clock: string; room: string }) {
  return (
    <TokenHubProvider baseURL="/api/tokenhub">
      <TextToImage />
      <InteractiveEdit clock={clock} room={room} />
    </TokenHubProvider>
  );
}

function TextToImage() {
  const [prompt, setPrompt] = useState('A red fox in the snow');
  const { generate, stop, isPending, images, error } = useImageGeneration();
  return (
    <section aria-labelledby="text-to-image">
      <h2 id="text-to-image">Text to image (in the browser, through the route handler)</h2>
      <label>
        Prompt
        <input type="text" value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      </label>
      <button
        type="button"
        onClick={() => generate(imageRequest('wan2.7-image').text(prompt).size('1K').n(1))}
      >
        Generate
      </button>
      {isPending && (
        <button type="button" onClick={stop}>
          Cancel
        </button>
      )}
      <Results
        label="Text to image results"
        urls={images.map((image) => image.url)}
        error={error?.message}
      />
    </section>
  );
}

function InteractiveEdit({ clock, room }: { clock: string; room: string }) {
  const [boxes, setBoxes] = useState<Box[]>([]);
  const { generate, isPending, images, error } = useImageGeneration();
  const request = imageRequest('wan2.7-image')
    .image(clock)
    .image(room, { boxes })
    .text('Place the alarm clock from image 1 into the selected box in image 2.')
    .size('1K')
    .n(1);
  const { ok, errors } = request.validate();
  return (
    <section aria-labelledby="interactive-edit">
      <h2 id="interactive-edit">Interactive editing (draw a box on image 2)</h2>
      <div className="pickers">
        <BboxPicker src={clock} alt="Image 1: the clock" disabled style={{ width: 160 }} />
        <BboxPicker
          src={room}
          alt="Image 2: the room"
          value={boxes}
          onChange={setBoxes}
          maxBoxes={2}
          style={{ width: 480 }}
        />
      </div>
      <p>
        Boxes on image 2: <output data-testid="boxes">{JSON.stringify(boxes)}</output>
      </p>
      <button
        type="button"
        disabled={!ok || boxes.length === 0 || isPending}
        onClick={() => generate(request)}
      >
        Edit
      </button>
      {errors.map((issue) => (
        <p key={`${issue.path}:${issue.rule}`} role="alert">
          {issue.path}: {issue.message}
        </p>
      ))}
      <Results
        label="Interactive edit results"
        urls={images.map((image) => image.url)}
        error={error?.message}
      />
    </section>
  );
}
