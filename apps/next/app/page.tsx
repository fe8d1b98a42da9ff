import { ClientDemo } from './client-demo';
import { sampleDataURI } from './samples';
import { ServerGenerate } from './server-generate';

/** The page: rendered on the server, then hydrated. */
export default async function Page() {
  const [clock, room] = await Promise.all([sampleDataURI('clock.png'), sampleDataURI('room.png')]);
  return (
    <main>
      <h1>TokenHub image kit on Next.js</h1>
      <ClientDemo clock={clock} room={room} />
      <ServerGenerate />
    </main>
  );
}
