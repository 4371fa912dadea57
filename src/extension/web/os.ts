/** `os` for the web extension: only `homedir()` is used (a default folder for new configs when no workspace is open). */
export function homedir(): string {
  return '/';
}
