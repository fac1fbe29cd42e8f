/**
 * The two databases Roster runs on. Its own module so migrations, which must
 * know the dialect, never import database.ts (which imports every migration).
 */
export type DialectName = 'sqlite' | 'postgres';
