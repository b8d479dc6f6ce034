// A file without semicolons whose SDK imports are not next to each other: the imports the move
// writes end like the file's own, keep the order of those they replace, and the blank line
// after the last import stays.
import express from 'express'
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server'
import { toNodeHandler } from '@modelcontextprotocol/node'
import { z } from 'zod'
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express'

const app = express()
app.use('/mcp', localhostHostValidation(), localhostOriginValidation())
app.use(express.json())

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' })
  server.registerTool('add_note', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }))
  return server
}

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()))

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body)
})
app.get('/mcp', (req, res) => mcpHandler(req, res))
app.delete('/mcp', (req, res) => mcpHandler(req, res))

app.listen(3002, 'localhost')
