// The colour theme, applied before the page paints (loaded in <head>, not deferred, so there is no light flash in dark
// mode): the visitor's choice from the toggle (localStorage "theme": "light" or "dark"), else the system's
// prefers-color-scheme. A file, not an inline script, so the strict CSP allows it.
(function () {
  var key = 'theme';
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function stored() {
    try {
      var value = localStorage.getItem(key);
      return value === 'light' || value === 'dark' ? value : null;
    } catch (e) {
      return null; // storage disabled: follow the system
    }
  }

  function system() {
    return media && media.matches ? 'dark' : 'light';
  }

  function apply() {
    document.documentElement.setAttribute('data-bs-theme', stored() || system());
    document.dispatchEvent(new Event('portal-theme-changed'));
  }

  apply();
  if (media && media.addEventListener) {
    media.addEventListener('change', apply);
  }

  // For site.js's toggle: keep a choice only while it differs from the system, so choosing the system's theme again
  // means "follow the system" from then on.
  window.portalTheme = {
    current: function () { return document.documentElement.getAttribute('data-bs-theme'); },
    choose: function (theme) {
      try {
        if (theme === system()) {
          localStorage.removeItem(key);
        } else {
          localStorage.setItem(key, theme);
        }
      } catch (e) {
        // storage disabled: the choice lasts for this page only
      }
      document.documentElement.setAttribute('data-bs-theme', theme);
    }
  };
})();
