// A static server for the browser benchmarks that behaves like a static host: node's http module,
// keep-alive, every request answered as soon as it is read (the e2e harness's `python3 -m
// http.server` speaks HTTP/1.0, so Chromium opens a new connection for every file).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { serve } from './harness.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.bin': 'application/octet-stream',
};

/** Serves `dir` on 127.0.0.1 with node's http module; returns { base, stop }. */
export async function serveNode(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
    try {
      const body = await readFile(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() };
}

/** `--server=node` (node's http module) or `--server=python` (the e2e harness's; the default). */
export function serverFromArgs(dir, argv = process.argv) {
  const kind = argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? 'python';
  if (kind !== 'node' && kind !== 'python') throw new Error(`--server=${kind}: node or python`);
  return { kind, server: kind === 'node' ? serveNode(dir) : serve(dir) };
}
