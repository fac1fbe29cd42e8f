// Applies the chosen theme before the first paint (loaded blocking in <head>),
// so a dark-mode reader never sees a white flash. The console's own code
// (src/client/lib/theme.ts) reads and writes the same key.
(function () {
  var choice = 'system';
  try {
    choice = localStorage.getItem('roster-theme') || 'system';
  } catch {
    // storage blocked: follow the system
  }
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
