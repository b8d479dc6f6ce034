// Plain JavaScript without JSDoc types (trial 75A B8): every value stored under the session id is
// built from literals, the tools' arguments whose zod schemas make them strings, numbers or enums,
// arrays, arithmetic, `.length` and Date.now(), and the entries change in place only by such values
// (a push, a `+=`, a field set). That is plain JSON, so both maps move under a handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.mjs';

const recipes = handleState('recipes');
const stepCounts = handleState('stepCounts');

export function buildServer() {
  const server = new McpServer({ name: 'recipes', version: '1.0.0' });
  server.tool('start_recipe', 'Start a recipe. Returns recipe_id: pass it to add_step, show_recipe.', { name: z.string(), serves: z.number().int().min(1), cuisine: z.enum(['thai', 'french', 'other']).optional() }, mintingHandle([recipes, stepCounts], { handle: 'recipe_id', initial: {} }, async ({ recipe_id, name, serves, cuisine }, _extra) => {
    recipes.set(recipe_id, { name, serves, cuisine: cuisine ?? 'other', steps: [], tags: ['draft'], startedAt: Date.now() });
    stepCounts[recipe_id] = 0;
    return { content: [{ type: 'text', text: `started ${name}` }] };
  }));
  server.tool('add_step', 'Add a step', { recipe_id: z.string().describe('Handle from start_recipe'), text: z.string().min(1), minutes: z.number() }, withHandle([recipes, stepCounts], { handle: 'recipe_id', mintedBy: 'start_recipe' }, async (args, _extra) => {
    const recipe = recipes.get(args.recipe_id);
    if (!recipe) return { isError: true, content: [{ type: 'text', text: 'start a recipe first' }] };
    recipe.steps.push({ text: args.text, minutes: args.minutes, label: `Step ${recipe.steps.length + 1}` });
    recipe.totalMinutes = (recipe.totalMinutes ?? 0) + args.minutes;
    stepCounts[args.recipe_id] = (stepCounts[args.recipe_id] ?? 0) + 1;
    return { content: [{ type: 'text', text: `${recipe.steps.length} step(s), ${recipe.totalMinutes} min` }] };
  }));
  server.tool('show_recipe', 'Show the recipe', { recipe_id: z.string().describe('Handle from start_recipe') }, withHandle([recipes, stepCounts], { handle: 'recipe_id', mintedBy: 'start_recipe' }, async ({ recipe_id }, _extra) => {
    const recipe = recipes.get(recipe_id);
    if (!recipe) return { isError: true, content: [{ type: 'text', text: 'no recipe' }] };
    const lines = recipe.steps.map((s) => `${s.label}: ${s.text} (${s.minutes} min)`);
    return { content: [{ type: 'text', text: `${recipe.name} for ${recipe.serves}, ${stepCounts[recipe_id] ?? 0} step(s)\n${lines.join('\n')}` }] };
  }));
  return server;
}
