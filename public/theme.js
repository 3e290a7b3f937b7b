// Applies the theme the reader chose with the toggle (components/layout/theme-toggle.tsx)
// before the first paint; without a choice the stylesheet follows the system setting.
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage is blocked: the system setting applies.
}
