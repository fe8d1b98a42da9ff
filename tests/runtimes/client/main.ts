/** `<runtime> client/main.ts <proxy URL>`: one generation through the proxy, printed as JSON. */
import { generateThroughProxy } from './generate.ts';

const proxyURL = process.argv[2];
if (!proxyURL) throw new Error('usage: client/main.ts <proxy URL>');
console.log(JSON.stringify(await generateThroughProxy(proxyURL)));
