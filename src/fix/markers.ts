/**
 * `TODO(mcp-migrate)` markers: a comment above the line a person must look at, saying what and
 * why with a link to the spec. A marker already present directly above the line is not added
 * again, so running `fix` twice leaves one marker.
 */
import type { Marker } from '../../codemods/types.js';
import type { FileKind } from '../scan/files.js';

export const MARKER_TAG = 'TODO(mcp-migrate)';

export interface PlacedMarker extends Marker {
  codemod: string;
  /** True when this run added the comment; false when it was already there or the file type has no comments (JSON). */
  inserted: boolean;
}

/** How a comment starts in this file, or undefined when it cannot hold one (wrangler.json). */
export function commentStyle(kind: FileKind, file: string): '//' | '#' | undefined {
  if (kind.type === 'code') return '//';
  if (kind.kind === 'wrangler') return /\.toml$/i.test(file) ? '#' : /\.jsonc$/i.test(file) ? '//' : undefined;
  return '#';
}

export function markerText(message: string, link: string): string {
  return `${MARKER_TAG}: ${message.replace(/\*\//g, '* /')} (${link})`;
}

export function insertMarkers(text: string, markers: Marker[], style: '//' | '#', codemod: string): { text: string; inserted: PlacedMarker[] } {
  const lines = text.split('\n');
  const planned: Array<{ marker: Marker; index: number; present: boolean }> = [];
  for (const marker of markers) {
    const index = Math.max(0, Math.min(lines.length - 1, marker.line - 1));
    const comment = markerText(marker.message, marker.link);
    // The same marker among the comment lines directly above means an earlier run added it.
    let above = index - 1;
    let present = false;
    while (above >= 0 && lines[above].trim().startsWith(style)) {
      if (lines[above].includes(comment)) present = true;
      above--;
    }
    if (!planned.some((p) => p.index === index && p.marker.message === marker.message)) planned.push({ marker, index, present });
  }
  // Insert bottom-up so earlier insertions do not shift later ones.
  for (const p of [...planned].sort((a, b) => b.index - a.index)) {
    if (p.present) continue;
    const indent = /^[ \t]*/.exec(lines[p.index])![0];
    lines.splice(p.index, 0, `${indent}${style} ${markerText(p.marker.message, p.marker.link)}`);
  }
  // Final 1-based line of each marker comment, top-down.
  const placed: PlacedMarker[] = [];
  let shift = 0;
  for (const p of [...planned].sort((a, b) => a.index - b.index)) {
    if (p.present) placed.push({ ...p.marker, line: p.index + shift, codemod, inserted: false });
    else {
      placed.push({ ...p.marker, line: p.index + shift + 1, codemod, inserted: true });
      shift++;
    }
  }
  return { text: lines.join('\n'), inserted: placed };
}
