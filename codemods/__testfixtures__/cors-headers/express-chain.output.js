const express = require('express');
const { mcpHandler } = require('./mcp');

const router = express.Router();

router.options('/mcp', (req, res) => {
  res
    .set('Access-Control-Allow-Origin', req.get('origin') || '*')
    .set('Access-Control-Allow-Headers', 'Content-Type,Mcp-Method,Mcp-Name,MCP-Protocol-Version')
    .sendStatus(204);
});

router.post('/mcp', (req, res) => {
  res.header('Access-Control-Allow-Origin', '*');
  return mcpHandler(req, res);
});

module.exports = router;
