export type Revision = { at: number; text: string };
