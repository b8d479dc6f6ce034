// Comments above a property the codemod removes that belong to the property before it stay: an
// alternative kept for later (`// origin: [...]`) and the continuation of a comment that trails
// the line before. A comment of the removed property's own goes with it.
const express = require('express');
const cors = require('cors');

const app = express();
app.use(
  cors({
    origin: '*', // open while we test, later:
    // origin: ['https://app.example.com', 'https://admin.example.com'],
    exposedHeaders: ['Mcp-Session-Id'],
  }),
);

app.use(
  '/admin',
  cors({
    credentials: true, // cookies for the dashboard
    // exposedHeaders: the session header lets the playground resume
    exposedHeaders: ['Mcp-Session-Id'],
    maxAge: 600,
  }),
);

app.use(
  '/legacy',
  cors({
    origin: true, // reflects the caller; see the notes in docs/cors.md, which list
    // the origins the gateway accepts.
    exposedHeaders: ['Mcp-Session-Id'],
    maxAge: 600,
  }),
);

app.listen(3000);
