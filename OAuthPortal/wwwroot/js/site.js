// OAuthPortal's only script, loaded from a file (no inline script, so a CSP without 'unsafe-inline' allows it).
(function () {
  // An announcement region for screen readers ("Copied").
  var live = document.createElement('div');
  live.setAttribute('aria-live', 'polite');
  live.className = 'visually-hidden';
  document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(live); });

  // "Copy" buttons: data-copy="#element-id" copies that element's text (the Clipboard API where the page is a secure
  // context, else the selection and execCommand, which plain-http Development pages still allow).
  function copied(button) {
    var label = button.textContent;
    button.textContent = 'Copied';
    live.textContent = 'Copied to the clipboard';
    setTimeout(function () { button.textContent = label; live.textContent = ''; }, 1500);
  }

  function copyBySelection(source) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try {
      done = document.execCommand('copy');
    } catch (e) {
      done = false;
    }
    return done;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () { copied(button); }, function () {
        if (copyBySelection(source)) {
          copied(button);
        }
      });
    } else if (copyBySelection(source)) {
      copied(button);
    }
  });

  // The theme toggle (theme.js applied the theme already): a "Dark theme" button, pressed while the theme is dark. It is
  // hidden until this script runs, since without scripts it could do nothing.
  function labelToggle(button) {
    button.setAttribute('aria-pressed', window.portalTheme.current() === 'dark' ? 'true' : 'false');
  }

  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.getElementById('theme-toggle');
    if (!toggle || !window.portalTheme) {
      return;
    }
    labelToggle(toggle);
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      window.portalTheme.choose(window.portalTheme.current() === 'dark' ? 'light' : 'dark');
      labelToggle(toggle);
    });
    // The system's theme changed while the page was open (theme.js followed it): the button says so too.
    document.addEventListener('portal-theme-changed', function () { labelToggle(toggle); });
  });

  // Forms marked data-submit-once: a double click sends one request (the buttons are disabled once it is on its way).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute('data-submit-once')) {
      return;
    }
    setTimeout(function () {
      form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
