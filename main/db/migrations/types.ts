/** A numbered, never-edited schema step. Shipped migrations are immutable: add a new one instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
