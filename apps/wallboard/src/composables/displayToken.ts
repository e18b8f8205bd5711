/**
 * A TV is paired once: an admin opens the wallboard's address with `#display=<token>` (the
 * fragment never reaches a server or its logs). The page keeps the token in localStorage,
 * removes it from the address bar, and sends it with every request.
 */
const STORAGE_KEY = 'mieruka.displayToken';

export function pairedDisplayToken(): string | null {
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('display');
  if (fromLink) {
    localStorage.setItem(STORAGE_KEY, fromLink);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromLink;
  }
  return localStorage.getItem(STORAGE_KEY);
}
