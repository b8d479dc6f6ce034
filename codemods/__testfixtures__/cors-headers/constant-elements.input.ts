// A header list written out beside names held in constants (this file's, or imported): the
// literals are dropped and added as in any list; the constants stay where they are.
import express from 'express';
import cors from 'cors';
import { TRACE_HEADER } from './constants.js';

const API_TOKEN_HEADER = 'Hackmd-Api-Token';

const app = express();
app.use(
  cors({
    allowedHeaders: ['Content-Type', 'mcp-session-id', API_TOKEN_HEADER, TRACE_HEADER],
  }),
);
