// A file without semicolons whose SDK imports are not next to each other: the imports the move
// writes end like the file's own, keep the order of those they replace, and the blank line
// after the last import stays.
import express from 'express'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'

const app = express()
app.use(express.json())

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' })
  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }))
  return server
}

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
  res.on('close', () => transport.close())
  await buildServer().connect(transport)
  await transport.handleRequest(req, res, req.body)
})

app.listen(3002, 'localhost')
