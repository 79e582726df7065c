// OAuthPortal's only script, loaded from a file (no inline script, so a CSP without 'unsafe-inline' allows it).
(function () {
  // An announcement region for screen readers ("Copied").
  var live = document.createElement('div');
  live.setAttribute('aria-live', 'polite');
  live.className = 'visually-hidden';
  document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(live); });

  // "Copy" buttons: data-copy="#element-id" copies that element's text.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button || !navigator.clipboard) {
      return;
    }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      live.textContent = 'Copied to the clipboard';
      setTimeout(function () { button.textContent = label; live.textContent = ''; }, 1500);
    });
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
