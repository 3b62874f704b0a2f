// Static server for www/ on 127.0.0.1 (PORT, default 8080). No dependencies, no logging of data.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = resolve(fileURLToPath(new URL('../www', import.meta.url)));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Content-Security-Policy sent with every response, pages and the worker's script alike (a
 * module worker takes its policy from its own response, not from the page's <meta>). It is the
 * policy the README gives embedders: the widget's own scripts, stylesheet and module worker,
 * WebAssembly compilation, same-origin fetches of its own files; data: images only for the
 * chart's PNG download; nothing from or to another origin.
 */
export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Starts the server for `dir` (default www/); resolves to { server, url }. Port 0 picks a free
 * port. */
export function serve(port = Number(process.env.PORT ?? 8080), host = '127.0.0.1', dir = www) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'content-security-policy': POLICY,
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await serve();
  console.log(`loyalty-scorecard is served at ${url}  (Ctrl+C to stop)`);
}
