import cors from 'cors';
import express from 'express';
import { handleMcp } from './mcp.js';

const app = express();

// The widget runs in the chat client's iframe and calls /mcp cross-origin.
app.use(cors({
  origin: '*', // any host may embed the widget
  allowedHeaders: ['Content-Type', 'Mcp-Session-Id'], // what the widget sends
  exposedHeaders: ['Mcp-Session-Id'] // the widget reads the session back
}));

app.post('/mcp', (req, res) => handleMcp(req, res));

app.listen(3000);
