import { createServer } from 'node:http';
import { dispatch } from './dispatch.mjs';

const ALLOWED_ORIGIN = process.env.ALLOWED_ORIGIN ?? 'http://localhost:5173';

function applyCors(res) {
  res.setHeader('Access-Control-Allow-Origin', ALLOWED_ORIGIN);
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Mcp-Session-Id');
  // Let the browser read the session id the server mints.
  res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id');
}

createServer(async (req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': ALLOWED_ORIGIN,
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'content-type,authorization,mcp-session-id,mcp-protocol-version',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
    return;
  }
  applyCors(res);
  await dispatch(req, res);
}).listen(8080);
